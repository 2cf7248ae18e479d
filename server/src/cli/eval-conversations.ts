import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { Message, Source } from 'switchboard-chat/protocol';
import { createLogger } from '../util/logger.js';
import {
  conversationRowSchema,
  groupConversations,
  judge,
  readConversationRows,
  summarize,
  type ConversationReport,
  type ConversationRow,
  type JudgedTurn,
  type TurnOutcome,
} from './conversation-score.js';
import { ANSWER_FAILURES, classifyAnswerFailure, failureBreakdown, type AnswerFailure } from './answer-failures.js';
import { UsageError } from './exit.js';
import type { AnswerTraits } from '../agents/types.js';
import { subscribeEvent } from '../conversations/public-events.js';
import { simulateVotes, type VoteSimulation } from './vote-simulation.js';

interface ChatResponse {
  visitor: string;
  reply: Message | null;
  confidence: number | null;
  sources: Source[];
  state: string;
}

/** `switchboard eval conversations`: replay scripted conversations through a real server and score every turn. */
export function registerConversations(evalCmd: Command): void {
  evalCmd
    .command('conversations')
    .description(
      'replay labelled conversations (JSONL) through a real server on a temporary port and score the replies',
    )
    .option('--kb <dir>', 'help-centre folder (or .jsonl) ingested into a temporary knowledge base')
    .option(
      '--labels <file>',
      'labelled turns, JSONL rows { conversation, turn, text, expect, agent, articles, must, must_not, tags }',
    )
    // The spelling of issue #15 and of the shared data's README; hidden so that --data keeps one meaning in the help.
    .addOption(new Option('--data <file>', 'the same as --labels').hideHelp())
    .option('--config <file>', 'router/agents configuration (JSON or YAML); default: the shipped agents')
    .option('--embedder <spec>', 'use-lite | transformers:<model id> | hash', 'use-lite')
    .option('--model-dir <dir>', 'local Hugging Face models for transformers: embedders')
    .option('--concurrency <n>', 'conversations replayed at the same time', '1')
    .option('--turns <file>', 'also write every judged turn (row, reply, confidence, pass) as JSONL here')
    .option(
      '--votes-from-labels <fraction>',
      'simulate per-site calibration from votes: the labels of this share of the answers become votes, the ECE is reported on the others',
    )
    .option('--min-votes <n>', 'votes needed before the calibration applies (the calibrationMinVotes setting)', '30')
    .option('--from-turns <file>', 'score the judged turns of an earlier run (its --turns file) instead of replaying')
    .option('--failures', 'list the failed turns with the reply they got')
    .option('--json', 'print one JSON object as the last line')
    .action(async (opts) => {
      const fraction = opts.votesFromLabels === undefined ? undefined : Number(opts.votesFromLabels);
      if (fraction !== undefined && !(fraction > 0 && fraction < 1))
        throw new UsageError('--votes-from-labels must be a fraction between 0 and 1');
      const minVotes = Number(opts.minVotes);
      if (!Number.isInteger(minVotes) || minVotes < 0) throw new UsageError('--min-votes must be an integer ≥ 0');
      const turns = opts.fromTurns ? readTurns(opts.fromTurns) : await replayLabels(opts);
      if (opts.turns)
        writeFileSync(
          opts.turns,
          turns.map((t) => JSON.stringify({ ...t.row, outcome: t.outcome, pass: t.pass })).join('\n') + '\n',
        );
      const report = {
        ...summarize(turns),
        answer_failures: failureBreakdown(turns),
        ...(fraction !== undefined ? { votes_from_labels: simulateVotes(turns, fraction, minVotes) } : {}),
      };
      if (opts.failures) printFailures(turns);
      if (!opts.json) printReport(report);
      // The JSON object is always the last line, so scripts can read it whatever else was printed.
      else process.stdout.write(`${JSON.stringify(report)}\n`);
    });
}

