import { onBothDatabases } from './databases.test-helpers.js';
import { statusContract } from './status.contract.js';

await onBothDatabases('status reads', statusContract);
