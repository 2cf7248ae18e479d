import { onBothDatabases } from './databases.test-helpers.js';
import { inboxContract } from './inbox.contract.js';

await onBothDatabases('the staff inbox', inboxContract);
