import { describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { buildHandoffSummary, describeReason } from './summary.js';

let seq = 0;
const msg = (role: Message['role'], text: string, extra: Partial<Message> = {}): Message => ({
  id: `m${++seq}`,
  seq,
  conversationId: 'c1',
  role,
  text,
  createdAt: new Date().toISOString(),
  ...extra,
});

describe('handoff summary', () => {
  it('names the real question, the last AI answer and the reason', () => {
    const summary = buildHandoffSummary(
      [
        msg('customer', 'My invoice for March was charged twice'),
        msg('ai', 'You can download invoices under Billing → History.'),
        msg('customer', 'I want to talk to a human', {
          routing: { agent: 'human', confidence: 1, alternatives: [], reason: 'explicit-human' },
        }),
        msg('system', 'You are being connected to a person.'),
      ],
      'explicit-human',
    );
    expect(summary.split('\n')).toEqual([
      'Question: My invoice for March was charged twice',
      'AI answered: You can download invoices under Billing → History.',
      'Escalated: the customer asked for a person',
    ]);
  });

  it('clips long texts, skips internal notes, and copes with an empty conversation', () => {
    const long = 'word '.repeat(100);
    const s = buildHandoffSummary(
      [msg('customer', long), msg('human', 'secret note', { meta: { internal: true } }), msg('ai', 'ok')],
      'low-confidence',
      40,
    );
    expect(s.split('\n')[0].length).toBeLessThanOrEqual('Question: '.length + 40);
    expect(s).toMatch(/…/);
    expect(s).not.toMatch(/secret/);
    expect(buildHandoffSummary([], undefined)).toBe(
      'Question: (none yet)\nAI answered: (nothing)\nEscalated: no reason recorded',
    );
    expect(describeReason('the customer is a VIP')).toBe('the customer is a VIP');
  });
});
