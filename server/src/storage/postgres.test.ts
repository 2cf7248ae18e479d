import { describe } from 'vitest';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { openDatabase } from './db.js';
import { migrate } from './migrate.js';
import { storeContract } from './store.contract.js';

const available = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

describe.runIf(available)('PostgreSQL via DATABASE_URL', () => {
  storeContract(async () => {
    const db = await openDatabase({ databaseUrl: await freshDatabaseUrl() });
    await migrate(db);
    return db;
  });
});
