import type { ConversationSummary } from 'switchboard-chat/protocol';

/** The inbox groups, in display order. */
export interface InboxGroups {
  waiting: ConversationSummary[];
  mine: ConversationSummary[];
  colleagues: ConversationSummary[];
  ai: ConversationSummary[];
  closed: ConversationSummary[];
}

const time = (iso?: string) => (iso ? Date.parse(iso) : 0);

/** Group the inbox: waiting for a human (oldest first), mine, with colleagues, AI-handled and closed (latest first). */
export function groupInbox(all: Iterable<ConversationSummary>, meId?: string): InboxGroups {
  const g: InboxGroups = { waiting: [], mine: [], colleagues: [], ai: [], closed: [] };
  for (const c of all) {
    if (c.state === 'waiting_human') g.waiting.push(c);
    else if (c.state === 'human') (c.assignee?.id === meId ? g.mine : g.colleagues).push(c);
    else if (c.state === 'ai') g.ai.push(c);
    else g.closed.push(c);
  }
  g.waiting.sort((a, b) => time(a.waitingSince ?? a.updatedAt) - time(b.waitingSince ?? b.updatedAt));
  for (const list of [g.mine, g.colleagues, g.ai, g.closed]) list.sort((a, b) => time(b.updatedAt) - time(a.updatedAt));
  return g;
}

/** "12 s", "4 min", "2 h 5 min", "3 d". @example since('2025-01-01T00:00:00Z', Date.parse('2025-01-01T00:04:10Z')) // '4 min' */
export function since(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** Who the customer is, for lists and headers. */
export function customerName(c: ConversationSummary): string {
  return c.user?.name || c.user?.email || c.contactEmail || `Visitor ${c.visitorId.replace(/^v_/, '').slice(0, 6)}`;
}

/** How the customer's identity is known: signed by the host site, only claimed by the customer, or not given. */
export function identityLabel(c: ConversationSummary): { text: string; title: string; verified: boolean } | undefined {
  if (!c.user) return undefined;
  return c.user.verified
    ? { text: '✓ verified', title: 'Signed in on the website: the site vouched for this identity.', verified: true }
    : {
        text: 'unverified',
        title: 'Self-asserted by the customer: name, e-mail and id are unchecked claims.',
        verified: false,
      };
}

/** Confidence as a whole percentage. */
export const percent = (x: number | undefined): string => (x == null ? '' : `${Math.round(x * 100)}%`);

/** A short page label: host and path. */
export function pageLabel(url?: string): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url.slice(0, 80);
  }
}
