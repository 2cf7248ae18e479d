import { auditContract } from './audit.contract.js';
import { onBothDatabases } from './databases.test-helpers.js';

await onBothDatabases('the audit log', auditContract);
