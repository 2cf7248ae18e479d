import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { originPatternError } from './security/origins.js';
import { proxyEntryError } from './security/client-ip.js';
import { businessHours } from './handoff/hours.js';
import { resolveAssignment } from './handoff/assignment/config.js';
import { DEFAULT_ATTACHMENT_TYPES } from './attachments/policy.js';

/** Every server setting, with its default. `docs/server-config.md` documents each one. */
export const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('127.0.0.1'),
    /** Data folder: embedded database, knowledge-base index, secrets. */
    dataDir: z.string().min(1).default('./.switchboard'),
    /** A cache folder shared by servers, demo starts and test runs: trained router models (none: only the data folder's). */
    cacheDir: z.string().min(1).optional(),
    /** Knowledge-base folders or .jsonl files ingested (incrementally) at start. */
    kb: z.array(z.string()).default([]),
    /** Re-ingest when files under `kb` change. */
    watchKb: z.boolean().default(false),
    /** Router/agents configuration file (JSON or YAML); defaults are shipped. */
    config: z.string().optional(),
    /** Embedder spec: `use-lite` (default), `transformers:<model id>` or `hash` (tests). */
    embedder: z.string().default('use-lite'),
    /** Folder holding local Hugging Face models for `transformers:` embedders. */
    modelDir: z.string().optional(),
    /** Allow `transformers:` embedders to download from the model hub once. */
    allowRemoteModels: z.boolean().default(false),
    /** PostgreSQL connection string; when absent, PGlite is embedded under dataDir. */
    databaseUrl: z.string().url().optional(),
    /** Redis URL for several nodes (Socket.IO adapter, shared rate limits, presence). */
    redisUrl: z.string().url().optional(),
    /** Prefix of every Redis key, stream and channel: deployments sharing one Redis server need different ones. */
    redisPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only (1-64)')
      .default('switchboard'),
    /** PostgreSQL schema holding the tables (created when missing): deployments sharing one database need different ones. */
    databaseSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier')
      .optional(),
    /** Buffer cache of the embedded database in MB (inside its WebAssembly heap; the OS caches its files too). */
    embeddedDbBuffersMb: z.coerce.number().int().min(1).max(1024).default(16),
    /** How long a claimed reply or webhook job stays a node's without renewal (renewed while it runs) before any node may take it over (ms). */
    jobLeaseMs: z.coerce.number().int().min(500).default(15_000),
    /** How often each node looks for jobs whose lease ran out (ms). */
    jobSweepMs: z.coerce.number().int().min(100).default(5_000),
    /** Jobs each node's sweeper runs at once (reply jobs found after a crash, webhook retries). */
    jobConcurrency: z.coerce.number().int().min(1).max(100).default(4),
    /** Secret for signing visitor and session tokens; generated and kept in dataDir when absent. */
    secret: z.string().min(16).optional(),
    /** `production` requires an origin allow-list and a configured secret. */
    mode: z.enum(['development', 'production']).default('development'),
    /** Allowed widget origins (`https://shop.example.com`, `https://*.example.com`); empty = any (development only). */
    allowedOrigins: z.array(z.string()).default([]),
    /** Maximum characters in one chat message. */
    maxTextLength: z.coerce.number().int().min(1).max(100_000).default(4000),
    /** Characters of a customer message that are embedded and searched; the rest is stored but not embedded (cost grows with length). */
    maxEmbedChars: z.coerce.number().int().min(100).max(100_000).default(2000),
    /** Custom attributes per kind (signed, unsigned) on one conversation. */
    maxAttributes: z.coerce.number().int().min(0).max(1000).default(50),
    /** Maximum characters in one custom attribute's string value. */
    maxAttributeLength: z.coerce.number().int().min(1).max(10_000).default(500),
    /** Labels on one conversation (staff and rules together). */
    maxLabels: z.coerce.number().int().min(1).max(500).default(20),
    /** Rule: label each conversation with the agents its messages were routed to. */
    labelRoutedAgent: z.boolean().default(true),
    /** Auto-assignment: a JSON/YAML file (or, in code, the settings) with teams, capacity and rules; absent = people take conversations themselves. */
    assignment: z.union([z.string().min(1), z.record(z.unknown())]).optional(),
    /** Maximum HTTP request body in bytes. */
    maxBodyBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
    /** Maximum size of one attachment in bytes (default 10 MB). */
    attachmentMaxBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** Accepted attachment types, checked against the file's magic bytes (never SVG or HTML). */
    attachmentTypes: z
      .array(z.enum(DEFAULT_ATTACHMENT_TYPES))
      .min(1)
      .default([...DEFAULT_ATTACHMENT_TYPES]),
    /** S3-compatible bucket for attachments; when absent they are stored in the database. */
    s3Bucket: z.string().min(1).optional(),
    /** S3 endpoint URL for non-AWS servers (MinIO, R2, …). */
    s3Endpoint: z.string().url().optional(),
    s3Region: z.string().min(1).default('us-east-1'),
    s3AccessKeyId: z.string().min(1).optional(),
    s3SecretAccessKey: z.string().min(1).optional(),
    /** Path-style bucket URLs (most self-hosted S3 servers need them). */
    s3ForcePathStyle: z.boolean().default(true),
    /** Key prefix of attachment objects in the bucket. */
    s3Prefix: z.string().default('attachments/'),
    /** SMTP server for e-mails to customers (`smtp://user:pass@host:587`, `smtps://…`); none = no e-mail. */
    smtpUrl: z.string().url().optional(),
    /** The From header of e-mails to customers. */
    mailFrom: z.string().min(3).default('Support <no-reply@localhost>'),
    /** At most this many e-mails (replies and transcripts) per conversation per hour. */
    emailPerConversationPerHour: z.coerce.number().int().min(1).max(1000).default(10),
    /** Maximum Socket.IO message size in bytes. */
    maxSocketBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
    /** Messages of context given to the agents. */
    contextMessages: z.coerce.number().int().min(0).max(100).default(12),
    /** Maximum messages returned by one history call. */
    historyLimit: z.coerce.number().int().min(1).max(5000).default(500),
    /** How long a disconnected socket's state is kept for Socket.IO connection state recovery (ms). */
    recoveryWindowMs: z.coerce.number().int().min(0).default(120_000),
    /** OpenAI-compatible chat-completions endpoint for generated answers (optional). */
    llmUrl: z.string().url().optional(),
    llmModel: z.string().optional(),
    llmApiKey: z.string().optional(),
    llmTimeoutMs: z.coerce.number().int().min(100).default(20_000),
    /** Admin token guarding admin REST until staff accounts are used. */
    adminToken: z.string().min(8).optional(),
    /** Cost of one conversation handled by a person, for the analytics saving estimate. */
    costPerHumanConversation: z.coerce.number().min(0).default(5),
    /** Cost of one conversation handled by the AI alone. */
    costPerAiConversation: z.coerce.number().min(0).default(0.1),
    /** Bearer token protecting `/metrics`; open when absent (production refuses that unless `metricsPublic`). */
    metricsToken: z.string().min(8).optional(),
    /** Serve `/metrics` without a token in production (say so when a firewall or network policy protects it). */
    metricsPublic: z.preprocess(booleanInput, z.boolean()).default(false),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    /** Serve the demo page at `/`; default on in development, off in production. */
    demo: z.boolean().optional(),
    /** When people answer chats, e.g. `mon-fri 09:00-17:00; sat 10:00-14:00`; absent = always (see docs/handoff.md). */
    businessHours: z.string().optional(),
    /** IANA time zone of `businessHours`, e.g. `Europe/Berlin`. */
    timeZone: z.string().default('UTC'),
    /** URL called (POST, JSON) on escalations and on customer messages in human-handled conversations. */
    webhookUrl: z.string().url().optional(),
    /** HMAC-SHA256 key signing webhook calls (`x-switchboard-signature`). */
    webhookSecret: z.string().min(16).optional(),
    /** Webhook body: `json` (Switchboard payload) or `slack` (incoming-webhook `{ text }`). */
    webhookFormat: z.enum(['json', 'slack']).default('json'),
    /** Retries of a failed webhook call (exponential backoff from 1 s). */
    webhookRetries: z.coerce.number().int().min(0).max(20).default(5),
    /** The server's public base URL, for console links in webhooks (e.g. `https://support.example.com`). */
    publicUrl: z.string().url().optional(),
    /** Shared secret (HS256) with which the host site signs user JWTs for `identify({ token })`. */
    identitySecret: z.string().min(16).optional(),
    /** A file holding `identitySecret` (kept out of the process list, unlike a flag). */
    identitySecretFile: z.string().optional(),
    /** JWKS URL of the host site's public keys (RS256/ES256/EdDSA user JWTs). */
    identityJwksUrl: z.string().url().optional(),
    /** Expected `iss` of user JWTs (checked when set). */
    identityIssuer: z.string().optional(),
    /** Expected `aud` of user JWTs (checked when set). */
    identityAudience: z.string().optional(),
    /** Refuse `identify` without a signed token (`identity_required`). */
    identityRequired: z.boolean().default(false),
    /** Lifetime of anonymous visitor tokens; afterwards the visitor starts a new conversation. */
    visitorTokenTtl: z
      .string()
      .regex(/^\d+[smhd]$/)
      .default('365d'),
    /** Console session lifetime, e.g. `12h`. */
    sessionTtl: z
      .string()
      .regex(/^\d+[smhd]$/)
      .default('12h'),
    /**
     * Reverse proxies in front of the server, for the client IP in `X-Forwarded-For`: `false` (none), `true` (one hop),
     * a hop count, or the proxies' addresses/CIDRs (`10.0.0.0/8,loopback`). The client is the right-most untrusted hop.
     */
    trustProxy: z
      .preprocess(
        trustProxyInput,
        z.union([z.boolean(), z.number().int().min(0).max(20), z.array(z.string().min(1)).min(1)]),
      )
      .default(false),
    /** Chat messages per visitor per minute (socket and REST together; 0 = no limit). */
    rateMessagesPerMinute: z.coerce.number().int().min(0).default(20),
    /** Chat messages per visitor per hour. */
    rateMessagesPerHour: z.coerce.number().int().min(0).default(300),
    /** Chat messages per client IP per minute (visitors behind one NAT share it). */
    rateIpMessagesPerMinute: z.coerce.number().int().min(0).default(60),
    /** Other socket events (typing, history, feedback, identify …) per visitor per minute. */
    rateEventsPerMinute: z.coerce.number().int().min(0).default(120),
    /** REST requests under `/api` per client IP per minute. */
    rateRequestsPerMinute: z.coerce.number().int().min(0).default(300),
    /** Staff login attempts per client IP per minute. */
    rateLoginsPerMinute: z.coerce.number().int().min(0).default(10),
    /** Staff login attempts per account per 15 minutes, from any IP (then one more per 90 s; 0 = no lockout). */
    rateLoginsPerAccountPer15Minutes: z.coerce.number().int().min(0).default(10),
    /** Staff login attempts per account per day (the second, slower backoff tier). */
    rateLoginsPerAccountPerDay: z.coerce.number().int().min(0).default(50),
    /** New `/chat` socket connections per client IP per minute. */
    rateConnectionsPerMinute: z.coerce.number().int().min(0).default(60),
    /** Open `/chat` sockets per client IP on one node. */
    maxConnectionsPerIp: z.coerce.number().int().min(0).default(50),
    /** Re-verify idle `/agents` sockets this often (ms; 0 = only on each action); revocations by the CLI land within it. */
    staffRecheckMs: z.coerce.number().int().min(0).default(30_000),
  })
  .strict();

