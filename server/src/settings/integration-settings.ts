import { z } from 'zod';
import { DEFAULT_ATTACHMENT_TYPES } from '../attachments/policy.js';
import { int, SECRET_NO_FLAG, setting } from './define.js';

/** Attachments (database or an S3 bucket), e-mail to customers and the optional LLM. */
export const INTEGRATION_SETTINGS = {
  attachmentMaxBytes: setting({
    type: int(1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
    doc: 'largest attachment; bigger uploads get `413 attachment_too_large` (uploads are exempt from `maxBodyBytes`)',
    env: 'SWITCHBOARD_ATTACHMENT_MAX_BYTES',
    flag: '--attachment-max-bytes <n>',
    unit: 'bytes',
    shownDefault: '`10485760` bytes (10 MB)',
  }),
  attachmentTypes: setting({
    type: z
      .array(z.enum(DEFAULT_ATTACHMENT_TYPES))
      .min(1)
      .default([...DEFAULT_ATTACHMENT_TYPES]),
    doc: "accepted types, read from the file's magic bytes (the name and the claimed type are ignored); others get `415 attachment_type`. SVG and HTML are never accepted",
    env: 'SWITCHBOARD_ATTACHMENT_TYPES',
    flag: '--attachment-types <list>',
  }),
  s3Bucket: setting({
    type: z.string().min(1).optional(),
    doc: 'keep attachment bytes in this S3-compatible bucket instead of the database (keeps the database small; every node must use the same bucket). Needs the optional package `@aws-sdk/client-s3` (`npm install @aws-sdk/client-s3` next to `switchboard-server`; without it the start fails with `invalid_config` naming it)',
    env: 'SWITCHBOARD_S3_BUCKET',
    flag: '--s3-bucket <name>',
  }),
  s3Endpoint: setting({
    type: z.string().url().optional(),
    doc: 'endpoint of a non-AWS S3 server (MinIO, R2, Ceph, …)',
    env: 'SWITCHBOARD_S3_ENDPOINT',
    flag: '--s3-endpoint <url>',
    shownDefault: 'AWS',
  }),
  s3Region: setting({
    type: z.string().min(1).default('us-east-1'),
    doc: 'bucket region',
    env: 'SWITCHBOARD_S3_REGION',
    flag: '--s3-region <region>',
  }),
  s3AccessKeyId: setting({
    type: z.string().min(1).optional(),
    doc: 'bucket access key id',
    env: 'SWITCHBOARD_S3_ACCESS_KEY_ID',
    flag: { none: 'half of a credential, kept beside its secret in the environment' },
    shownDefault: "the AWS SDK's default chain",
  }),
  s3SecretAccessKey: setting({
    type: z.string().min(1).optional(),
    doc: 'bucket secret access key',
    env: 'SWITCHBOARD_S3_SECRET_ACCESS_KEY',
    flag: SECRET_NO_FLAG,
    shownDefault: "the AWS SDK's default chain",
  }),
  s3ForcePathStyle: setting({
    type: z.boolean().default(true),
    doc: 'path-style URLs (`endpoint/bucket/key`), which most self-hosted S3 servers need',
    env: 'SWITCHBOARD_S3_FORCE_PATH_STYLE',
    flag: '--s3-force-path-style',
    negatable: true,
  }),
  s3Prefix: setting({
    type: z.string().default('attachments/'),
    doc: 'key prefix; objects are `<prefix><conversation id>/<attachment id>`',
    env: 'SWITCHBOARD_S3_PREFIX',
    flag: '--s3-prefix <prefix>',
  }),
  smtpUrl: setting({
    type: z.string().url().optional(),
    doc: "SMTP server for e-mails to customers, via nodemailer: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. With it, a person's reply to a customer who is not in the chat (an offline ticket, or a conversation they left) is e-mailed to the address they left (or their identified e-mail), and `POST /api/conversations/:id/transcript` sends a transcript",
    env: 'SWITCHBOARD_SMTP_URL',
    flag: { none: 'the URL holds the SMTP password, which the process list would show' },
    shownDefault: 'none (no e-mail)',
  }),
  mailFrom: setting({
    type: z.string().min(3).default('Support <no-reply@localhost>'),
    doc: 'the From header of those e-mails',
    env: 'SWITCHBOARD_MAIL_FROM',
    flag: '--mail-from <address>',
  }),
  emailPerConversationPerHour: setting({
    type: int(1, 1000).default(10),
    doc: 'at most this many e-mails (replies and transcripts together) per conversation per hour (a token bucket: this many at once, refilled over the hour; shared by every node through Redis when `redisUrl` is set); more replies are not e-mailed, more transcripts get `429 rate_limited`',
    env: 'SWITCHBOARD_EMAIL_PER_CONVERSATION_PER_HOUR',
    flag: '--email-per-conversation-per-hour <n>',
  }),
  llmUrl: setting({
    type: z.string().url().optional(),
    doc: 'OpenAI-compatible chat-completions endpoint (Ollama, vLLM, llama.cpp, hosted) for generated answers',
    help: 'OpenAI-compatible chat-completions endpoint for generated answers (key in LLM_API_KEY)',
    env: 'LLM_URL',
    flag: '--llm-url <url>',
  }),
  llmModel: setting({
    type: z.string().optional(),
    doc: 'model name sent to `llmUrl`',
    env: 'LLM_MODEL',
    flag: '--llm-model <name>',
  }),
  llmApiKey: setting({
    type: z.string().optional(),
    doc: 'bearer key for `llmUrl`',
    env: 'LLM_API_KEY',
    flag: SECRET_NO_FLAG,
  }),
  llmTimeoutMs: setting({
    type: int(100).default(20_000),
    doc: 'give up on the LLM and answer extractively after this long',
    env: 'LLM_TIMEOUT_MS',
    flag: '--llm-timeout-ms <ms>',
    unit: 'ms',
  }),
};
