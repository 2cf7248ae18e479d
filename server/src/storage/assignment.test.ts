import { TRANSITIONS } from '../conversations/states.js';
import { onBothDatabases } from './databases.test-helpers.js';
import { assignmentContract } from './assignment.contract.js';

await onBothDatabases('assignment store', (open) => assignmentContract(open, TRANSITIONS));
