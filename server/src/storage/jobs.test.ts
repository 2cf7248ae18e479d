import { onBothDatabases } from './databases.test-helpers.js';
import { jobsContract } from './jobs.contract.js';

await onBothDatabases('durable jobs', jobsContract);
