import { analyticsContract } from './analytics.contract.js';
import { onBothDatabases } from './databases.test-helpers.js';

await onBothDatabases('analytics report SQL', analyticsContract);
