import { onBothDatabases } from './databases.test-helpers.js';
import { staffContract } from './staff.contract.js';

await onBothDatabases('staff accounts', staffContract);
