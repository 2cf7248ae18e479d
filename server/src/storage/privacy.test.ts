import { onBothDatabases } from './databases.test-helpers.js';
import { privacyContract } from './privacy.contract.js';

await onBothDatabases('GDPR export and erasure', privacyContract);
