import { onBothDatabases } from './databases.test-helpers.js';
import { statusContract } from './status.contract.js';

// A database of its own per backend: the contract closes it.
await onBothDatabases('status reads', statusContract, { fresh: true });
