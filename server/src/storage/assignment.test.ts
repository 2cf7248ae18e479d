import { describe } from 'vitest';
import { TRANSITIONS } from '../conversations/states.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { assignmentContract } from './assignment.contract.js';
import { openDatabase } from './db.js';
import { migrate } from './migrate.js';

describe('assignment store on PGlite', () => {
  assignmentContract(async () => {
    const db = await openDatabase({});
    await migrate(db);
    return db;
  }, TRANSITIONS);
});

const available = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

describe.runIf(available)('assignment store on PostgreSQL', () => {
  assignmentContract(async () => {
    const db = await openDatabase({ databaseUrl: await freshDatabaseUrl() });
    await migrate(db);
    return db;
  }, TRANSITIONS);
});
