import { onBothDatabases } from './databases.test-helpers.js';
import { searchContract } from './search.contract.js';

await onBothDatabases('the console search', searchContract);
