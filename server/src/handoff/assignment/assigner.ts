import type { AuditLog } from '../../security/audit.js';
import type { Logger } from '../../util/logger.js';
import type { HandoffService } from '../service.js';
import type { AssignmentConfig } from './config.js';
import { TRANSITIONS, type TransitionEvent } from '../../conversations/states.js';
import { AssignmentStore } from '../../storage/assignment.js';
import { pick } from './pick.js';
import { eligibleMembers, strategyOf, teamFor } from './teams.js';

/** What one assignment attempt did. */
export type AssignResult = { assignee: { id: string; name: string }; team: string } | 'full' | 'not_waiting';

// Changes that free capacity: a person closed a conversation or handed it back (also to the queue, when reassigned).
const FREES_CAPACITY = new Set<TransitionEvent>(['close', 'release', 'requeue']);

/**
 * Auto-assignment: an escalated conversation goes to an online member of its team with room (round-robin or
 * least-busy), else waits in the queue until capacity frees or someone comes online; an assignee offline for longer
 * than the grace period loses their conversations to the queue. Every decision is atomic in the database
 * (AssignmentStore.assign), so any number of nodes may run this at once.
 */
export class Assigner {
  readonly store: AssignmentStore;
  /** Assignees seen offline and since when (ms), kept until they come back or their conversations moved. */
  private readonly offlineSince = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly handoff: HandoffService,
    readonly config: AssignmentConfig,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
  ) {
    this.store = new AssignmentStore(handoff.deps.db, TRANSITIONS);
  }

  /** Follow escalations and freed capacity, and sweep the queue and offline assignees every `sweepMs`. */
  start(): void {
    const { service } = this.handoff.deps;
    const off = service.subscribe((change) => {
      if (change.kind !== 'state') return;
      if (change.event === 'escalate')
        void this.assign(change.conversation.id).catch((err) => this.logger.error({ err }, 'assignment failed'));
      else if (FREES_CAPACITY.has(change.event)) void this.drain();
    });
    const sweep = setInterval(() => void this.sweep(), this.config.sweepMs).unref();
    this.unsubscribe = () => {
      off();
      clearInterval(sweep);
    };
  }

  /** A person's console connected on this node: they may take queued conversations. */
  staffConnected(): void {
    void this.drain();
  }

  /** A person's console disconnected here: after the grace period, if they have no console open on any node, reassign. */
  staffDisconnected(staffId: string): void {
    // Counted from the disconnect, so the sweep after the grace period reassigns at once (unless they came back).
    this.offlineSince.set(staffId, Date.now());
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.sweep();
    }, this.config.graceMs + 50).unref();
    this.timers.add(t);
  }

  /** Try to assign one waiting conversation now; `fullTeams` (within one pass over the queue) skips teams already found full. */
  async assign(conversationId: string, fullTeams?: Set<string>): Promise<AssignResult> {
    const waiting = await this.store.waiting(conversationId);
    if (!waiting) return 'not_waiting';
    const team = teamFor(this.config, waiting);
    if (fullTeams?.has(team)) return 'full';
    const [online, staff] = await Promise.all([this.handoff.deps.channel.online(), this.store.staff()]);
    const eligible = eligibleMembers(this.config, team, online, staff);
    const strategy = strategyOf(this.config, team);
    const chosen = await this.store.assign(conversationId, team, eligible, (c, last) => pick(c, strategy, last));
    if (chosen === undefined) return 'not_waiting';
    if (chosen === 'full') {
      fullTeams?.add(team);
      return 'full';
    }
    const assignee = { id: chosen.id, name: chosen.name };
    const updated = await this.handoff.deps.service.require(conversationId);
    await this.handoff.deps.service.announce('assign', 'waiting_human', updated, {
      actor: 'assignment',
      data: { assignee: assignee.id, team, strategy },
      notice: { code: 'handoff.joined', params: { name: assignee.name } },
    });
    await this.audit.record({
      actor: 'system',
      action: 'conversation.assigned',
      target: conversationId,
      data: {
        assignee: assignee.id,
        name: assignee.name,
        team,
        strategy,
        open: chosen.open,
        capacity: chosen.capacity,
      },
    });
    return { assignee, team };
  }

  /** Assign queued conversations, oldest first, until nobody has room (one run per node at a time; calls meanwhile run it once more). */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        try {
          // A team found full stays full for the rest of this pass: capacity freed meanwhile asks for another pass.
          const fullTeams = new Set<string>();
          for (const id of await this.store.queue()) await this.assign(id, fullTeams);
        } catch (err) {
          this.logger.error({ err }, 'assignment queue failed');
        }
      } while (this.drainAgain);
    })().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /**
   * Put back in the queue the conversations of assignees who have had no console open on any node for `graceMs`
   * (a page reload reconnects well within it), then assign the queue.
   */
  async sweep(now = Date.now()): Promise<void> {
    try {
      const online = (await this.handoff.deps.channel.online()).map((s) => s.id);
      for (const id of online) this.offlineSince.delete(id);
      const held = await this.store.heldByOffline(online);
      const gone = new Set(held.map((h) => h.assigneeId));
      for (const id of this.offlineSince.keys()) if (!gone.has(id)) this.offlineSince.delete(id);
      for (const { id, assigneeId } of held) {
        const since = this.offlineSince.get(assigneeId) ?? now;
        this.offlineSince.set(assigneeId, since);
        if (now - since < this.config.graceMs) continue;
        await this.reassign(id, assigneeId);
      }
    } catch (err) {
      this.logger.error({ err }, 'assignment sweep failed');
    }
    await this.drain();
  }

  private async reassign(conversationId: string, assigneeId: string): Promise<void> {
    const before = await this.handoff.deps.service.store.get(conversationId);
    if (!before || !(await this.store.unassign(conversationId, assigneeId))) return;
    const updated = await this.handoff.deps.service.require(conversationId);
    await this.audit.record({
      actor: 'system',
      action: 'conversation.unassigned',
      target: conversationId,
      data: { assignee: assigneeId, reason: 'offline' },
    });
    await this.handoff.deps.service.announce('requeue', 'human', updated, {
      actor: 'assignment',
      data: { reason: 'assignee_offline', assignee: assigneeId },
      notice: { code: 'handoff.left', params: { name: before.assigneeName ?? '' } },
    });
  }

  /** Stop following changes and cancel timers. */
  close(): void {
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
