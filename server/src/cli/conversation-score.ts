import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AnswerTraits } from '../agents/types.js';
import { calibrationTable, eceNoiseFloor } from '../agents/vote-calibration.js';

/** One labelled turn of a scripted conversation (the JSONL format of the shared conversation sets). */
export const conversationRowSchema = z.object({
  id: z.string().optional(),
  conversation: z.string().nullable().optional(),
  turn: z.number().int().min(0).default(0),
  text: z.string(),
  expect: z.enum(['answer', 'human', 'clarify']),
  agent: z.string().optional(),
  articles: z.array(z.string()).default([]),
  must: z.array(z.string()).default([]),
  must_not: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
});
export type ConversationRow = z.infer<typeof conversationRowSchema>;

/** What the bot did after one turn, as seen by the customer. */
export interface TurnOutcome {
  /** The AI reply text, absent when the bot stayed silent. */
  reply?: string;
  /** The reply's `confidence` on the wire. */
  confidence?: number;
  /** The reply cited help-centre sources (an answer, not small talk or "couldn't find"). */
  sourced: boolean;
  /** The conversation waits for (or is owned by) a person after this turn. */
  handedOff: boolean;
  /** The agent the router chose for this turn. */
  routedAgent?: string;
  /** The sources the reply cited, the one it was taken from first (`title` is "Article › Section"). */
  cited?: Array<{ id: string; title: string }>;
  /** For a sourced answer: the pipeline's traits of it and the answer model's own confidence (refits the calibration). */
  traits?: AnswerTraits;
  /** For a failed `answer` turn: why it failed (see `answer-failures.ts`). */
  failure?: string;
  ms: number;
}

/** A judged turn. */
export interface JudgedTurn {
  row: ConversationRow;
  outcome: TurnOutcome;
  pass: boolean;
}

/** Read and validate a JSONL file of labelled turns; regexes are compiled up front so a bad one fails early. */
export function readConversationRows(file: string): ConversationRow[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const rows: ConversationRow[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = conversationRowSchema.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new Error(`line ${i + 1}: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    for (const re of [...parsed.data.must, ...parsed.data.must_not]) new RegExp(re, 'i');
    rows.push(parsed.data);
  });
  return rows;
}

/** Group rows into conversations in turn order; a row without `conversation` is a one-turn conversation. */
export function groupConversations(rows: ConversationRow[]): ConversationRow[][] {
  const byId = new Map<string, ConversationRow[]>();
  const out: ConversationRow[][] = [];
  for (const row of rows) {
    if (!row.conversation) {
      out.push([row]);
      continue;
    }
    let list = byId.get(row.conversation);
    if (!list) (byId.set(row.conversation, (list = [])), out.push(list));
    list.push(row);
  }
  for (const list of out) list.sort((a, b) => a.turn - b.turn);
  return out;
}

/** The scoring rule of the shared sets: answers need every `must` and no `must_not`, humans a handoff, clarify a non-handoff reply. */
export function judge(row: ConversationRow, o: TurnOutcome): boolean {
  if (row.expect === 'human') return o.handedOff;
  if (!o.reply || o.handedOff) return false;
  if (row.expect === 'clarify') return true;
  return (
    row.must.every((re) => new RegExp(re, 'i').test(o.reply!)) &&
    !row.must_not.some((re) => new RegExp(re, 'i').test(o.reply!))
  );
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const rate = (t: JudgedTurn[]) => ({
  n: t.length,
  right: t.filter((x) => x.pass).length,
  rate: t.length ? round(t.filter((x) => x.pass).length / t.length) : 0,
});
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

/** Confidence at or above which a failed reply counts as "confidently wrong". */
export const CONFIDENTLY_WRONG = 0.85;

/** One bin of the answer-calibration table: answers whose confidence fell in [from, to). */
export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  mean_confidence: number;
  accuracy: number;
}

/** Calibration of sourced answers: equal-width bins and the expected calibration error (bin-weighted |accuracy − confidence|). */
export function calibration(
  turns: JudgedTurn[],
  bins = 10,
): { bins: CalibrationBin[]; ece: number; n: number; ece_if_calibrated: number } {
  const answered = turns.filter((t) => t.outcome.sourced && !t.outcome.handedOff && t.outcome.confidence !== undefined);
  return {
    ...calibrationTable(
      answered.map((t) => ({ p: t.outcome.confidence!, y: t.pass })),
      bins,
    ),
    n: answered.length,
    // What chance alone gives a perfectly calibrated confidence on these answers (the ECE is biased upwards).
    ece_if_calibrated: eceNoiseFloor(answered.map((t) => t.outcome.confidence!)),
  };
}

/** The language of a row, from its `lang-xx` tag (English otherwise). */
export const languageOf = (row: ConversationRow) => row.tags.find((t) => t.startsWith('lang-'))?.slice(5) ?? 'en';

/** Everything the command prints, as one JSON-friendly object. */
export function summarize(turns: JudgedTurn[]) {
  const by = (key: (t: JudgedTurn) => string[]) => {
    const groups = new Map<string, JudgedTurn[]>();
    for (const t of turns) for (const k of key(t)) groups.set(k, [...(groups.get(k) ?? []), t]);
    return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, rate(v)]));
  };
  const ms = turns.map((t) => t.outcome.ms).sort((a, b) => a - b);
  const firstTurns = turns.filter((t) => t.row.turn === 0 && t.row.agent && t.outcome.routedAgent);
  const confidentlyWrong = turns.filter(
    (t) => !t.pass && t.outcome.reply && !t.outcome.handedOff && (t.outcome.confidence ?? 0) >= CONFIDENTLY_WRONG,
  );
  return {
    n: turns.length,
    handled_right: rate(turns).rate,
    answers_right: rate(turns.filter((t) => t.row.expect === 'answer')),
    handoffs_right: rate(turns.filter((t) => t.row.expect === 'human')),
    clarifications_right: rate(turns.filter((t) => t.row.expect === 'clarify')),
    confidently_wrong: confidentlyWrong.length,
    confidently_wrong_ids: confidentlyWrong.map((t) => t.row.id ?? t.row.text.slice(0, 40)),
    unnecessary_handoffs: turns.filter((t) => t.row.expect !== 'human' && t.outcome.handedOff).length,
    follow_ups: rate(turns.filter((t) => t.row.tags.includes('follow-up'))),
    per_language: by((t) => [languageOf(t.row)]),
    per_agent: by((t) => (t.row.agent ? [t.row.agent] : [])),
    per_tag: by((t) => t.row.tags),
    routing_first_turn: rate(firstTurns.map((t) => ({ ...t, pass: t.outcome.routedAgent === t.row.agent }))).rate,
    calibration: calibration(turns),
    latency_p50_ms: round(percentile(ms, 50), 1),
    latency_p95_ms: round(percentile(ms, 95), 1),
  };
}
export type ConversationReport = ReturnType<typeof summarize>;
