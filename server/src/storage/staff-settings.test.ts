import { onBothDatabases } from './databases.test-helpers.js';
import { staffSettingsContract } from './staff-settings.contract.js';

await onBothDatabases('staff settings', staffSettingsContract);
