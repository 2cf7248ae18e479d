import { describe, expect, it } from 'vitest';
import type { Message } from '../../widget/src/protocol/index.js';
import { compare } from './customer.js';

const msg = (seq: number, role: Message['role'], extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  seq,
  conversationId: 'c',
  role,
  text: 't',
  createdAt: '',
  ...extra,
});
const outbox = (entries: Array<[string, boolean, string?]>) =>
  new Map(
    entries.map(([clientId, acked, messageId]) => [clientId, { text: 't', at: 0, acked, repeat: false, messageId }]),
  );

describe('final history check', () => {
  it('passes a clean history', () => {
    const history = [msg(1, 'customer', { clientId: 'a' }), msg(2, 'ai', { meta: { replyTo: 'm1' } })];
    expect(compare(outbox([['a', true, 'm1']]), new Set(['m1', 'm2']), history)).toEqual({
      acked: 1,
      lost: 0,
      duplicated: 0,
      pending: 0,
      phantom: 0,
      unanswered: 0,
      to_person: 0,
    });
  });

  it('counts an answer owed by the AI as unanswered, and a message to a person as not owed', () => {
    const history = [
      msg(1, 'customer', { clientId: 'a' }),
      msg(2, 'customer', { clientId: 'b' }),
      msg(3, 'ai', { meta: { replyTo: 'm2' } }),
      msg(4, 'system', { meta: { kind: 'escalated', state: 'waiting_human' } }),
      msg(5, 'customer', { clientId: 'c' }),
      msg(6, 'system', { meta: { kind: 'released', state: 'ai' } }),
      msg(7, 'customer', { clientId: 'd' }),
    ];
    const sent = outbox([
      ['a', true, 'm1'],
      ['b', true, 'm2'],
      ['c', true, 'm5'],
      ['d', true, 'm7'],
    ]);
    // a: handed over before its answer (a person's); c: sent to a person; d: owed by the AI again, unanswered.
    expect(compare(sent, new Set(), history)).toMatchObject({ unanswered: 1, to_person: 2 });
  });

  it('finds an acknowledged message missing from the history', () => {
    expect(
      compare(
        outbox([
          ['a', true, 'm1'],
          ['b', false],
        ]),
        new Set(),
        [],
      ).lost,
    ).toBe(1);
  });

  it('finds a clientId stored twice, a repeated seq and two replies to one message', () => {
    const history = [
      msg(1, 'customer', { clientId: 'a' }),
      msg(2, 'customer', { id: 'm2', clientId: 'a' }),
      msg(3, 'ai', { meta: { replyTo: 'm1' } }),
      msg(3, 'ai', { id: 'm4', meta: { replyTo: 'm1' } }),
    ];
    expect(compare(outbox([['a', true, 'm1']]), new Set(), history).duplicated).toBe(3);
  });

  it('finds a message received live that the server no longer has', () => {
    expect(compare(outbox([]), new Set(['m9']), [msg(1, 'system')]).phantom).toBe(1);
  });
});
