import { describe } from 'vitest';
import { needService, reachable } from '../testing/services.js';
import { freshPostgres, sharedDatabase } from './databases.test-helpers.js';
import { storeContract } from './store.contract.js';

const available = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

describe.runIf(available)('PostgreSQL via DATABASE_URL', () => {
  storeContract(sharedDatabase(freshPostgres));
});
