import { cannedContract } from './canned.contract.js';
import { onBothDatabases } from './databases.test-helpers.js';

await onBothDatabases('canned replies', cannedContract);
