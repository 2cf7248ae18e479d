import { DEFAULT_NOTIFICATIONS, type ConversationSummary } from 'switchboard-chat/protocol';
import { describe, expect, it } from 'vitest';
import { UnreadTracker, type Viewer } from './notify.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const conv = (over: Partial<ConversationSummary>): ConversationSummary => ({
  id: 'c1',
  state: 'ai',
  visitorId: 'v1',
  createdAt: at(0),
  updatedAt: at(0),
  user: { id: 'u', name: 'Ines' },
  ...over,
});
const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  meId: 's-me',
  visible: true,
  settings: DEFAULT_NOTIFICATIONS,
  ...over,
});
const said = (s: number, text = 'hello') => ({ lastMessage: { role: 'customer' as const, text, createdAt: at(s) } });

describe('UnreadTracker', () => {
  it('announces a conversation that starts waiting, once, and counts it until seen', () => {
    const t = new UnreadTracker();
    const ai = conv(said(1, 'I need a person'));
    const waiting = conv({ ...said(1, 'I need a person'), state: 'waiting_human' });
    expect(t.update(ai, waiting, viewer())).toEqual({
      conversationId: 'c1',
      title: 'Waiting for a person',
      body: 'Ines: I need a person',
    });
    expect(t.update(waiting, { ...waiting, ...said(2) }, viewer())).toBeUndefined();
    expect(t.count).toBe(1);
    expect(t.title('Switchboard console')).toBe('(1) Switchboard console');
    t.seen('c1');
    expect(t.title('Switchboard console')).toBe('Switchboard console');
  });

  it('announces customer messages only in my own conversations', () => {
    const t = new UnreadTracker();
    const mine = conv({ state: 'human', assignee: { id: 's-me', name: 'Me' }, ...said(1) });
    const theirs = conv({ id: 'c2', state: 'human', assignee: { id: 's-other', name: 'Other' }, ...said(1) });
    expect(t.update(mine, { ...mine, ...said(5, 'are you there?') }, viewer())).toMatchObject({
      title: 'New message from Ines',
      body: 'are you there?',
    });
    expect(t.update(theirs, { ...theirs, ...said(5) }, viewer())).toBeUndefined();
    // A staff reply is not a customer message.
    expect(
      t.update(mine, { ...mine, lastMessage: { role: 'human', text: 'yes', createdAt: at(6) } }, viewer()),
    ).toBeUndefined();
    expect(t.count).toBe(1);
  });

  it('announces a conversation assigned to me (auto-assignment), once, and not one assigned to a colleague', () => {
    const t = new UnreadTracker();
    const ai = conv(said(1, 'I need a person'));
    const toMe = conv({ ...said(1, 'I need a person'), state: 'human', assignee: { id: 's-me', name: 'Me' } });
    expect(t.update(ai, toMe, viewer())).toEqual({
      conversationId: 'c1',
      title: 'Assigned to you',
      body: 'Ines: I need a person',
    });
    expect(
      t.update(
        toMe,
        { ...toMe, lastMessage: { role: 'system', text: 'Me joined', createdAt: at(2) } as never },
        viewer(),
      ),
    ).toBeUndefined();
    expect(
      t.update(undefined, conv({ id: 'c2', state: 'human', assignee: { id: 's-other', name: 'Other' } }), viewer()),
    ).toBeUndefined();
    expect(t.update(ai, toMe, viewer({ settings: { ...DEFAULT_NOTIFICATIONS, mine: false } }))).toBeUndefined();
    expect(t.count).toBe(1);
  });

  it('stays quiet about what the person is looking at, and follows the settings', () => {
    const t = new UnreadTracker();
    const waiting = conv({ state: 'waiting_human' });
    expect(t.update(conv({}), waiting, viewer({ selectedId: 'c1' }))).toBeUndefined();
    // Same conversation open, but the tab is in the background: announce.
    expect(t.update(conv({}), waiting, viewer({ selectedId: 'c1', visible: false }))).toBeDefined();
    expect(
      t.update(
        conv({ id: 'c3' }),
        { ...waiting, id: 'c3' },
        viewer({ settings: { ...DEFAULT_NOTIFICATIONS, waiting: false } }),
      ),
    ).toBeUndefined();
  });

  it('forgets a waiting conversation someone else took', () => {
    const t = new UnreadTracker();
    const waiting = conv({ state: 'waiting_human' });
    t.update(conv({}), waiting, viewer());
    t.update(waiting, { ...waiting, state: 'human', assignee: { id: 's-other', name: 'Other' } }, viewer());
    expect(t.count).toBe(0);
  });
});
