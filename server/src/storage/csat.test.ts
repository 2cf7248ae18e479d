import { csatContract } from './csat.contract.js';
import { onBothDatabases } from './databases.test-helpers.js';

await onBothDatabases('CSAT ratings', csatContract);
