import { correctionsContract } from './corrections.contract.js';
import { onBothDatabases } from './databases.test-helpers.js';

await onBothDatabases('routing corrections', correctionsContract);
