import type { Attributes, ConversationState, Message } from 'switchboard-chat/protocol';

/** A conversation row as the service sees it. */
export interface ConversationRecord {
  id: string;
  visitorId: string;
  userId?: string;
  userName?: string;
  userEmail?: string;
  state: ConversationState;
  lastSeq: number;
  assigneeId?: string;
  assigneeName?: string;
  page?: string;
  locale?: string;
  contactEmail?: string;
  waitingSince?: string;
  escalationReason?: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** Not stored yet: a first-time visitor's conversation is written at its first message (connecting costs no write). */
  draft?: true;
  /** Custom attributes from the verified identity token. */
  signedAttributes?: Attributes;
  /** Custom attributes set by the page (`chat.setAttributes()`), not proven. */
  visitorAttributes?: Attributes;
}

type Row = Record<string, unknown>;

const iso = (v: unknown): string | undefined => (v == null ? undefined : new Date(v as string).toISOString());
const opt = <T>(v: unknown): T | undefined => (v == null ? undefined : (v as T));
// PGlite returns JSONB parsed; pg too. Strings appear only if a driver is configured otherwise.
const json = <T>(v: unknown): T | undefined =>
  v == null ? undefined : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);

/** Map a `conversations` row to a record. */
export function toConversation(r: Row): ConversationRecord {
  return {
    id: r.id as string,
    visitorId: r.visitor_id as string,
    userId: opt(r.user_id),
    userName: opt(r.user_name),
    userEmail: opt(r.user_email),
    state: r.state as ConversationState,
    lastSeq: Number(r.last_seq),
    assigneeId: opt(r.assignee_id),
    assigneeName: opt(r.assignee_name),
    page: opt(r.page),
    locale: opt(r.locale),
    contactEmail: opt(r.contact_email),
    waitingSince: iso(r.waiting_since),
    escalationReason: opt(r.escalation_reason),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    closedAt: iso(r.closed_at),
    ...(r.signed_attributes != null ? { signedAttributes: json<Attributes>(r.signed_attributes) } : {}),
    ...(r.visitor_attributes != null ? { visitorAttributes: json<Attributes>(r.visitor_attributes) } : {}),
  };
}

/** Map a `messages` row to the wire message (internal notes keep `meta.internal`). */
export function toMessage(r: Row): Message {
  const m: Message = {
    id: r.id as string,
    seq: Number(r.seq),
    conversationId: r.conversation_id as string,
    role: r.role as Message['role'],
    text: r.text as string,
    createdAt: iso(r.created_at)!,
  };
  // An AI reply's client_id is its exactly-once key (`reply:<message id>`), not a widget outbox id.
  if (r.client_id != null && r.role !== 'ai') m.clientId = r.client_id as string;
  if (r.agent != null) m.agent = r.agent as string;
  if (r.confidence != null) m.confidence = Math.round(Number(r.confidence) * 1000) / 1000;
  const routing = json<Message['routing']>(r.routing);
  if (routing) m.routing = routing;
  const sources = json<Message['sources']>(r.sources);
  if (sources) m.sources = sources;
  if (r.author != null) m.author = r.author as string;
  // The shipped model's answer confidence stays in the database: it is for the votes refit (storage/votes.ts) only.
  const { suggestions, modelConfidence: _model, ...meta } = json<Record<string, unknown>>(r.meta) ?? {};
  // Quick replies are kept in the meta column (no migration) and travel as their own field.
  if (Array.isArray(suggestions)) m.suggestions = suggestions.map(String);
  if (Object.keys(meta).length || r.internal) m.meta = { ...meta, ...(r.internal ? { internal: true } : {}) };
  return m;
}
