import type {
  ConversationSummary,
  Message,
  RoutingCorrection,
  SearchHit,
  SearchQuery,
} from 'switchboard-chat/protocol';
import { STAFF_CLIENT_ID_PREFIX } from 'switchboard-chat/protocol';
import type { ConversationService } from '../conversations/service.js';
import type { AuditLog } from '../security/audit.js';
import type { StaffPrincipal } from '../security/staff-tokens.js';
import type { Database } from '../storage/db.js';
import type { ConversationRecord } from '../storage/rows.js';
import { coalesce } from '../util/coalesce.js';
import { debounceByKey } from '../util/debounce-by-key.js';
import { AppError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { TRANSITIONS } from '../conversations/states.js';
import { AssignmentStore } from '../storage/assignment.js';
import { CannedStore } from './canned.js';
import type { StaffChannel } from './channel.js';
import { CorrectionStore } from './corrections.js';
import { CsatStore } from './csat.js';
import { take, transfer } from './hand-over.js';
import { isOpen, type BusinessHours } from './hours.js';
import { InboxStore } from './inbox-store.js';
import { LabelStore } from './labels.js';
import { searchConversations } from './search.js';
import { StaffSettingsStore } from './staff-settings.js';
import type { JobWorker } from '../conversations/jobs.js';
import type { WebhookSender } from './webhooks.js';

export interface HandoffDeps {
  service: ConversationService;
  db: Database;
  channel: StaffChannel;
  hours: BusinessHours;
  /** Agent names a routing decision may be re-labelled to. */
  agentNames: string[];
  webhooks?: WebhookSender;
  /** Durable jobs (escalation notifications are completed through it). */
  jobs?: JobWorker;
  logger: Logger;
  /** Told after every stored re-label (the router's learning loop retrains and audits). */
  onRelabel?: (correction: RoutingCorrection, staff: StaffPrincipal) => void;
  /** Labels per conversation (`maxLabels`, default 20). */
  maxLabels?: number;
  /** Rule: label each conversation with the agents it was routed to (`labelRoutedAgent`, default on). */
  labelRoutedAgent?: boolean;
  /** A person's capacity for manual take and transfer (with auto-assignment); absent: no limit. */
  capacity?: (staffId: string) => Promise<number | undefined>;
  /** Where forced hand-overs beyond a capacity are recorded. */
  audit?: AuditLog;
  /** Characters in one attribute filter's value (`maxAttributeLength`, default 500). */
  maxAttributeLength?: number;
  /** How long message-driven inbox refreshes wait to be merged (`inboxRefreshMs`, default 250; 0: at once). */
  inboxRefreshMs?: number;
}

/** Whether a person could answer right now. */
export interface Availability {
  open: boolean;
  staffOnline: number;
  available: boolean;
}

/** The human side of a conversation: take, reply, leave, close, notes, re-labels and ratings. */
export class HandoffService {
  readonly inbox: InboxStore;
  readonly canned: CannedStore;
  readonly corrections: CorrectionStore;
  readonly csat: CsatStore;
  readonly labels: LabelStore;
  readonly settings: StaffSettingsStore;
  readonly assignments: AssignmentStore;

  constructor(readonly deps: HandoffDeps) {
    this.inbox = new InboxStore(deps.db);
    this.refreshSoon = debounceByKey((id: string) => {
      this.upsert(id).catch((err) => deps.logger.error({ err, conversationId: id }, 'handoff: inbox refresh failed'));
    }, deps.inboxRefreshMs ?? 250);
    this.canned = new CannedStore(deps.db);
    this.corrections = new CorrectionStore(deps.db);
    this.csat = new CsatStore(deps.db);
    this.labels = new LabelStore(deps.db, deps.maxLabels ?? 20);
    this.settings = new StaffSettingsStore(deps.db);
    this.assignments = new AssignmentStore(deps.db, TRANSITIONS);
  }

  /** Open and staffed right now? */
  async availability(now = new Date()): Promise<Availability> {
    const open = isOpen(this.deps.hours, now);
    const staffOnline = (await this.deps.channel.online()).length;
    return { open, staffOnline, available: open && staffOnline > 0 };
  }

  /** The inbox view of one conversation. */
  async summary(conversationId: string): Promise<ConversationSummary> {
    const s = await this.inbox.summary(conversationId);
    if (!s) throw new AppError('not_found', 'No such conversation.');
    return s;
  }

  /**
   * Tell every console about a conversation's current state. A message, its reply and the reply's routing label each
   * ask for it; the inbox summary is the heaviest query of the message path (2.9 per customer message), so requests
   * for one conversation that wait at the same time share one read (each still sees every change made before it asked).
   */
  readonly upsert: (conversationId: string) => Promise<ConversationSummary | undefined> = coalesce(async (id) => {
    const s = await this.inbox.summary(id);
    if (s) this.deps.channel.toStaff('inbox:upsert', s);
    return s;
  });

  /**
   * Refresh a conversation's inbox entry soon, for changes nobody waits on (a message in a conversation the AI
   * handles): a customer message and the AI's reply a few milliseconds later become one summary read, not two.
   */
  readonly refreshSoon: ReturnType<typeof debounceByKey<string>>;

  /** Take a conversation (atomic: when two people click at once, the second gets `already_claimed`), within one's capacity. */
  claim(conversationId: string, staff: StaffPrincipal, force?: boolean): Promise<ConversationSummary> {
    return take(this, staff, { conversationId, force });
  }

  /** Hand the conversation back to the AI, or close it (then the customer is asked for a rating). */
  async release(conversationId: string, staff: StaffPrincipal, to: 'ai' | 'closed'): Promise<ConversationSummary> {
    const c = await this.deps.service.require(conversationId);
    if (c.state === 'human' && c.assigneeId !== staff.id && staff.role !== 'admin') {
      throw new AppError('forbidden', `${c.assigneeName ?? 'Someone else'} is handling this conversation.`);
    }
    const name = c.state === 'human' ? (c.assigneeName ?? staff.name) : staff.name;
    if (to === 'ai') {
      await this.deps.service.transition(conversationId, 'release', {
        actor: staff.id,
        patch: { assigneeId: undefined, assigneeName: undefined, waitingSince: null, queuedSince: null },
        notice: c.state === 'human' ? { code: 'handoff.left', params: { name } } : { code: 'handoff.back_to_ai' },
      });
    } else {
      await this.deps.service.transition(conversationId, 'close', {
        actor: staff.id,
        patch: { closedAt: new Date().toISOString(), waitingSince: null, queuedSince: null },
        notice:
          c.state === 'human'
            ? { code: 'handoff.left', params: { name } }
            : { code: 'handoff.closed', params: { name: staff.name } },
      });
      this.deps.channel.toCustomer(conversationId, 'csat:request', { conversationId });
    }
    return this.summary(conversationId);
  }

  /** Hand a conversation one holds (admins: anyone's) to a colleague with room (admins may `force`). */
  transfer(conversationId: string, staff: StaffPrincipal, to: string, force?: boolean): Promise<ConversationSummary> {
    return transfer(this, staff, { conversationId, to, force });
  }

  /** The console search: the matching conversations' hits and their inbox summaries, newest first. */
  async search(query: SearchQuery): Promise<{ hits: SearchHit[]; conversations: ConversationSummary[] }> {
    const hits = await searchConversations(this.deps.db, query);
    return { hits, conversations: await this.inbox.summaries(hits.map((h) => h.conversationId)) };
  }

  /** A staff message: a reply to the customer (only by the person who took the conversation) or an internal note. */
  async sendMessage(
    staff: StaffPrincipal,
    input: { conversationId: string; clientId: string; text: string; internal?: boolean },
  ): Promise<Message> {
    const c = await this.deps.service.require(input.conversationId);
    if (!input.internal && (c.state !== 'human' || c.assigneeId !== staff.id)) {
      throw new AppError('forbidden', 'Take the conversation before replying to the customer.');
    }
    const { message } = await this.deps.service.addMessage(c.id, {
      role: 'human',
      text: input.text,
      clientId: `${STAFF_CLIENT_ID_PREFIX}${input.clientId}`,
      author: staff.name,
      authorId: staff.id,
      internal: input.internal ?? false,
    });
    return message;
  }

  /** Store a routing correction ("this was billing, not technical") as a training example. */
  async relabel(staff: StaffPrincipal, messageId: string, agent: string): Promise<RoutingCorrection> {
    if (!this.deps.agentNames.includes(agent))
      throw new AppError('invalid_payload', `Unknown agent "${agent}"; one of ${this.deps.agentNames.join(', ')}.`);
    const correction = await this.corrections.relabel(messageId, agent, staff.id);
    if (!correction) throw new AppError('not_found', 'No such customer message.');
    this.deps.channel.toWatchers(correction.conversationId, 'routing:corrected', { ...correction, by: staff.name });
    this.deps.onRelabel?.(correction, staff);
    return correction;
  }

  /** Add or remove a staff label and tell every console. */
  async label(staff: StaffPrincipal, conversationId: string, label: string, on: boolean): Promise<ConversationSummary> {
    if (on) await this.labels.add(conversationId, label, 'staff', staff.id);
    else await this.labels.remove(conversationId, label, staff.id);
    return (await this.upsert(conversationId)) ?? this.summary(conversationId);
  }

  /** Show the staff member's typing to colleagues watching, and to the customer when it is their conversation. */
  async typing(staff: StaffPrincipal, conversationId: string, typing: boolean, exceptSocket?: string): Promise<void> {
    const event = { conversationId, role: 'human' as const, name: staff.name, typing };
    this.deps.channel.toWatchers(conversationId, 'typing', event, exceptSocket);
    const c = await this.deps.service.store.get(conversationId);
    if (c?.state === 'human' && c.assigneeId === staff.id)
      this.deps.channel.toCustomer(conversationId, 'typing', event);
  }

  /** The customer's rating after a closing. */
  async rate(conversationId: string, rating: number, comment?: string): Promise<void> {
    const c = await this.deps.service.require(conversationId);
    await this.csat.rate(c, rating, comment);
    await this.upsert(conversationId);
  }

  /** Everything the console shows when opening a conversation: summary, messages with internal notes, corrections. */
  async open(
    conversationId: string,
  ): Promise<{ conversation: ConversationSummary; messages: Message[]; corrections: Record<string, string> }> {
    const conversation = await this.summary(conversationId);
    const [messages, corrections] = await Promise.all([
      this.deps.service.history(conversationId, 0, undefined, true),
      this.corrections.forConversation(conversationId),
    ]);
    return { conversation, messages, corrections };
  }

  /**
   * Fire the webhook for an escalation or a customer message in a human-handled conversation; resolves once the
   * delivery is recorded (with `job`, the escalation's job row turned into the delivery's), not when it is delivered.
   */
  async notify(
    type: 'conversation.escalated' | 'message.customer',
    conversation: ConversationSummary,
    message?: Message,
    job?: string,
  ): Promise<void> {
    await this.deps.webhooks?.send(type, { conversation, ...(message ? { message } : {}) }, job).recorded;
  }

  /** True when the conversation is waiting for or handled by a person. */
  static isHuman(c: ConversationRecord): boolean {
    return c.state === 'human' || c.state === 'waiting_human';
  }
}
