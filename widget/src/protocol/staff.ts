import type { z } from 'zod';
import type { ConversationAttributes } from './attributes.js';
import type { ConversationLabel, labelChangeSchema, SearchHit, searchQuerySchema } from './labels.js';
import type { NotificationSettings } from './notifications.js';
import type { Ack } from './events.js';
import type { ConversationState, Message, RoutingDecision } from './messages.js';
import type {
  claimSchema,
  conversationRefSchema,
  relabelSchema,
  releaseSchema,
  staffSendSchema,
  staffSettingsSchema,
  staffTypingSchema,
  transferSchema,
} from './staff-payloads.js';

/** What a client sends for a schema (payload types come from the schemas the server validates with). */
type In<S extends z.ZodTypeAny> = z.input<S>;

/** A conversation as listed in the staff inbox. */
export interface ConversationSummary {
  id: string;
  state: ConversationState;
  visitorId: string;
  /** The customer as identified: `verified` when the host site signed it (identify({ token })), false for self-asserted claims. */
  user?: { id: string; name?: string; email?: string; verified?: boolean };
  page?: string;
  assignee?: { id: string; name: string };
  contactEmail?: string;
  lastMessage?: Pick<Message, 'role' | 'text' | 'createdAt'>;
  /** When the conversation started waiting for a human (ISO), for queue ordering. */
  waitingSince?: string;
  escalationReason?: string;
  /** Short human-readable handoff summary built from the conversation. */
  summary?: string;
  /** True when nobody could answer at escalation (outside business hours or no staff online): an offline ticket. */
  offline?: boolean;
  /** The latest routing decision made for a customer message. */
  routing?: Pick<RoutingDecision, 'agent' | 'confidence' | 'reason'>;
  /** The customer's rating (1–5) of the latest closing, if given. */
  rating?: number;
  /** Custom attributes: `signed` from the verified identity token, `unsigned` set by the page (not proven). */
  attributes?: ConversationAttributes;
  /** Labels, by staff or by rules (e.g. the routed agent). */
  labels?: ConversationLabel[];
  createdAt: string;
  updatedAt: string;
}

/** Staff handshake: a console session JWT or an API token. */
export interface StaffAuth {
  token: string;
}

export interface StaffServerToClientEvents {
  'inbox:upsert': (conversation: ConversationSummary) => void;
  message: (message: Message) => void;
  typing: (event: { conversationId: string; role: 'customer' | 'human'; name?: string; typing: boolean }) => void;
  presence: (event: { staff: Array<{ id: string; name: string }> }) => void;
  /** Sent once after connecting: who you are, the routing labels for re-labelling, whether humans are available. */
  'staff:session': (info: StaffSession) => void;
  /** A stored message changed (e.g. a customer message got its routing decision). */
  'message:update': (message: Message) => void;
  /** A staff member re-labelled the routing of a customer message. */
  'routing:corrected': (event: RoutingCorrection) => void;
}

/** What the console learns on connecting to `/agents`. */
export interface StaffSession {
  staff: { id: string; name: string; role: 'agent' | 'admin' };
  /** Agent names a routing decision can be re-labelled to. */
  agents: string[];
  /** Within business hours (staff presence is in `presence`). */
  open: boolean;
  /** The configured schedule, for display (absent = always open). */
  businessHours?: string;
  /** This person's notification settings (console sessions only). */
  notifications?: NotificationSettings;
}

/** A routing re-label stored as a training example. */
export interface RoutingCorrection {
  conversationId: string;
  messageId: string;
  agent: string;
  originalAgent?: string;
  by?: string;
}

/** A canned reply staff can insert into the composer. */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

export interface StaffClientToServerEvents {
  'inbox:list': (
    payload: Record<string, never>,
    ack: (res: Ack<{ conversations: ConversationSummary[] }>) => void,
  ) => void;
  /** Open a conversation (and watch it for live messages); `messages` include internal notes, `corrections` maps message id → re-labelled agent. */
  'conversation:open': (
    payload: In<typeof conversationRefSchema>,
    ack: (
      res: Ack<{ conversation: ConversationSummary; messages: Message[]; corrections?: Record<string, string> }>,
    ) => void,
  ) => void;
  /** Take a conversation; beyond one's capacity (with auto-assignment) `assignee_at_capacity` unless an admin forces it. */
  'conversation:claim': (
    payload: In<typeof claimSchema>,
    ack: (res: Ack<{ conversation: ConversationSummary }>) => void,
  ) => void;
  'conversation:release': (
    payload: In<typeof releaseSchema>,
    ack: (res: Ack<{ conversation: ConversationSummary }>) => void,
  ) => void;
  /** Hand a conversation one holds (admins: anyone's) to a colleague by staff id with room; admins may `force`. */
  'conversation:transfer': (
    payload: In<typeof transferSchema>,
    ack: (res: Ack<{ conversation: ConversationSummary }>) => void,
  ) => void;
  'message:send': (
    payload: In<ReturnType<typeof staffSendSchema>>,
    ack: (res: Ack<{ message: Message }>) => void,
  ) => void;
  'routing:relabel': (
    payload: In<typeof relabelSchema>,
    ack: (res: Ack<{ correction: RoutingCorrection }>) => void,
  ) => void;
  typing: (payload: In<typeof staffTypingSchema>) => void;
  /** Add or remove a staff label; the updated conversation reaches every console as `inbox:upsert`. */
  'conversation:label': (
    payload: In<typeof labelChangeSchema>,
    ack: (res: Ack<{ conversation: ConversationSummary }>) => void,
  ) => void;
  /** Save this person's notification settings. */
  'staff:settings': (
    payload: In<typeof staffSettingsSchema>,
    ack: (res: Ack<{ notifications: NotificationSettings }>) => void,
  ) => void;
  /** Full-text search over messages and customers, with filters; newest first. */
  'conversations:search': (
    payload: In<typeof searchQuerySchema>,
    ack: (res: Ack<{ hits: SearchHit[]; conversations: ConversationSummary[] }>) => void,
  ) => void;
}
