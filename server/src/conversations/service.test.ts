import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationState } from 'switchboard-chat/protocol';
import { AppError } from '../util/errors.js';
import type { ConversationChange } from './changes.js';
import { conversationChangeSchema } from './changes.js';
import { serviceOnPglite } from './service.test-helpers.js';
import { nextState, STATES, TRANSITION_EVENTS, TRANSITIONS } from './states.js';

const changes: ConversationChange[] = [];
const told: Array<{ event: string; state?: string }> = [];
const t = serviceOnPglite({
  broadcast: {
    toConversation: (_id, event, payload) => told.push({ event, state: (payload as { state?: string }).state }),
  },
});
beforeAll(() => void t.service.subscribe((c) => changes.push(c)));

/** A stored conversation put in `state` directly (the test sets the scene; production goes through the service). */
async function inState(state: ConversationState, assigneeId?: string) {
  const c = await t.store.create({ visitorId: `v_${Math.random().toString(36).slice(2)}` });
  await t.store.update(c.id, { state, ...(assigneeId ? { assigneeId, assigneeName: 'Maria' } : {}) });
  changes.length = 0;
  told.length = 0;
  return c.id;
}

describe('ConversationService.transition goes through the table', () => {
  for (const event of TRANSITION_EVENTS)
    for (const from of STATES) {
      const to = nextState(from, event);
      it(`${event} from ${from}: ${to ? `moves to ${to}` : 'refused'}`, async () => {
        const id = await inState(from, from === 'human' ? 's_maria' : undefined);
        if (!to) {
          const err = await t.service.transition(id, event, { actor: 's_x' }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe(
            event === 'claim' || event === 'assign'
              ? from === 'human'
                ? 'already_claimed'
                : 'invalid_transition'
              : 'invalid_transition',
          );
          expect((await t.store.get(id))?.state).toBe(from);
          expect(changes).toEqual([]);
          return;
        }
        const updated = await t.service.transition(id, event, { actor: 's_x', notice: { code: 'handoff.back_to_ai' } });
        expect(updated.state).toBe(to);
        const [notice, change] = changes;
        expect(notice).toMatchObject({ kind: 'message', message: { role: 'system' } });
        expect(change).toMatchObject({ kind: 'state', event, from, to, type: TRANSITIONS[event].type, actor: 's_x' });
        expect(conversationChangeSchema.safeParse(change).success).toBe(true);
        expect(told.at(-1)).toEqual({ event: 'state', state: to });
        const trail = await t.db.query<{ type: string; from_state: string; to_state: string }>(
          'SELECT type, from_state, to_state FROM conversation_events WHERE conversation_id = $1',
          [id],
        );
        expect(trail).toEqual([{ type: TRANSITIONS[event].type, from_state: from, to_state: to }]);
      });
    }

  it('escalate is refused quietly (undefined) where the table refuses it', async () => {
    const id = await inState('waiting_human');
    expect(await t.service.escalate(id, 'again')).toBeUndefined();
    expect(changes).toEqual([]);
  });

  it('an escalation meeting a conversation a person holds (an AI answer in flight when they took it) changes nothing', async () => {
    const id = await inState('human', 's_maria');
    expect(await t.service.escalate(id, 'explicit-human')).toBeUndefined();
    expect(await t.store.get(id)).toMatchObject({ state: 'human', assigneeId: 's_maria' });
    expect((await t.store.get(id))?.waitingSince).toBeUndefined();
    expect(changes).toEqual([]);
    expect(told).toEqual([]);
  });

  it('announce refuses a stored change that does not lead where the event does', async () => {
    const id = await inState('ai');
    const c = (await t.store.get(id))!;
    await expect(t.service.announce('claim', 'waiting_human', c, {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('the changes the customer side makes', () => {
  it('each is stored and told as one typed change', async () => {
    const id = await inState('ai');
    await t.service.setContact(id, 'a@example.com');
    await t.service.identify(id, { userId: 'u:1', userName: 'Ann' });
    await t.service.setVisitorAttributes(id, { plan: 'pro' }, 10);
    await t.service.setSignedAttributes(id, { tier: 'gold' }, 'user:u1');
    expect(await t.service.setVisitorAttributes(id, { a: 1, b: 2 }, 1)).toBe('too_many');
    t.service.customerTyping(id, true);
    const created = await t.service.create({ visitorId: 'v_fresh' });
    expect(changes.map((c) => [c.kind, 'actor' in c ? c.actor : undefined])).toEqual([
      ['contact', 'customer'],
      ['identified', 'customer'],
      ['attributes', 'customer'],
      ['attributes', 'user:u1'],
      ['typing', undefined],
      ['created', undefined],
    ]);
    for (const c of changes) expect(conversationChangeSchema.safeParse(c).success).toBe(true);
    expect(await t.store.get(id)).toMatchObject({
      contactEmail: 'a@example.com',
      userId: 'u:1',
      userName: 'Ann',
      visitorAttributes: { plan: 'pro' },
      signedAttributes: { tier: 'gold' },
    });
    expect((await t.store.get(created.id))?.visitorId).toBe('v_fresh');
  });

  it('a signed identity is also written to the trail', async () => {
    const id = await inState('ai');
    await t.service.identify(id, { userId: 'u2' }, { actor: 'user:u2', data: { visitorId: 'v1' } });
    const trail = await t.db.query('SELECT type, actor FROM conversation_events WHERE conversation_id = $1', [id]);
    expect(trail).toEqual([{ type: 'identified', actor: 'user:u2' }]);
  });

  it('unsubscribing stops the changes', async () => {
    const seen: string[] = [];
    const off = t.service.subscribe((c) => seen.push(c.kind));
    t.service.customerTyping('c_x', true);
    off();
    t.service.customerTyping('c_x', false);
    expect(seen).toEqual(['typing']);
  });
});
