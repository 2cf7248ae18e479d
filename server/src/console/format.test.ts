import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from 'switchboard-chat/protocol';
import { customerName, groupInbox, pageLabel, percent, since } from './format.js';

const conv = (id: string, extra: Partial<ConversationSummary>): ConversationSummary => ({
  id,
  state: 'ai',
  visitorId: `v_${id}abcdef`,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...extra,
});

describe('console formatting', () => {
  it('groups the inbox and orders the queue oldest first', () => {
    const g = groupInbox(
      [
        conv('w2', { state: 'waiting_human', waitingSince: '2025-01-01T00:05:00Z' }),
        conv('w1', { state: 'waiting_human', waitingSince: '2025-01-01T00:01:00Z' }),
        conv('m', { state: 'human', assignee: { id: 's_me', name: 'Me' } }),
        conv('o', { state: 'human', assignee: { id: 's_x', name: 'X' } }),
        conv('a1', { updatedAt: '2025-01-01T00:01:00Z' }),
        conv('a2', { updatedAt: '2025-01-01T00:09:00Z' }),
        conv('c', { state: 'closed' }),
      ],
      's_me',
    );
    expect(g.waiting.map((c) => c.id)).toEqual(['w1', 'w2']);
    expect(g.mine.map((c) => c.id)).toEqual(['m']);
    expect(g.colleagues.map((c) => c.id)).toEqual(['o']);
    expect(g.ai.map((c) => c.id)).toEqual(['a2', 'a1']);
    expect(g.closed.map((c) => c.id)).toEqual(['c']);
  });

  it('formats waiting times, names, pages and confidence', () => {
    const t0 = '2025-01-01T00:00:00Z';
    const at = (s: number) => Date.parse(t0) + s * 1000;
    expect([
      since(t0, at(12)),
      since(t0, at(250)),
      since(t0, at(7500)),
      since(t0, at(7200)),
      since(t0, at(3 * 86400)),
    ]).toEqual(['12 s', '4 min', '2 h 5 min', '2 h', '3 d']);
    expect(customerName(conv('x', { user: { id: 'u', name: 'Ada' } }))).toBe('Ada');
    expect(customerName(conv('x', { contactEmail: 'ada@example.com' }))).toBe('ada@example.com');
    expect(customerName(conv('x1', {}))).toBe('Visitor x1abcd');
    expect(pageLabel('https://shop.example.com/checkout?x=1')).toBe('shop.example.com/checkout');
    expect(percent(0.826)).toBe('83%');
  });
});
