import { describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { contextualQuery, isElliptic } from './context.js';

const msg = (seq: number, role: Message['role'], text: string): Message => ({ id: `m${seq}`, seq, conversationId: 'c', role, text, createdAt: '' });

describe('follow-up context', () => {
  it('recognises short and elliptic follow-ups in the shipped languages', () => {
    for (const t of ['how much extra?', 'and for Scotland?', 'how long does that take?', 'shes 17 tho', 'what if im moving to canada', 'y cuántos días de preaviso hay que dar?', 'Und wenn ich krank bin?', 'et pour une famille avec deux enfants ?']) {
      expect(isElliptic(t), t).toBe(true);
    }
    expect(isElliptic('my direct debit failed last week and I want to know what happens to my membership now')).toBe(false);
    expect(isElliptic('')).toBe(false);
  });

  it('carries the previous question (twice-weighted new words last) only after an AI reply', () => {
    const history = [msg(1, 'customer', 'do you deliver to the highlands?'), msg(2, 'ai', 'Yes, we deliver to the Highlands.')];
    expect(contextualQuery('how much extra?', history)).toBe('do you deliver to the highlands? how much extra? how much extra?');
    expect(contextualQuery('how much extra?', history.slice(0, 1))).toBeUndefined();
    expect(contextualQuery('how much extra?', [])).toBeUndefined();
    expect(contextualQuery('I would like to know the opening hours of every club you run in the country please', history)).toBeUndefined();
  });

  it('chains a follow-up of a follow-up back to the question that started it', () => {
    const history = [msg(1, 'customer', 'can I bring a friend?'), msg(2, 'ai', 'Yes, 2 guest passes a month.'), msg(3, 'customer', 'shes 17 tho'), msg(4, 'ai', 'Guests must be 18.')];
    expect(contextualQuery('what about a day pass?', history)).toBe('can I bring a friend? shes 17 tho what about a day pass? what about a day pass?');
  });
});
