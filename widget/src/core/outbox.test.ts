import { describe, expect, it } from 'vitest';
import type { Message } from '../protocol/messages.js';
import { newClientId, Outbox } from './outbox.js';
import { replay } from './queue.js';
import { createStorage } from './storage.js';
import { Timeline } from './timeline.js';

const msg = (seq: number, id = `m${seq}`): Message => ({
  id,
  seq,
  conversationId: 'c',
  role: 'ai',
  text: `t${seq}`,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('outbox', () => {
  it('keeps messages in order until acknowledged and requeues in-flight ones after a disconnect', () => {
    const o = new Outbox();
    const a = o.add('one');
    const b = o.add('two');
    expect(a.clientId).not.toBe(b.clientId);
    o.mark(a.clientId, 'sending');
    expect(o.due().map((p) => p.text)).toEqual(['two']);
    o.requeue();
    expect(o.due().map((p) => p.text)).toEqual(['one', 'two']);
    o.ack(a.clientId);
    expect(o.all().map((p) => p.text)).toEqual(['two']);
    expect(o.size).toBe(1);
  });

  it('makes client ids that are unique and valid for the protocol', () => {
    const ids = new Set(Array.from({ length: 1000 }, newClientId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.:-]{1,100}$/);
  });
});

describe('timeline (resync)', () => {
  it('deduplicates by id, orders by seq and tracks the last seq for history calls', () => {
    const t = new Timeline();
    expect(t.merge([msg(2), msg(1)])).toBe(true);
    expect(t.merge([msg(2)])).toBe(false);
    expect(t.merge([msg(3), msg(2)])).toBe(true);
    expect(t.list().map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(t.lastSeq).toBe(3);
  });
});

describe('storage fallback', () => {
  it('falls back to memory when no web storage exists', () => {
    const s = createStorage();
    expect(s.kind).toBe('memory');
    s.set('visitor', 'abc');
    expect(s.get('visitor')).toBe('abc');
    s.remove('visitor');
    expect(s.get('visitor')).toBeNull();
  });

  it('uses sessionStorage when localStorage throws', () => {
    const mem = new Map<string, string>();
    const session = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => void mem.set(k, v),
      removeItem: (k: string) => void mem.delete(k),
    };
    const g = globalThis as Record<string, unknown>;
    Object.defineProperty(g, 'localStorage', {
      configurable: true,
      get: () => {
        throw new Error('blocked');
      },
    });
    g.sessionStorage = session;
    try {
      const s = createStorage();
      expect(s.kind).toBe('session');
      s.set('visitor', 'x');
      expect(mem.get('switchboard:visitor')).toBe('x');
    } finally {
      delete g.localStorage;
      delete g.sessionStorage;
    }
  });
});

describe('queue replay', () => {
  it('replays calls made before the widget loaded, in order, and survives bad ones', () => {
    const calls: string[] = [];
    const chat = {
      open: () => calls.push('open'),
      identify: (u: { id: string }) => calls.push(`identify:${u.id}`),
      send: () => {
        throw new Error('boom');
      },
    };
    const queue: Array<[string, ...unknown[]]> = [['identify', { id: 'u1' }], ['nope'], ['send', 'x'], ['open']];
    replay(chat, queue);
    expect(calls).toEqual(['identify:u1', 'open']);
    expect(queue).toEqual([]);
  });
});
