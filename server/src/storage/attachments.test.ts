import { attachmentsContract } from './attachments.contract.js';
import { onBothDatabases } from './databases.test-helpers.js';

await onBothDatabases('attachment store', attachmentsContract);
