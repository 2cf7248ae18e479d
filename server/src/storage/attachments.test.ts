import { attachmentsContract } from './attachments.contract.js';
import { onBothDatabases } from './both-databases.test-helpers.js';

await onBothDatabases('attachment store', attachmentsContract);
