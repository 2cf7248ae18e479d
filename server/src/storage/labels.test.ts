import { onBothDatabases } from './databases.test-helpers.js';
import { labelsContract } from './labels.contract.js';

await onBothDatabases('conversation labels', labelsContract);
