/**
 * System notices: the server stores an English text for consoles, exports and old clients, and attaches this code so
 * the widget can show the notice in the customer's own language.
 */
export const NOTICE_CODES = [
  'handoff.waiting',
  'handoff.joined',
  'handoff.left',
  'handoff.back_to_ai',
  'handoff.closed',
  'team.offline',
  'team.away',
  'contact.saved',
] as const;

export type NoticeCode = (typeof NOTICE_CODES)[number];

/** Values filled into a notice's text: a staff name, the customer's e-mail, the team's opening hours. */
export interface NoticeParams {
  name?: string;
  email?: string;
  hours?: string;
}

/** A system message's `meta.notice`. */
export interface Notice {
  code: NoticeCode;
  params?: NoticeParams;
}

/** The notice attached to a message, if it carries a known one. @example noticeOf(message)?.code // 'handoff.joined' */
export function noticeOf(message: { meta?: Record<string, unknown> }): Notice | undefined {
  const n = message.meta?.notice as Partial<Notice> | undefined;
  return n && typeof n.code === 'string' && (NOTICE_CODES as readonly string[]).includes(n.code)
    ? (n as Notice)
    : undefined;
}

/** Fill `{name}`, `{email}` and `{hours}` in a notice template. @example fillNotice('{name} joined', { name: 'Maria' }) // 'Maria joined' */
export function fillNotice(template: string, params: NoticeParams = {}): string {
  return template.replace(/\{(name|email|hours)\}/g, (_, key: keyof NoticeParams) => params[key] ?? '');
}
