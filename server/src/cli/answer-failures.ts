import type { Chunk } from '../knowledge/types.js';
import { answerUnits, sectionText } from '../knowledge/units.js';
import type { ConversationRow, JudgedTurn, TurnOutcome } from './conversation-score.js';

/**
 * Why a failed `answer` turn failed, seen from the reply and the article it cited:
 * - `not_answered`: handed over, silent, or a reply without sources (a clarifying question, "couldn't find", out of scope);
 * - `wrong_article`: the reply came from an article the label does not name;
 * - `wrong_unit`: the right article, but the reply states none of the decisive facts and they are not just after it;
 * - `reply_cut`: the right article, and the reply states some of the facts, or the missing ones follow right after it;
 * - `reply_too_long`: every decisive fact is there, but so is the neighbouring wrong one (`must_not`).
 */
export type AnswerFailure = 'not_answered' | 'wrong_article' | 'wrong_unit' | 'reply_cut' | 'reply_too_long';

/** The classes in the order the report prints them. */
export const ANSWER_FAILURES: AnswerFailure[] = [
  'not_answered',
  'wrong_article',
  'wrong_unit',
  'reply_cut',
  'reply_too_long',
];

/** Units after the reply's last one that still count as "just after it" (the reply could have run on to them). */
const NEXT_UNITS = 3;

const matches = (res: string[], text: string) => res.filter((re) => new RegExp(re, 'i').test(text));

/** The article (document id) the reply was taken from: the first cited source. */
export const answeredFrom = (o: TurnOutcome): string | undefined => o.cited?.[0]?.id;

/**
 * Classify a failed `answer` turn (undefined for any other turn). `document` lists an article's chunks; without it
 * a reply stating none of the facts is always `wrong_unit`.
 */
export function classifyAnswerFailure(
  row: ConversationRow,
  o: TurnOutcome,
  document?: (docId: string) => Chunk[],
): AnswerFailure | undefined {
  if (row.expect !== 'answer') return undefined;
  if (o.handedOff || !o.reply || !o.sourced) return 'not_answered';
  const from = answeredFrom(o);
  if (row.articles.length && from && !row.articles.includes(from)) return 'wrong_article';
  const stated = matches(row.must, o.reply);
  if (stated.length === row.must.length) return 'reply_too_long';
  if (stated.length) return 'reply_cut';
  return from && document && factsJustAfter(row, o.reply, document(from)) ? 'reply_cut' : 'wrong_unit';
}

/**
 * Whether the units that follow the reply in its section state every decisive fact the reply is missing. The reply's
 * lines are found among the section's units; lines of no unit (the "Did this answer…" prompt, a language note) are
 * skipped.
 */
function factsJustAfter(row: ConversationRow, reply: string, chunks: Chunk[]): boolean {
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  const lines = reply.split('\n').map(flat).filter(Boolean);
  for (const heading of new Set(chunks.map((c) => c.heading))) {
    const chunk = chunks.find((c) => c.heading === heading)!;
    const units = answerUnits(sectionText(chunks, chunk)).map((u) => flat(u.text));
    const used = units.flatMap((u, i) => (lines.some((l) => u === l || u.includes(l)) ? [i] : []));
    if (!used.length) continue;
    const after = units.slice(Math.max(...used) + 1, Math.max(...used) + 1 + NEXT_UNITS).join('\n');
    return after !== '' && matches(row.must, `${reply}\n${after}`).length === row.must.length;
  }
  return false;
}

/** How many failed `answer` turns fall in each class. */
export function failureBreakdown(turns: JudgedTurn[]): Record<AnswerFailure, number> {
  const counts = Object.fromEntries(ANSWER_FAILURES.map((k) => [k, 0])) as Record<AnswerFailure, number>;
  for (const t of turns) {
    if (t.pass || t.row.expect !== 'answer') continue;
    const kind = (t.outcome.failure as AnswerFailure | undefined) ?? classifyAnswerFailure(t.row, t.outcome);
    if (kind) counts[kind]++;
  }
  return counts;
}
