import { apiTokensContract } from './api-tokens.contract.js';
import { onBothDatabases } from './databases.test-helpers.js';

await onBothDatabases('API tokens', apiTokensContract);
