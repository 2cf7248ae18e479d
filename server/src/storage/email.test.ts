import { onBothDatabases } from './databases.test-helpers.js';
import { emailContract } from './email.contract.js';

await onBothDatabases('e-mail unsubscribes', emailContract);
