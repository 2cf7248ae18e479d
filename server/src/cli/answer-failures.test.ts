import { describe, expect, it } from 'vitest';
import type { Chunk } from '../knowledge/types.js';
import { classifyAnswerFailure, failureBreakdown } from './answer-failures.js';
import { conversationRowSchema, type TurnOutcome } from './conversation-score.js';

const row = conversationRowSchema.parse({
  text: 'how much is the plus plan',
  expect: 'answer',
  articles: ['general/plans'],
  must: ['£ ?14'],
  must_not: ['£ ?22'],
});
const reply = (text: string, from = 'general/plans'): TurnOutcome => ({
  reply: text,
  confidence: 0.6,
  sourced: true,
  handedOff: false,
  cited: [{ id: from, title: 'Plans › Prices' }],
  ms: 1,
});
const chunk = (text: string): Chunk =>
  ({ id: 'general/plans#0', docId: 'general/plans', title: 'Plans', heading: 'Prices', text }) as Chunk;
const plans = [
  chunk('Every plan includes unlimited texts. Plans renew monthly. You can change plan in the app. Plus costs £14.'),
];

describe('classifyAnswerFailure', () => {
  it('tells a handover or an unsourced reply from an answer taken from the wrong article', () => {
    expect(classifyAnswerFailure(row, { ...reply('x'), handedOff: true })).toBe('not_answered');
    expect(classifyAnswerFailure(row, { ...reply('Could you tell me more?'), sourced: false })).toBe('not_answered');
    expect(classifyAnswerFailure(row, reply('Roaming costs £2 a day.', 'billing/roaming'))).toBe('wrong_article');
  });

  it('tells a wrong unit from a reply that was cut before the fact or ran on to the wrong one', () => {
    expect(classifyAnswerFailure(row, reply('Every plan includes unlimited texts.'))).toBe('wrong_unit');
    expect(classifyAnswerFailure(row, reply('Unlimited is £22.'))).toBe('wrong_unit');
    expect(classifyAnswerFailure(row, reply('Plus is £14; Unlimited is £22.'))).toBe('reply_too_long');
    const two = { ...row, must: ['£ ?14', '50 ?GB'], must_not: [] };
    expect(classifyAnswerFailure(two, reply('Plus is £14.'))).toBe('reply_cut');
    // The fact is two sentences after the reply in the same section: the reply stopped too early.
    const document = (id: string) => (id === 'general/plans' ? plans : []);
    // The reply as sent ends with the "Did this answer…" prompt, which is in no article.
    const sent = 'Every plan includes unlimited texts.\nPlans renew monthly.\n\nDid this answer your question?';
    expect(classifyAnswerFailure(row, reply(sent), document)).toBe('reply_cut');
    // Four units before the fact: not "just after" the reply.
    const far = [
      chunk('Every plan includes unlimited texts. Plans renew. You pay monthly. You can change plan. Plus costs £14.'),
    ];
    expect(classifyAnswerFailure(row, reply('Every plan includes unlimited texts.'), () => far)).toBe('wrong_unit');
    expect(classifyAnswerFailure(row, reply('Every plan includes unlimited texts.'), () => [])).toBe('wrong_unit');
  });

  it('counts only failed answer turns, and prefers the class stored in the turn', () => {
    const turns = [
      { row, outcome: reply('Every plan includes unlimited texts.'), pass: false },
      { row, outcome: { ...reply('Every plan includes unlimited texts.'), failure: 'reply_cut' }, pass: false },
      { row, outcome: reply('Plus is £14.'), pass: true },
      { row: { ...row, expect: 'human' as const }, outcome: reply('x'), pass: false },
    ];
    expect(failureBreakdown(turns)).toEqual({
      not_answered: 0,
      wrong_article: 0,
      wrong_unit: 1,
      reply_cut: 1,
      reply_too_long: 0,
    });
  });
});
