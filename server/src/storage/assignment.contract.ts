import { expect, it } from 'vitest';
import { AssignmentStore, type AssignmentMoves, type Candidate } from './assignment.js';
import { ConversationStore } from './conversations.js';
import type { Database } from './db.js';
import { StaffStore } from './staff.js';

const routing = (agent: string, topic?: string) => ({
  agent,
  ...(topic ? { topic } : {}),
  confidence: 0.9,
  alternatives: [],
  reason: 'semantic' as const,
});
const first = (c: Candidate[]) => c[0];

/**
 * Assignment's SQL every database backend must run alike; run against PGlite and PostgreSQL with the moves of the
 * transition table (conversations/states.ts), whose from-states the expectations below follow.
 */
export function assignmentContract(open: () => Promise<Database>, moves: AssignmentMoves): void {
  const withDb =
    (fn: (s: AssignmentStore, conversations: ConversationStore, staff: StaffStore) => Promise<void>) => async () => {
      const db = await open();
      await fn(new AssignmentStore(db, moves), new ConversationStore(db), new StaffStore(db));
    };
  const person = (staff: StaffStore, name: string) =>
    staff.create({ email: `${name}@Example.com`, name, role: 'agent', passwordHash: 'x' });

  it(
    'lists active staff with lower-cased e-mails, and the queue oldest first',
    withDb(async (s, conversations, staff) => {
      const ann = await person(staff, 'Ann');
      const bob = await person(staff, 'Bob');
      await staff.update(bob.id, { disabled: true });
      expect(await s.staff()).toEqual([{ id: ann.id, email: 'ann@example.com', name: 'Ann' }]);
      const later = await conversations.create({ visitorId: 'v1' });
      const earlier = await conversations.create({ visitorId: 'v2' });
      const never = await conversations.create({ visitorId: 'v3' });
      await conversations.update(later.id, { state: 'waiting_human', waitingSince: '2026-01-02T00:00:00Z' });
      await conversations.update(earlier.id, { state: 'waiting_human', waitingSince: '2026-01-01T00:00:00Z' });
      await conversations.update(never.id, { state: 'waiting_human' });
      expect(await s.queue()).toEqual([earlier.id, later.id, never.id]);
      expect(await s.queue(1)).toEqual([earlier.id]);
    }),
  );

  it(
    'reads a waiting conversation with its attributes and routed agents, newest first; nothing once it stops waiting',
    withDb(async (s, conversations) => {
      const c = await conversations.create({ visitorId: 'v1' });
      const a = await conversations.append(c.id, { role: 'customer', text: 'one' });
      const b = await conversations.append(c.id, { role: 'customer', text: 'two' });
      await conversations.setRouting(a.message.id, routing('billing', 'refunds'));
      await conversations.setRouting(b.message.id, routing('tech'));
      await conversations.setSignedAttributes(c.id, { plan: 'pro' });
      expect(await s.waiting(c.id)).toBeUndefined();
      await conversations.update(c.id, { state: 'waiting_human' });
      expect(await s.waiting(c.id)).toEqual({
        id: c.id,
        signed: { plan: 'pro' },
        unsigned: undefined,
        routed: [{ agent: 'tech' }, { agent: 'billing', topic: 'refunds' }],
      });
    }),
  );

  it(
    'assigns a waiting conversation to the pick, counting what each holds and remembering the team’s last pick',
    withDb(async (s, conversations, staff) => {
      const ann = await person(staff, 'Ann');
      const held = await conversations.create({ visitorId: 'v0' });
      await conversations.update(held.id, { state: 'human', assigneeId: ann.id });
      const c = await conversations.create({ visitorId: 'v1' });
      const eligible = [{ id: ann.id, name: 'Ann', capacity: 2 }];
      expect(await s.assign(c.id, 'support', [], first)).toBe('full');
      expect(await s.assign(c.id, 'support', eligible, first)).toBeUndefined(); // not waiting (the `assign` move)
      await conversations.update(c.id, { state: 'waiting_human', waitingSince: new Date().toISOString() });
      expect(await s.assign(c.id, 'support', eligible, () => undefined)).toBe('full');
      const seen: Array<[Candidate[], string | undefined]> = [];
      const chosen = await s.assign(c.id, 'support', eligible, (cands, last) => (seen.push([cands, last]), cands[0]));
      expect(seen).toEqual([[[{ ...eligible[0], open: 1 }], undefined]]);
      expect(chosen).toEqual({ ...eligible[0], open: 2 });
      expect(await conversations.get(c.id)).toMatchObject({ state: 'human', assigneeId: ann.id, assigneeName: 'Ann' });
      expect((await conversations.get(c.id))?.waitingSince).toBeUndefined();
      const again = await conversations.create({ visitorId: 'v2' });
      await conversations.update(again.id, { state: 'waiting_human' });
      await s.assign(again.id, 'support', eligible, (cands, last) => (seen.push([cands, last]), undefined));
      expect(seen[1][1]).toBe(ann.id);
    }),
  );

  it(
    'takes by hand from the AI or the queue, within a capacity; transfers only from the holder',
    withDb(async (s, conversations, staff) => {
      const ann = await person(staff, 'Ann');
      const bob = await person(staff, 'Bob');
      const c = await conversations.create({ visitorId: 'v1' });
      const taken = await s.handOver(c.id, ann, { capacity: 1 });
      expect(taken).toMatchObject({ open: 1, row: { state: 'human', assignee_id: ann.id } });
      const other = await conversations.create({ visitorId: 'v2' });
      await conversations.update(other.id, { state: 'waiting_human' });
      expect(await s.handOver(other.id, ann, { capacity: 1 })).toEqual({ full: 1 });
      expect(await s.handOver(other.id, bob, {})).toMatchObject({ open: 1 }); // no capacity: no limit
      expect(await s.handOver(c.id, bob, {})).toBeUndefined(); // held: a take is refused (the `claim` move)
      expect(await s.handOver(c.id, bob, { holder: bob.id })).toBeUndefined(); // Bob does not hold it
      expect(await s.handOver(c.id, bob, { holder: ann.id, capacity: 1 })).toEqual({ full: 1 });
      expect(await s.handOver(c.id, bob, { holder: ann.id })).toMatchObject({ open: 2, row: { assignee_id: bob.id } });
      await conversations.update(c.id, { state: 'closed' });
      expect(await s.handOver(c.id, ann, {})).toBeUndefined();
    }),
  );

  it(
    'finds conversations held by people offline and puts them back in the queue at their first place',
    withDb(async (s, conversations, staff) => {
      const ann = await person(staff, 'Ann');
      const c = await conversations.create({ visitorId: 'v1' });
      const queued = '2026-01-01T00:00:00.000Z';
      await conversations.update(c.id, { state: 'human', assigneeId: ann.id, queuedSince: queued });
      expect(await s.heldByOffline([ann.id])).toEqual([]);
      expect(await s.heldByOffline([])).toEqual([{ id: c.id, assigneeId: ann.id }]);
      expect(await s.unassign(c.id, 's_someone_else')).toBe(false);
      expect(await s.unassign(c.id, ann.id)).toBe(true);
      const back = await conversations.get(c.id);
      expect(back).toMatchObject({ state: 'waiting_human', waitingSince: queued });
      expect(back?.assigneeId).toBeUndefined();
      expect(await s.unassign(c.id, ann.id)).toBe(false); // no longer held (the `requeue` move)
    }),
  );
}
