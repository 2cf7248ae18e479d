import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './cli/index.js';
import { configSchema, ENV_VARS } from './config.js';
import { inputKind } from './settings/define.js';
import { updateSettingsDoc } from './settings/docs.js';
import { SETTING_ENTRIES } from './settings/table.js';

const doc = readFileSync(new URL('../../docs/server-config.md', import.meta.url), 'utf8');

// Names users already rely on (before the settings table): they must keep working.
const EXISTING_ENV =
  'PORT HOST SWITCHBOARD_DATA SWITCHBOARD_KB SWITCHBOARD_CONFIG SWITCHBOARD_EMBEDDER SWITCHBOARD_MODEL_DIR DATABASE_URL REDIS_URL SWITCHBOARD_REDIS_PREFIX SWITCHBOARD_DATABASE_SCHEMA SWITCHBOARD_SECRET SWITCHBOARD_MODE SWITCHBOARD_ALLOWED_ORIGINS SWITCHBOARD_MAX_TEXT_LENGTH SWITCHBOARD_MAX_ATTRIBUTES SWITCHBOARD_MAX_ATTRIBUTE_LENGTH LLM_URL LLM_MODEL LLM_API_KEY SWITCHBOARD_ADMIN_TOKEN SWITCHBOARD_METRICS_TOKEN LOG_LEVEL SWITCHBOARD_BUSINESS_HOURS SWITCHBOARD_TIME_ZONE SWITCHBOARD_WEBHOOK_URL SWITCHBOARD_WEBHOOK_SECRET SWITCHBOARD_WEBHOOK_FORMAT SWITCHBOARD_PUBLIC_URL SWITCHBOARD_IDENTITY_SECRET SWITCHBOARD_IDENTITY_JWKS_URL SWITCHBOARD_IDENTITY_SECRET_FILE SWITCHBOARD_METRICS_PUBLIC SWITCHBOARD_TRUST_PROXY SWITCHBOARD_ATTACHMENT_MAX_BYTES SWITCHBOARD_ATTACHMENT_TYPES SWITCHBOARD_S3_BUCKET SWITCHBOARD_S3_ENDPOINT SWITCHBOARD_S3_REGION SWITCHBOARD_S3_ACCESS_KEY_ID SWITCHBOARD_S3_SECRET_ACCESS_KEY SWITCHBOARD_S3_PREFIX SWITCHBOARD_SMTP_URL SWITCHBOARD_MAIL_FROM SWITCHBOARD_ASSIGNMENT'.split(
    ' ',
  );
const EXISTING_FLAGS =
  '-p --port --host -d --data --kb --watch -c --config --embedder --model-dir --allow-remote-models --allowed-origins --mode --max-text-length --llm-url --llm-model --demo --no-demo --metrics-public --redis-prefix --database-schema --job-lease-ms --log-level --identity-secret-file --identity-jwks-url --identity-issuer --identity-audience --identity-required --session-ttl --trust-proxy --rate-messages-per-minute --rate-messages-per-hour --rate-ip-messages-per-minute --rate-events-per-minute --rate-requests-per-minute --rate-logins-per-minute --rate-connections-per-minute --max-connections-per-ip --assignment'.split(
    ' ',
  );

const serve = buildProgram().commands.find((c) => c.name() === 'serve')!;

describe('the settings table', () => {
  it('gives every setting an environment variable and a flag, or says why not', () => {
    for (const [key, s] of SETTING_ENTRIES) {
      for (const v of [s.env, s.flag])
        if (typeof v !== 'string') expect(v.none.length, `${key}: a reason for the missing name`).toBeGreaterThan(10);
      expect(typeof s.env === 'string' || typeof s.flag === 'string', `${key} can be set from outside`).toBe(true);
      expect(s.doc, key).not.toMatch(/\n|\|(?<!\\\|)/);
    }
  });

  it('uses each name once, and flags take a value exactly when the setting is not a boolean', () => {
    const envs = SETTING_ENTRIES.flatMap(([, s]) => (typeof s.env === 'string' ? [s.env] : []));
    expect(new Set(envs).size).toBe(envs.length);
    const longs = serve.options.map((o) => o.long);
    expect(new Set(longs).size).toBe(longs.length);
    for (const [key, s] of SETTING_ENTRIES) {
      if (typeof s.flag !== 'string') continue;
      const takesValue = /[<[]/.test(s.flag);
      expect(takesValue, `${key}: ${s.flag}`).toBe(inputKind(s.type) !== 'boolean');
      // A boolean that defaults to on is useless as a flag unless it can be turned off.
      if (inputKind(s.type) === 'boolean' && configSchema.shape[key].safeParse(undefined).data === true)
        expect(s.negatable, `${key} needs --no-`).toBe(true);
    }
  });

  it('keeps every variable and flag name that existed before it', () => {
    for (const name of EXISTING_ENV) expect(ENV_VARS, name).toHaveProperty(name);
    const flags = serve.options.flatMap((o) => [o.short, o.long]);
    for (const flag of EXISTING_FLAGS) expect(flags, flag).toContain(flag);
  });
});

describe('docs/server-config.md', () => {
  it('is what `npm run docs:config` writes from the settings table', () => {
    expect(doc === updateSettingsDoc(doc), 'docs/server-config.md is out of date: run npm run docs:config').toBe(true);
  });

  it('documents every option, variable and flag of switchboard serve', () => {
    for (const key of Object.keys(configSchema.shape)) expect(doc, `option ${key}`).toContain(`\`${key}\``);
    for (const name of Object.keys(ENV_VARS)) expect(doc, `variable ${name}`).toContain(`\`${name}\``);
    for (const option of serve.options) expect(doc, `flag ${option.long}`).toContain(`\`${option.long}`);
  });
});
