import { describe, expect, it, vi } from 'vitest';
import { FakeChatServer } from '../testing/fake-server.js';
import { ChatController } from './controller.js';
import type { KeyValue } from './storage.js';

function memoryStorage(): KeyValue & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    kind: 'memory',
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  };
}

function setup(storage = memoryStorage()) {
  const server = new FakeChatServer();
  const chat = new ChatController({ server: 'http://127.0.0.1:1' }, { storage, connect: server.factory, retryMs: 5 });
  const errors: unknown[] = [];
  chat.events.on('error', (e) => errors.push(e));
  return { server, chat, storage, errors };
}

/** Let queued microtasks and short timers run. */
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('ChatController', () => {
  it('sends a message once, shows it as stored and writes nothing to storage before the customer interacts', async () => {
    const { server, chat, storage } = setup();
    expect(storage.data.size).toBe(0);
    chat.send('hello');
    expect(chat.state.pending.map((p) => p.text)).toEqual(['hello']);
    await settle();
    expect(server.received.map((r) => r.text)).toEqual(['hello']);
    expect(chat.state.pending).toEqual([]);
    expect(chat.state.messages.map((m) => m.text)).toEqual(['hello']);
    expect(storage.data.get('visitor')).toBe('v-token-1');
  });

  it('keeps messages typed offline and delivers each exactly once, in order, after the reconnect', async () => {
    const { server, chat } = setup();
    chat.send('one');
    await settle();
    server.socket.drop();
    expect(chat.state.connection).toBe('offline');
    chat.send('two');
    chat.send('three');
    await settle();
    expect(chat.state.pending.map((p) => [p.text, p.status])).toEqual([
      ['two', 'pending'],
      ['three', 'pending'],
    ]);
    server.socket.open();
    await settle();
    expect(server.messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(chat.state.messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(chat.state.pending).toEqual([]);
  });

  it('resends with the same clientId when an ack is lost, and the server keeps a single copy', async () => {
    const { server, chat } = setup();
    server.loseAcks = 1;
    chat.send('ping');
    await vi.waitFor(() => expect(chat.state.pending).toEqual([]));
    const ids = server.received.map((r) => r.clientId);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(1);
    expect(server.messages.filter((m) => m.text === 'ping')).toHaveLength(1);
    expect(chat.state.messages.filter((m) => m.text === 'ping')).toHaveLength(1);
    expect(chat.state.pending).toEqual([]);
  });

  it('marks a message failed after repeated lost acks and resends it by itself after a reconnect', async () => {
    const { server, chat } = setup();
    server.loseAcks = 3;
    chat.send('lost');
    await vi.waitFor(() => expect(chat.state.pending.map((p) => [p.status, p.attempts])).toEqual([['failed', 3]]));
    server.socket.drop();
    server.socket.open();
    await vi.waitFor(() => expect(chat.state.pending).toEqual([]));
    expect(server.messages.map((m) => m.text)).toEqual(['lost']);
    // The resync after the reconnect brought the stored copy back (same clientId), so no fourth send was needed.
    expect(server.received).toHaveLength(3);
    expect(chat.state.messages.map((m) => m.text)).toEqual(['lost']);
  });

  it('never runs two senders at once when sends arrive during a reconnect', async () => {
    const { server, chat } = setup();
    chat.send('a');
    await settle();
    server.socket.drop();
    for (const t of ['b', 'c', 'd']) chat.send(t);
    server.socket.open();
    chat.send('e');
    await settle();
    expect(server.received.map((r) => r.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('fetches missed messages page by page after a reconnect (resync after the last seq)', async () => {
    const { server, chat } = setup();
    chat.send('question');
    await settle();
    server.socket.drop();
    for (let i = 0; i < 5; i++) server.append('ai', `missed ${i}`);
    server.socket.open();
    await settle();
    expect(chat.state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      server.emitted.filter(([e]) => e === 'history').map(([, p]) => (p as { afterSeq: number }).afterSeq),
    ).toEqual([0, 1, 3, 5, 6]);
  });

  it('counts unread replies only while closed and remembers what was read across reloads', async () => {
    const storage = memoryStorage();
    const first = setup(storage);
    first.server.reply = (t) => `answer to ${t}`;
    first.chat.setOpen(true);
    first.chat.send('q1');
    await settle();
    first.chat.setOpen(false);
    first.server.socket.deliver('message', first.server.append('human', 'are you there?'));
    expect(first.chat.state.unread).toBe(1);
    first.chat.destroy();
    // Reload: the same storage, a server that still holds the conversation.
    const again = new ChatController({ server: 'http://x' }, { storage, connect: first.server.factory });
    await settle();
    expect(again.state.messages).toHaveLength(3);
    expect(again.state.unread).toBe(1);
    again.setOpen(true);
    expect(again.state.unread).toBe(0);
    expect(storage.data.get('read')).toBe('3');
    again.destroy();
  });

  it('shows refused messages as failed with a retry, and reports the error', async () => {
    const { server, chat, errors } = setup();
    const handle = server.handle.bind(server);
    server.handle = (event, payload) =>
      event === 'message:send' && payload.text === 'bad'
        ? { ok: false, error: { code: 'rate_limited', message: 'slow down' } }
        : handle(event, payload);
    chat.send('bad');
    await settle();
    expect(chat.state.pending.map((p) => p.status)).toEqual(['failed']);
    expect(errors).toEqual([{ code: 'rate_limited', message: 'slow down' }]);
    server.handle = handle;
    chat.retry(chat.state.pending[0].clientId);
    await settle();
    expect(chat.state.pending).toEqual([]);
    expect(server.messages.map((m) => m.text)).toEqual(['bad']);
  });

  it('reports a throwing listener as an error event instead of breaking the page', async () => {
    const { chat, errors } = setup();
    chat.events.on('open', () => {
      throw new Error('host bug');
    });
    expect(() => chat.setOpen(true)).not.toThrow();
    expect(errors).toEqual([{ code: 'client_error', message: 'host bug' }]);
    chat.destroy();
  });

  it('sends identify details once per connection and follows handoff state with the assignee', async () => {
    const { server, chat } = setup();
    const escalated = vi.fn();
    chat.events.on('escalated', escalated);
    chat.options = { ...chat.options, user: { id: 'u1', name: 'Ada' } };
    chat.setOpen(true);
    await settle();
    expect(server.emitted.filter(([e]) => e === 'identify')).toEqual([['identify', { id: 'u1', name: 'Ada' }]]);
    server.socket.deliver('state', { conversationId: 'c1', state: 'human', assignee: { id: 's1', name: 'Grace' } });
    expect(chat.state.assignee).toEqual({ id: 's1', name: 'Grace' });
    expect(escalated).toHaveBeenCalledWith({ state: 'human', assignee: { id: 's1', name: 'Grace' } });
    chat.logout();
    expect(chat.state.assignee).toBeUndefined();
    chat.destroy();
  });

  it('grows a streamed answer token by token and replaces it with the final message', async () => {
    const { server, chat } = setup();
    chat.setOpen(true);
    await settle();
    const socket = server.socket;
    socket.deliver('typing', { conversationId: 'c1', role: 'ai', typing: true });
    expect(chat.state.typing.ai).toBe(true);
    for (const delta of ['Reset ', 'it from ', 'Settings.'])
      socket.deliver('message:delta', { conversationId: 'c1', streamId: 's1', delta });
    expect(chat.state.streams).toEqual({ s1: 'Reset it from Settings.' });
    socket.deliver('typing', { conversationId: 'c1', role: 'ai', typing: false });
    socket.deliver('message', server.append('ai', 'Reset it from **Settings**.', { meta: { streamId: 's1' } }));
    expect(chat.state.streams).toEqual({});
    expect(chat.state.messages.map((m) => m.text)).toEqual(['Reset it from **Settings**.']);
    socket.deliver('typing', { conversationId: 'c1', role: 'human', typing: true, name: 'Grace' });
    expect(chat.state.typing.human).toBe('Grace');
    chat.destroy();
  });

  it('drops a streamed answer that ends without a message (a person took over meanwhile)', async () => {
    const { server, chat } = setup();
    chat.setOpen(true);
    await settle();
    server.socket.deliver('message:delta', { conversationId: 'c1', streamId: 's1', delta: 'Reset it ' });
    server.socket.deliver('message:delta', { conversationId: 'c1', streamId: 's2', delta: 'Other' });
    server.socket.deliver('message:stream-end', { conversationId: 'c1', streamId: 's1' });
    expect(chat.state.streams).toEqual({ s2: 'Other' });
    expect(chat.state.messages).toEqual([]);
    chat.destroy();
  });
});
