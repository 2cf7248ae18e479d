import type { Command } from 'commander';
import { ConfigError, type ConfigInput } from '../config.js';
import { AppError } from '../util/errors.js';
import { UsageError } from './exit.js';
import { newAdminToken, writeAdminLink } from './admin-link.js';
import { preflight } from './preflight.js';

const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** `switchboard serve`: run the chat server until SIGINT/SIGTERM. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('run the chat server (REST, Socket.IO, widget files, console)')
    .option('-p, --port <port>', 'port to listen on (env PORT)', undefined)
    .option('--host <host>', 'address to bind (env HOST; default 127.0.0.1)')
    .option(
      '-d, --data <dir>',
      'data folder for the database, index and secrets (env SWITCHBOARD_DATA; default ./.switchboard)',
    )
    .option(
      '--cache-dir <dir>',
      'cache folder shared by servers and runs: trained router models (env SWITCHBOARD_CACHE_DIR; default none)',
    )
    .option(
      '--kb <path>',
      'knowledge-base folder or .jsonl file to ingest at start; repeatable or comma-separated (env SWITCHBOARD_KB)',
      list,
    )
    .option('--watch', 're-ingest when knowledge-base files change')
    .option('-c, --config <file>', 'agents/router configuration, JSON or YAML (env SWITCHBOARD_CONFIG)')
    .option('--embedder <spec>', 'use-lite (default) | transformers:<model id> | hash (env SWITCHBOARD_EMBEDDER)')
    .option(
      '--model-dir <dir>',
      'folder with local Hugging Face models for transformers: embedders (env SWITCHBOARD_MODEL_DIR)',
    )
    .option('--allow-remote-models', 'let transformers: embedders download a model once into the cache')
    .option(
      '--allowed-origins <list>',
      'comma-separated origins allowed to embed the widget, wildcards like https://*.example.com (env SWITCHBOARD_ALLOWED_ORIGINS)',
      list,
    )
    .option('--mode <mode>', 'development | production (env SWITCHBOARD_MODE)')
    .option('--max-text-length <n>', 'maximum characters per chat message (default 4000)')
    .option(
      '--llm-url <url>',
      'OpenAI-compatible chat-completions endpoint for generated answers (env LLM_URL; key in LLM_API_KEY)',
    )
    .option('--llm-model <name>', 'model name for --llm-url (env LLM_MODEL)')
    .option('--demo', 'serve the demo page at / (default in development)')
    .option('--no-demo', 'do not serve the demo page at / (default in production)')
    .option(
      '--metrics-public',
      'serve /metrics without a token in production (when a firewall guards it; else set SWITCHBOARD_METRICS_TOKEN)',
    )
    .option(
      '--redis-prefix <prefix>',
      'prefix of Redis keys, streams and channels, one per deployment sharing a Redis (env SWITCHBOARD_REDIS_PREFIX)',
    )
    .option(
      '--database-schema <schema>',
      'PostgreSQL schema for the tables, one per deployment sharing a database (env SWITCHBOARD_DATABASE_SCHEMA)',
    )
    .option(
      '--job-lease-ms <ms>',
      'lease on an answer or webhook job, renewed while it runs; others take it over after a crash (default 15000)',
    )
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent (env LOG_LEVEL)')
    .option(
      '--identity-secret-file <path>',
      'file holding the HS256 secret your backend signs user JWTs with, for identify({ token }) (or env SWITCHBOARD_IDENTITY_SECRET; never a flag, which the process list shows)',
    )
    .option(
      '--identity-jwks-url <url>',
      "JWKS URL of your backend's public keys for user JWTs (env SWITCHBOARD_IDENTITY_JWKS_URL)",
    )
    .option('--identity-issuer <iss>', 'required iss claim of user JWTs')
    .option('--identity-audience <aud>', 'required aud claim of user JWTs')
    .option('--identity-required', 'refuse identify without a signed token')
    .option('--session-ttl <duration>', 'console session lifetime, e.g. 12h (default 12h)')
    .option(
      '--trust-proxy [hops|list]',
      'reverse proxies in front: a hop count (alone = 1) or their addresses/CIDRs; the client IP is the right-most untrusted X-Forwarded-For hop (env SWITCHBOARD_TRUST_PROXY)',
    )
    .option('--rate-messages-per-minute <n>', 'chat messages per visitor per minute (default 20; 0 = off)')
    .option('--rate-messages-per-hour <n>', 'chat messages per visitor per hour (default 300)')
    .option('--rate-ip-messages-per-minute <n>', 'chat messages per client IP per minute (default 60)')
    .option('--rate-events-per-minute <n>', 'other socket events per visitor per minute (default 120)')
    .option('--rate-requests-per-minute <n>', 'REST requests per client IP per minute (default 300)')
    .option('--rate-logins-per-minute <n>', 'staff login attempts per client IP per minute (default 10)')
    .option('--rate-connections-per-minute <n>', 'new chat sockets per client IP per minute (default 60)')
    .option('--max-connections-per-ip <n>', 'open chat sockets per client IP per node (default 50)')
    .option(
      '--assignment <file>',
      'auto-assignment teams, capacity and rules, JSON or YAML (env SWITCHBOARD_ASSIGNMENT; docs/handoff.md)',
    )
    .addHelpText(
      'after',
      '\nOther environment variables: DATABASE_URL (PostgreSQL instead of embedded PGlite), REDIS_URL (several nodes),\nSWITCHBOARD_SECRET (token signing secret; required in production), SWITCHBOARD_ADMIN_TOKEN.\nSee docs/server-config.md.',
    )
    .action(async (opts) => {
      const input: ConfigInput = {
        port: opts.port,
        host: opts.host,
        dataDir: opts.data,
        cacheDir: opts.cacheDir,
        kb: opts.kb,
        watchKb: opts.watch,
        config: opts.config,
        embedder: opts.embedder,
        modelDir: opts.modelDir,
        allowRemoteModels: opts.allowRemoteModels,
        allowedOrigins: opts.allowedOrigins,
        mode: opts.mode,
        maxTextLength: opts.maxTextLength,
        llmUrl: opts.llmUrl,
        llmModel: opts.llmModel,
        demo: opts.demo,
        redisPrefix: opts.redisPrefix,
        databaseSchema: opts.databaseSchema,
        jobLeaseMs: opts.jobLeaseMs,
        logLevel: opts.logLevel,
        identitySecretFile: opts.identitySecretFile,
        metricsPublic: opts.metricsPublic,
        identityJwksUrl: opts.identityJwksUrl,
        identityIssuer: opts.identityIssuer,
        identityAudience: opts.identityAudience,
        identityRequired: opts.identityRequired,
        sessionTtl: opts.sessionTtl,
        trustProxy: opts.trustProxy,
        rateMessagesPerMinute: opts.rateMessagesPerMinute,
        rateMessagesPerHour: opts.rateMessagesPerHour,
        rateIpMessagesPerMinute: opts.rateIpMessagesPerMinute,
        rateEventsPerMinute: opts.rateEventsPerMinute,
        rateRequestsPerMinute: opts.rateRequestsPerMinute,
        rateLoginsPerMinute: opts.rateLoginsPerMinute,
        rateConnectionsPerMinute: opts.rateConnectionsPerMinute,
        maxConnectionsPerIp: opts.maxConnectionsPerIp,
        assignment: opts.assignment,
      };
      // Configuration and port first: mistakes show in a fraction of a second, not after the model has loaded.
      const config = await preflight(input);
      // Embedded database: `user`/`token` commands reach this process through its admin API while it runs (admin-link.ts).
      const adminToken = config.databaseUrl ? undefined : (config.adminToken ?? newAdminToken());
      // Loaded here, not at the top: the whole server graph would make `switchboard --help` slow.
      const { createServer } = await import('../index.js');
      let server;
      try {
        server = await createServer({ ...input, adminToken });
      } catch (err) {
        // A configuration problem found while starting (e.g. an embedder that cannot load) is still a usage error: exit 2.
        if (err instanceof ConfigError || (err instanceof AppError && err.code === 'invalid_config'))
          throw new UsageError(err.message);
        throw err;
      }
      const { url } = await server.listen();
      if (adminToken) process.once('exit', writeAdminLink(config.dataDir, url, adminToken));
      process.stdout.write(`Switchboard is running at ${url}\n`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.logger.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          (err) => {
            server.logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
