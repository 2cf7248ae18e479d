import type { ConversationSummary } from 'switchboard-chat/protocol';
import type { StaffPrincipal } from '../security/staff-tokens.js';
import { refusal } from '../conversations/states.js';
import { toConversation } from '../storage/rows.js';
import { StaffStore } from '../storage/staff.js';
import { AppError } from '../util/errors.js';
import type { HandoffService } from './service.js';

/** A manual take or transfer; `force` (admins only) goes beyond the person's capacity, and is audited when it does. */
export interface HandOverRequest {
  conversationId: string;
  force?: boolean;
}

/** The capacity that applies to `staffId` (none without auto-assignment), refusing `force` from anyone but an admin. */
async function capacityFor(h: HandoffService, me: StaffPrincipal, staffId: string, force?: boolean) {
  if (force && me.role !== 'admin')
    throw new AppError('forbidden', 'Only an admin may give someone more conversations than their capacity.', {
      field: 'force',
    });
  return h.deps.capacity?.(staffId);
}

function atCapacity(me: StaffPrincipal, who: { id: string; name: string }, open: number, capacity: number): AppError {
  const subject = who.id === me.id ? 'You already hold' : `${who.name} already holds`;
  const way = me.role === 'admin' ? 'close one first, or go ahead anyway (force)' : 'close one first';
  return new AppError(
    'assignee_at_capacity',
    `${subject} ${open} open conversation${open === 1 ? '' : 's'}, the capacity of ${capacity}: ${way}.`,
  );
}

/** Write the audit entry of a forced hand-over that went beyond the capacity. */
async function auditOverride(
  h: HandoffService,
  me: StaffPrincipal,
  r: HandOverRequest,
  to: string,
  open: number,
  capacity: number | undefined,
  via: 'take' | 'transfer',
) {
  if (!r.force || capacity === undefined || open <= capacity) return false;
  await h.deps.audit?.record({
    actor: me.id,
    action: 'conversation.capacity_override',
    target: r.conversationId,
    data: { assignee: to, open, capacity, via },
  });
  return true;
}

/** Take a conversation (atomic: when two people click at once, the second gets `already_claimed`), within one's capacity. */
export async function take(h: HandoffService, me: StaffPrincipal, r: HandOverRequest): Promise<ConversationSummary> {
  const { service } = h.deps;
  const before = await service.require(r.conversationId);
  const capacity = await capacityFor(h, me, me.id, r.force);
  const done = await h.assignments.handOver(r.conversationId, me, { capacity: r.force ? undefined : capacity });
  if (!done) throw refusal((await service.require(r.conversationId)).state, 'claim');
  if ('full' in done) throw atCapacity(me, me, done.full, capacity!);
  const forced = await auditOverride(h, me, r, me.id, done.open, capacity, 'take');
  await service.announce('claim', before.state, toConversation(done.row), {
    actor: me.id,
    ...(forced ? { data: { force: true, open: done.open, capacity } } : {}),
    notice: { code: 'handoff.joined', params: { name: me.name } },
  });
  return h.summary(r.conversationId);
}

/** Hand a conversation one holds (admins: anyone's) to a colleague with room; compare-and-set on its holder. */
export async function transfer(
  h: HandoffService,
  me: StaffPrincipal,
  r: HandOverRequest & { to: string },
): Promise<ConversationSummary> {
  const c = await h.deps.service.require(r.conversationId);
  if (c.state !== 'human' || !c.assigneeId)
    throw new AppError('invalid_transition', 'Only a conversation someone holds can be transferred; take it first.');
  if (c.assigneeId !== me.id && me.role !== 'admin')
    throw new AppError('forbidden', `${c.assigneeName ?? 'Someone else'} is handling this conversation.`);
  const target = await new StaffStore(h.deps.db).byId(r.to);
  if (!target || target.disabled) throw new AppError('not_found', 'No such active staff member.');
  const capacity = await capacityFor(h, me, target.id, r.force);
  const done = await h.assignments.handOver(r.conversationId, target, {
    holder: c.assigneeId,
    capacity: r.force ? undefined : capacity,
  });
  if (!done) throw new AppError('invalid_transition', 'The conversation changed meanwhile; look again.');
  if ('full' in done) throw atCapacity(me, target, done.full, capacity!);
  const forced = await auditOverride(h, me, r, target.id, done.open, capacity, 'transfer');
  await h.deps.service.announce('transfer', 'human', toConversation(done.row), {
    actor: me.id,
    data: { from: c.assigneeId, to: target.id, ...(forced ? { force: true, open: done.open, capacity } : {}) },
    notice: { code: 'handoff.joined', params: { name: target.name } },
  });
  return h.summary(r.conversationId);
}
