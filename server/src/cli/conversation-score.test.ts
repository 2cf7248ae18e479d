import { describe, expect, it } from 'vitest';
import {
  calibration,
  conversationRowSchema,
  groupConversations,
  judge,
  summarize,
  type JudgedTurn,
  type TurnOutcome,
} from './conversation-score.js';

const row = (x: Record<string, unknown>) => conversationRowSchema.parse({ text: 'q', expect: 'answer', ...x });
const out = (x: Partial<TurnOutcome>): TurnOutcome => ({ sourced: true, handedOff: false, ms: 1, ...x });

describe('conversation scoring', () => {
  it('passes an answer only with every must, no must_not and no handoff', () => {
    const r = row({ must: ['€ ?10', '3 days'], must_not: ['€ ?5\\b'] });
    expect(judge(r, out({ reply: 'A fee of €10 after 3 days.' }))).toBe(true);
    expect(judge(r, out({ reply: 'A fee of €10.' }))).toBe(false);
    expect(judge(r, out({ reply: 'A fee of €10 after 3 days, or €5.' }))).toBe(false);
    expect(judge(r, out({ reply: 'A fee of €10 after 3 days.', handedOff: true }))).toBe(false);
    expect(judge(r, out({}))).toBe(false);
  });

  it('passes human rows on a handoff and clarify rows on any reply that is not one', () => {
    expect(judge(row({ expect: 'human' }), out({ handedOff: true }))).toBe(true);
    expect(judge(row({ expect: 'human' }), out({ reply: 'text' }))).toBe(false);
    expect(judge(row({ expect: 'clarify' }), out({ reply: 'What would you like to know?' }))).toBe(true);
    expect(judge(row({ expect: 'clarify' }), out({ reply: 'Passing you on', handedOff: true }))).toBe(false);
  });

  it('groups turns by conversation in turn order, single rows alone', () => {
    const rows = [
      row({ text: 'a' }),
      row({ text: 'c1', conversation: 'C', turn: 1 }),
      row({ text: 'c0', conversation: 'C', turn: 0 }),
      row({ text: 'b' }),
    ];
    expect(groupConversations(rows).map((c) => c.map((r) => r.text))).toEqual([['a'], ['c0', 'c1'], ['b']]);
  });

  it('computes the calibration error over sourced answers only', () => {
    const t = (confidence: number, pass: boolean, sourced = true): JudgedTurn => ({
      row: row({}),
      outcome: out({ reply: 'x', confidence, sourced }),
      pass,
    });
    const c = calibration([t(0.95, true), t(0.95, false), t(0.15, false), t(0.99, false, false)]);
    expect(c.n).toBe(3);
    // bin 0.9–1.0: mean 0.95, right 0.5 → 0.45 × 2/3; bin 0.1–0.2: 0.15 vs 0 → 0.15 × 1/3.
    expect(c.ece).toBeCloseTo(0.35, 4);
  });

  it('counts confidently wrong replies, follow-ups and languages', () => {
    const turns: JudgedTurn[] = [
      { row: row({ tags: ['follow-up'] }), outcome: out({ reply: 'x', confidence: 0.9 }), pass: false },
      { row: row({ tags: ['lang-es'] }), outcome: out({ reply: 'x', confidence: 0.9 }), pass: true },
      { row: row({ expect: 'human' }), outcome: out({ handedOff: true, confidence: 0.99 }), pass: true },
    ];
    const s = summarize(turns);
    expect(s).toMatchObject({
      n: 3,
      confidently_wrong: 1,
      follow_ups: { n: 1, right: 0 },
      per_language: { en: { n: 2, right: 1 }, es: { n: 1, right: 1 } },
    });
    expect(s.handled_right).toBeCloseTo(2 / 3, 3);
  });
});
