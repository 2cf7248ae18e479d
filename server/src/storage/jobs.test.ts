import { describe } from 'vitest';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { openDatabase } from './db.js';
import { jobsContract } from './jobs.contract.js';
import { migrate } from './migrate.js';

describe('durable jobs on PGlite', () => {
  jobsContract(async () => {
    const db = await openDatabase({});
    await migrate(db);
    return db;
  });
});

describe('durable jobs on PGlite in a worker thread', () => {
  jobsContract(async () => {
    const db = await openDatabase({ embeddedWorker: true });
    await migrate(db);
    return db;
  });
});

const available = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

describe.runIf(available)('durable jobs on PostgreSQL', () => {
  jobsContract(async () => {
    const db = await openDatabase({ databaseUrl: await freshDatabaseUrl() });
    await migrate(db);
    return db;
  });
});