/** `"true"`/`"1"` and `"false"`/`"0"` from the environment as booleans. */
function booleanInput(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (/^(true|1|yes)$/i.test(v.trim())) return true;
  if (/^(false|0|no)$/i.test(v.trim())) return false;
  return v;
}

/** `"2"` → 2, `"true"` → true, `"10.0.0.0/8, 127.0.0.1"` → a list: the same forms from a flag, the environment or code. */
function trustProxyInput(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
  if (/^\d+$/.test(s)) return Number(s);
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The validated configuration (`demo` decided: on in development, off in production unless asked). */
export type Config = Omit<z.infer<typeof configSchema>, 'demo'> & { demo: boolean };
/** Configuration as given by a caller (everything optional). */
export type ConfigInput = z.input<typeof configSchema>;

/** Thrown for invalid configuration; the CLI prints its one-line message and exits with 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ENV: Record<string, keyof ConfigInput> = {
  PORT: 'port',
  HOST: 'host',
  SWITCHBOARD_DATA: 'dataDir',
  SWITCHBOARD_CACHE_DIR: 'cacheDir',
  SWITCHBOARD_KB: 'kb',
  SWITCHBOARD_CONFIG: 'config',
  SWITCHBOARD_EMBEDDER: 'embedder',
  SWITCHBOARD_MODEL_DIR: 'modelDir',
  DATABASE_URL: 'databaseUrl',
  REDIS_URL: 'redisUrl',
  SWITCHBOARD_REDIS_PREFIX: 'redisPrefix',
  SWITCHBOARD_DATABASE_SCHEMA: 'databaseSchema',
  SWITCHBOARD_SECRET: 'secret',
  SWITCHBOARD_MODE: 'mode',
  SWITCHBOARD_ALLOWED_ORIGINS: 'allowedOrigins',
  SWITCHBOARD_MAX_TEXT_LENGTH: 'maxTextLength',
  SWITCHBOARD_MAX_ATTRIBUTES: 'maxAttributes',
  SWITCHBOARD_MAX_ATTRIBUTE_LENGTH: 'maxAttributeLength',
  LLM_URL: 'llmUrl',
  LLM_MODEL: 'llmModel',
  LLM_API_KEY: 'llmApiKey',
  SWITCHBOARD_ADMIN_TOKEN: 'adminToken',
  SWITCHBOARD_METRICS_TOKEN: 'metricsToken',
  LOG_LEVEL: 'logLevel',
  SWITCHBOARD_BUSINESS_HOURS: 'businessHours',
  SWITCHBOARD_TIME_ZONE: 'timeZone',
  SWITCHBOARD_WEBHOOK_URL: 'webhookUrl',
  SWITCHBOARD_WEBHOOK_SECRET: 'webhookSecret',
  SWITCHBOARD_WEBHOOK_FORMAT: 'webhookFormat',
  SWITCHBOARD_PUBLIC_URL: 'publicUrl',
  SWITCHBOARD_IDENTITY_SECRET: 'identitySecret',
  SWITCHBOARD_IDENTITY_JWKS_URL: 'identityJwksUrl',
  SWITCHBOARD_IDENTITY_SECRET_FILE: 'identitySecretFile',
  SWITCHBOARD_METRICS_PUBLIC: 'metricsPublic',
  SWITCHBOARD_TRUST_PROXY: 'trustProxy',
  SWITCHBOARD_ATTACHMENT_MAX_BYTES: 'attachmentMaxBytes',
  SWITCHBOARD_ATTACHMENT_TYPES: 'attachmentTypes',
  SWITCHBOARD_S3_BUCKET: 's3Bucket',
  SWITCHBOARD_S3_ENDPOINT: 's3Endpoint',
  SWITCHBOARD_S3_REGION: 's3Region',
  SWITCHBOARD_S3_ACCESS_KEY_ID: 's3AccessKeyId',
  SWITCHBOARD_S3_SECRET_ACCESS_KEY: 's3SecretAccessKey',
  SWITCHBOARD_S3_PREFIX: 's3Prefix',
  SWITCHBOARD_SMTP_URL: 'smtpUrl',
  SWITCHBOARD_MAIL_FROM: 'mailFrom',
  SWITCHBOARD_ASSIGNMENT: 'assignment',
};

/** The environment variables read, and the option each one sets. */
export const ENV_VARS = ENV;

/** Read settings from environment variables (lists are comma-separated). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ConfigInput {
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    out[key] =
      key === 'kb' || key === 'allowedOrigins' || key === 'attachmentTypes'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v;
  }
  return out as ConfigInput;
}

/** Validate settings (explicit options win over the environment); throws ConfigError listing every problem, one a line. */
export function resolveConfig(options: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const merged = { ...configFromEnv(env), ...stripUndefined(options) };
  const parsed = configSchema.safeParse(merged);
  // Every problem at once, so an operator fixes them in one go rather than one per start.
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const report = () => {
    if (problems.length === 1) throw new ConfigError(problems[0]);
    if (problems.length)
      throw new ConfigError(
        `${problems.length} configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      );
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.') || 'options';
      const what =
        issue.code === 'unrecognized_keys'
          ? `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : `${where}: ${issue.message}`;
      fail(`invalid configuration: ${what}`);
    }
    report();
  }
  const config: Config = { ...parsed.data!, demo: parsed.data!.demo ?? parsed.data!.mode !== 'production' };
  if (config.identitySecretFile) {
    if (config.identitySecret) fail('give identitySecret or identitySecretFile, not both');
    else {
      try {
        config.identitySecret = readSecretFile(config.identitySecretFile, 'identitySecretFile');
      } catch (err) {
        fail((err as Error).message);
      }
    }
  }
  for (const path of config.kb) {
    if (!existsSync(path)) {
      fail(`knowledge base not found: ${resolve(path)} (--kb)`);
      continue;
    }
    try {
      statSync(path);
    } catch {
      fail(`knowledge base not readable: ${resolve(path)} (--kb)`);
    }
  }
  if (config.config && !existsSync(config.config)) fail(`config file not found: ${resolve(config.config)} (--config)`);
  if (config.mode === 'production') {
    if (!config.allowedOrigins.length) fail('production mode needs --allowed-origins (SWITCHBOARD_ALLOWED_ORIGINS)');
    if (!config.secret)
      fail(
        'production mode needs the SWITCHBOARD_SECRET environment variable (a long random string), shared by every node',
      );
    if (!config.metricsToken && !config.metricsPublic)
      fail(
        'production mode needs SWITCHBOARD_METRICS_TOKEN for /metrics, or --metrics-public when something else guards it',
      );
  }
  try {
    businessHours(config.businessHours, config.timeZone);
  } catch (err) {
    fail(`invalid configuration: ${(err as Error).message}`);
  }
  try {
    resolveAssignment(config.assignment);
  } catch (err) {
    fail(`invalid configuration: ${(err as Error).message}`);
  }
  for (const entry of Array.isArray(config.trustProxy) ? config.trustProxy : []) {
    const problem = proxyEntryError(entry);
    if (problem) throw new ConfigError(`invalid configuration: trustProxy: ${problem}`);
  }
  for (const origin of config.allowedOrigins) {
    const problem = originPatternError(origin);
    if (problem) fail(`invalid configuration: allowedOrigins: ${problem}`);
    if (origin === '*' && config.mode === 'production') fail('production mode needs real --allowed-origins, not *');
  }
  report();
  return config;
}

/** Read a secret from a file (trimmed); at least 16 characters, like the option itself. */
function readSecretFile(path: string, option: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    throw new ConfigError(`${option}: cannot read ${resolve(path)}`);
  }
  if (text.length < 16)
    throw new ConfigError(`${option}: the secret in ${resolve(path)} is shorter than 16 characters`);
  return text;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
