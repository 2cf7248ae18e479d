// `npm run docs:config`: rewrite the settings tables of docs/server-config.md from server/src/settings.
import { readFileSync, writeFileSync } from 'node:fs';
import { updateSettingsDoc } from '../src/settings/docs.js';

const path = new URL('../../docs/server-config.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = updateSettingsDoc(before);
writeFileSync(path, after);
process.stdout.write(after === before ? 'docs/server-config.md is up to date\n' : 'docs/server-config.md updated\n');