/** Read the labels and replay them (`--kb`, `--labels`, `--concurrency` …). */
async function replayLabels(opts: Record<string, string | undefined>): Promise<JudgedTurn[]> {
  const file = opts.labels ?? opts.data;
  if (!opts.kb) throw new UsageError('give the help centre with --kb <dir>');
  if (!file) throw new UsageError('give the labelled turns with --labels <file>');
  let rows: ConversationRow[];
  try {
    rows = readConversationRows(file);
  } catch (err) {
    throw new UsageError(`cannot read --labels: ${(err as Error).message}`);
  }
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError('--concurrency must be a positive integer');
  return replay(rows, {
    kb: opts.kb,
    config: opts.config,
    embedder: opts.embedder!,
    modelDir: opts.modelDir,
    concurrency,
  });
}

/** The judged turns an earlier run wrote with `--turns` (the row, its outcome and pass on one line each). */
function readTurns(file: string): JudgedTurn[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        const { outcome, pass, ...row } = JSON.parse(l) as ConversationRow & { outcome: TurnOutcome; pass: boolean };
        return { row: conversationRowSchema.parse(row), outcome, pass };
      });
  } catch (err) {
    throw new UsageError(`cannot read --from-turns: ${(err as Error).message}`);
  }
}

/** Start a server (in-memory storage, no rate limits) on port 0 and send every conversation's turns over `POST /api/chat`. */
async function replay(
  rows: ConversationRow[],
  o: { kb: string; config?: string; embedder: string; modelDir?: string; concurrency: number },
): Promise<JudgedTurn[]> {
  // Loaded when the command runs, so `switchboard --help` does not pay for the whole server.
  const { createServer } = await import('../index.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-eval-conv-'));
  const server = await createServer({
    inMemory: true,
    dataDir,
    demo: false,
    port: 0,
    kb: [o.kb],
    config: o.config,
    embedder: o.embedder,
    modelDir: o.modelDir,
    secret: randomBytes(24).toString('hex'),
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
    // The replay sends far more than one visitor or IP would; limits are not what is measured here.
    rateMessagesPerMinute: 0,
    rateMessagesPerHour: 0,
    rateIpMessagesPerMinute: 0,
    rateRequestsPerMinute: 0,
  });
  try {
    const { url } = await server.listen(0, '127.0.0.1');
    const conversations = groupConversations(rows);
    // The agent layer's traits of each answer (not on the wire), by the customer message they answer.
    const traits = new Map<string, AnswerTraits>();
    const unsubscribe = subscribeEvent(server.service, 'replied', ({ customer, reply }) => {
      if (reply.traits) traits.set(customer.id, reply.traits);
    });
    const judged = new Map<ConversationRow, JudgedTurn>();
    let next = 0;
    const worker = async () => {
      while (next < conversations.length) {
        const conversation = conversations[next++];
        let visitor: string | undefined;
        for (const [i, row] of conversation.entries()) {
          const started = performance.now();
          const res = await fetch(`${url}/api/chat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ message: row.text, visitor, clientId: `eval-${i}` }),
          });
          const ms = performance.now() - started;
          const body = (await res.json()) as ChatResponse & { error?: { code: string; message: string } };
          if (!res.ok)
            throw new Error(
              `POST /api/chat answered ${res.status} ${body.error?.code ?? ''} for "${row.text.slice(0, 60)}"`,
            );
          visitor = body.visitor;
          const outcome: TurnOutcome = {
            reply: body.reply?.text,
            confidence: body.reply ? (body.confidence ?? undefined) : undefined,
            sourced: (body.sources ?? []).length > 0,
            handedOff: body.state === 'waiting_human' || body.state === 'human',
            routedAgent: body.reply?.routing?.agent,
            cited: (body.sources ?? []).map((s) => ({ id: s.id, title: s.title })),
            ms: Math.round(ms * 10) / 10,
          };
          const answered = body.reply?.meta?.replyTo;
          if (outcome.sourced && typeof answered === 'string' && traits.has(answered))
            outcome.traits = traits.get(answered);
          const pass = judge(row, outcome);
          const document = server.knowledge?.document?.bind(server.knowledge);
          if (!pass) outcome.failure = classifyAnswerFailure(row, outcome, document);
          judged.set(row, { row, outcome, pass });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, conversations.length) }, worker));
    unsubscribe();
    return rows.map((r) => judged.get(r)!);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The failed turns, one line each, for reading by hand. */
function printFailures(turns: JudgedTurn[]): void {
  for (const t of turns.filter((x) => !x.pass)) {
    const said = `${t.outcome.handedOff ? '[handoff] ' : ''}${t.outcome.failure ? `[${t.outcome.failure}] ` : ''}`;
    process.stdout.write(
      `FAIL ${t.row.id ?? ''} (${t.row.expect}) "${t.row.text.slice(0, 80)}" → ${said}${(t.outcome.reply ?? '[silent]').replace(/\s+/g, ' ').slice(0, 160)} (conf ${t.outcome.confidence ?? '-'})\n`,
    );
  }
}

/** The human-readable report. */
function printReport(
  r: ConversationReport & { answer_failures: Record<AnswerFailure, number>; votes_from_labels?: VoteSimulation },
): void {
  const line = (name: string, x: { n: number; right: number; rate: number }) =>
    `${name.padEnd(24)}${`${x.right}/${x.n}`.padEnd(10)}${pct(x.rate)}\n`;
  process.stdout.write(
    `n ${r.n}  handled right ${pct(r.handled_right)}  confidently wrong ${r.confidently_wrong} (≥ 0.85)  unnecessary handoffs ${r.unnecessary_handoffs}\n`,
  );
  process.stdout.write(
    line('answers right', r.answers_right) +
      line('handoffs right', r.handoffs_right) +
      line('clarifications right', r.clarifications_right) +
      line('follow-ups right', r.follow_ups),
  );
  const failed = r.answers_right.n - r.answers_right.right;
  process.stdout.write(
    `why answers failed (${failed}): ` +
      ANSWER_FAILURES.map((k) => `${k.replace(/_/g, ' ')} ${r.answer_failures[k]}`).join(', ') +
      '\n',
  );
  process.stdout.write(
    `routing (first turns) ${pct(r.routing_first_turn)}  latency p50 ${r.latency_p50_ms} ms  p95 ${r.latency_p95_ms} ms\n\nper language\n`,
  );
  for (const [k, v] of Object.entries(r.per_language)) process.stdout.write(line(`  ${k}`, v));
  process.stdout.write('per agent (label)\n');
  for (const [k, v] of Object.entries(r.per_agent)) process.stdout.write(line(`  ${k}`, v));
  process.stdout.write('per tag\n');
  for (const [k, v] of Object.entries(r.per_tag)) process.stdout.write(line(`  ${k}`, v));
  process.stdout.write(
    `\nanswer calibration (${r.calibration.n} sourced answers)  ECE ${r.calibration.ece}` +
      ` (a perfectly calibrated confidence: ${r.calibration.ece_if_calibrated} by chance)\nconfidence     n     mean    right\n`,
  );
  for (const b of r.calibration.bins)
    process.stdout.write(
      `${`${b.from.toFixed(1)}–${b.to.toFixed(1)}`.padEnd(15)}${String(b.n).padEnd(6)}${b.mean_confidence.toFixed(3).padEnd(8)}${pct(b.accuracy)}\n`,
    );
  const v = r.votes_from_labels;
  if (v)
    process.stdout.write(
      `\ncalibration from votes (${v.votes} simulated votes, ${v.held_out} answers scored)  ECE ${v.ece_before} → ${v.ece_after}` +
        `  confidently wrong ${v.confidently_wrong_before} → ${v.confidently_wrong_after}` +
        `  (mean of ${v.mean_of_splits.splits} splits: ECE ${v.mean_of_splits.ece_before} → ${v.mean_of_splits.ece_after})\n`,
    );
}
