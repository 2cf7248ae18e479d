import { z } from 'zod';
import { int, SECRET_NO_FLAG, setting } from './define.js';

/** The human side: opening hours, assignment, labels, webhooks and the analytics cost estimate. */
export const HANDOFF_SETTINGS = {
  businessHours: setting({
    type: z.string().optional(),
    doc: 'when people answer chats, e.g. `mon-fri 09:00-17:00; sat 10:00-14:00`; outside them an escalation becomes an offline ticket (`docs/handoff.md`)',
    help: 'when people answer chats, e.g. "mon-fri 09:00-17:00; sat 10:00-14:00"',
    env: 'SWITCHBOARD_BUSINESS_HOURS',
    flag: '--business-hours <hours>',
    shownDefault: 'always open',
  }),
  timeZone: setting({
    type: z.string().default('UTC'),
    doc: 'IANA time zone of `businessHours`, e.g. `Europe/Berlin`',
    env: 'SWITCHBOARD_TIME_ZONE',
    flag: '--time-zone <zone>',
  }),
  assignment: setting({
    type: z.union([z.string().min(1), z.record(z.unknown())]).optional(),
    doc: "auto-assignment: a JSON or YAML file (in code also the settings object) with `strategy` (`round-robin` \\| `least-busy`), `capacity` (default `5` open conversations per person; a member's own `capacity` wins), `graceMs` (default `30000`: how long an assignee may be offline before their conversations go back to the queue), `sweepMs` (default `15000`: how often each node re-checks the queue and offline assignees), `teams`, `rules` and `defaultTeam`; see [handoff.md](handoff.md#assignment-rules). The capacity also limits manual take and transfer (`assignee_at_capacity`; admins may force it, audited). A bad file stops the server at start",
    help: 'auto-assignment teams, capacity and rules, a JSON or YAML file (docs/handoff.md)',
    env: 'SWITCHBOARD_ASSIGNMENT',
    flag: '--assignment <file>',
    shownDefault: 'none (people take conversations themselves)',
  }),
  labelRoutedAgent: setting({
    type: z.boolean().default(true),
    doc: 'rule: label each conversation with the agents its messages were routed to (`billing`, `technical`…); a label staff removed is not put back',
    env: 'SWITCHBOARD_LABEL_ROUTED_AGENT',
    flag: '--label-routed-agent',
    negatable: true,
  }),
  inboxRefreshMs: setting({
    type: int(0, 10_000).default(250),
    doc: "how long a message-driven refresh of the staff inbox waits so that a customer message and the AI's reply become one summary read (a message to a person and every staff action refresh at once); `0` refreshes on every message",
    env: 'SWITCHBOARD_INBOX_REFRESH_MS',
    flag: '--inbox-refresh-ms <ms>',
    unit: 'ms',
  }),
  webhookUrl: setting({
    type: z.string().url().optional(),
    doc: 'POSTed on escalations and on customer messages in human-handled conversations, retried with backoff',
    env: 'SWITCHBOARD_WEBHOOK_URL',
    flag: { none: 'a Slack incoming-webhook URL is itself a credential, which the process list would show' },
  }),
  webhookSecret: setting({
    type: z.string().min(16).optional(),
    doc: 'HMAC-SHA256 key; calls carry `x-switchboard-signature: sha256=<hex of "<timestamp>.<body>">` (≥ 16 characters)',
    env: 'SWITCHBOARD_WEBHOOK_SECRET',
    flag: SECRET_NO_FLAG,
  }),
  webhookFormat: setting({
    type: z.enum(['json', 'slack']).default('json'),
    doc: '`json` (Switchboard payload) or `slack` (Slack incoming-webhook `{ text }` body)',
    env: 'SWITCHBOARD_WEBHOOK_FORMAT',
    flag: '--webhook-format <format>',
  }),
  webhookRetries: setting({
    type: int(0, 20).default(5),
    doc: 'retries of a failed webhook call (1 s, 2 s, 4 s … with jitter; 4xx other than 408/429 is not retried)',
    env: 'SWITCHBOARD_WEBHOOK_RETRIES',
    flag: '--webhook-retries <n>',
  }),
  publicUrl: setting({
    type: z.string().url().optional(),
    doc: "the server's public base URL, used for console links in webhooks",
    env: 'SWITCHBOARD_PUBLIC_URL',
    flag: '--public-url <url>',
  }),
  costPerHumanConversation: setting({
    type: z.coerce.number().min(0).default(5),
    doc: 'cost of one conversation handled by a person (analytics saving estimate)',
    env: 'SWITCHBOARD_COST_PER_HUMAN_CONVERSATION',
    flag: '--cost-per-human-conversation <amount>',
  }),
  costPerAiConversation: setting({
    type: z.coerce.number().min(0).default(0.1),
    doc: 'cost of one conversation handled by the AI alone',
    env: 'SWITCHBOARD_COST_PER_AI_CONVERSATION',
    flag: '--cost-per-ai-conversation <amount>',
  }),
  calibrationMinVotes: setting({
    type: int(0).default(30),
    doc: '"Was this helpful?" votes on sourced answers needed before the answer confidence shown to customers is recalibrated on this site\'s own votes (Platt scaling of the shipped confidence, pulled towards it; refitted on every node after each vote and at start, from the newest 5,000 votes); `0` = never (the shipped confidence as is). See [knowledge](knowledge.md#calibration-from-votes)',
    env: 'SWITCHBOARD_CALIBRATION_MIN_VOTES',
    flag: '--calibration-min-votes <n>',
  }),
};
