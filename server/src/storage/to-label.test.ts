import { onBothDatabases } from './databases.test-helpers.js';
import { toLabelContract } from './to-label.contract.js';

await onBothDatabases('the "To label" queue', toLabelContract);
