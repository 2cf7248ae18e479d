import { describe, expect, it } from 'vitest';
import { withDelta, withoutStream } from './streams.js';

describe('streams', () => {
  it('appends chunks per stream and drops one without touching the others', () => {
    let s = withDelta({}, { conversationId: 'c', streamId: 'a', delta: 'Hel' });
    s = withDelta(s, { conversationId: 'c', streamId: 'a', delta: 'lo' });
    s = withDelta(s, { conversationId: 'c', streamId: 'b', delta: 'x' });
    expect(s).toEqual({ a: 'Hello', b: 'x' });
    expect(withoutStream(s, 'a')).toEqual({ b: 'x' });
    expect(withoutStream(s, 'zzz')).toBe(s);
  });
});
