import { describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import type { Chunk, KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import { focusOf, ownWords, preferCited, previousTurn, rewriteFollowUp, withCited } from './follow-up.js';

const msg = (seq: number, role: Message['role'], text: string, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  seq,
  conversationId: 'c',
  role,
  text,
  createdAt: '',
  ...extra,
});
const cited = (id: string, title: string) => ({ sources: [{ id, title }] });

describe('previousTurn', () => {
  it('is the previous question and the article its answer cited, only after an AI reply', () => {
    const history = [
      msg(1, 'customer', 'do you deliver to the highlands?'),
      msg(2, 'ai', 'Yes, for £15.', cited('delivery', 'Delivery areas')),
    ];
    expect(previousTurn('how much extra?', history)).toEqual({
      questions: ['do you deliver to the highlands?'],
      docs: ['delivery'],
      titles: ['Delivery areas'],
    });
    expect(previousTurn('how much extra?', history.slice(0, 1))).toBeUndefined();
    expect(previousTurn('how much extra?', [])).toBeUndefined();
  });

  it('chains a follow-up of a follow-up back to the question that started it', () => {
    const history = [
      msg(1, 'customer', 'can I bring a friend?'),
      msg(2, 'ai', '2 guest passes a month.', cited('guests', 'Guest passes')),
      msg(3, 'customer', 'shes 17 tho'),
      msg(4, 'ai', 'Guests must be 18.', cited('guests', 'Guest passes')),
    ];
    expect(previousTurn('what about a day pass?', history)?.questions).toEqual([
      'can I bring a friend?',
      'shes 17 tho',
    ]);
  });

  it('treats a click on a suggestion button as continuing the question being clarified', () => {
    const history = [
      msg(1, 'customer', 'roaming in spain'),
      msg(2, 'ai', 'Which of these?', { meta: { suggestions: ['Roaming charges', 'Coverage map'] } }),
    ];
    expect(previousTurn('Roaming charges', history)).toMatchObject({
      questions: ['roaming in spain'],
      suggested: 'Roaming charges',
      titles: ['Roaming charges'],
    });
  });
});

describe('rewriteFollowUp', () => {
  const previous = (q: string, title: string) => ({ questions: [q], docs: ['d'], titles: [title] });

  it('substitutes a new slot (plan, place, person) into the previous question, keeping its frame and topic', () => {
    expect(
      rewriteFollowUp('and for students?', previous('hey how much is off peak membership', 'Membership types')),
    ).toBe('how much is membership and for students?');
    expect(
      rewriteFollowUp('and to Scotland?', previous('how long does delivery to Wales take?', 'Delivery times › Wales')),
    ).toBe('how long does delivery to and to Scotland?');
    expect(
      rewriteFollowUp('what about the 10GB plan', previous('how much is the 5GB plan per month', 'Plans and prices')),
    ).toBe('how much is the plan what about the 10GB plan');
  });

  it('keeps the whole previous question when the title names none of its words, or in another language', () => {
    expect(rewriteFollowUp('and for students?', previous('can i bring a mate', 'Guest passes'))).toBe(
      'can i bring a mate and for students? and for students?',
    );
    expect(
      rewriteFollowUp('y para estudiantes?', previous('cuanto cuesta la membresia', 'Tipos de membresía'), 'es'),
    ).toBe('cuanto cuesta la membresia y para estudiantes? y para estudiantes?');
  });

  it('asks the new question about the old topic when the follow-up brings no slot of its own', () => {
    expect(
      rewriteFollowUp(
        'how long does that take?',
        previous('how do i freeze my membership', 'Freezing your membership'),
      ),
    ).toBe('how do i freeze my membership how long does that take? how long does that take?');
    expect(rewriteFollowUp('and if it fails again?', previous('my direct debit failed', 'Failed payments'))).toBe(
      'my direct debit failed and if it fails again? and if it fails again?',
    );
  });

  it('counts only words with a topic as the follow-up’s own', () => {
    expect(ownWords('and what about that then?')).toEqual([]);
    expect(ownWords('and for students?')).toEqual(['student']);
    expect(ownWords('how long?')).toEqual([]);
  });
});

describe('focusOf', () => {
  const previous = { questions: ['how much is the plus plan'], docs: [], titles: ['Plans'] };

  it('keeps a follow-up that asks its own question, and lends a bare continuation the previous kind of fact', () => {
    expect(focusOf('how long does that take to kick in', previous)).toBe('how long does that take to kick in');
    expect(focusOf('do they expire?', previous)).toBe('do they expire?');
    expect(focusOf('and unlimited?', previous)).toBe('how much and unlimited?');
    expect(focusOf('and what does it include?', previous)).toBe('and what does it include?');
    expect(focusOf('and unlimited?', { ...previous, questions: ['can I keep my number'] })).toBe('and unlimited?');
  });
});

describe('preferCited', () => {
  const chunk = (id: string, docId: string): Chunk => ({
    id,
    docId,
    title: docId,
    heading: '',
    text: id,
    collection: 'general',
    tags: [],
    hash: id,
  });
  const hit = (id: string, docId: string, score: number): SearchHit => ({ chunk: chunk(id, docId), score });
  const all = [hit('a1', 'a', 1), hit('b1', 'b', 0.9), hit('c1', 'c', 0.8), hit('b2', 'b', 0.7), hit('a2', 'a', 0.6)];
  const inner: KnowledgeSearch = {
    version: 1,
    embedQuery: async () => new Float32Array(1),
    search: async (_q, o = {}) => all.slice(0, o.limit ?? 5),
  };

  it('puts the cited article’s passages first for a follow-up, and changes nothing otherwise', async () => {
    const kb = preferCited(inner);
    expect((await kb.search('q', { limit: 2 })).map((h) => h.chunk.id)).toEqual(['a1', 'b1']);
    const ids = await withCited(['b'], async () => (await kb.search('q', { limit: 2 })).map((h) => h.chunk.id));
    expect(ids).toEqual(['b1', 'b2']);
    const tagged = await withCited(['b'], async () =>
      (await kb.search('q', { limit: 2, tags: ['lang:es'] })).map((h) => h.chunk.id),
    );
    expect(tagged).toEqual(['a1', 'b1']);
  });
});
