import { fillNotice, type Notice, type NoticeCode } from 'switchboard-chat/protocol';

/** The English text stored with each system notice (the widget shows its own translation when it knows the code). */
const ENGLISH: Record<NoticeCode, string> = {
  'handoff.waiting': 'You are being connected to a person. Please stay in this chat.',
  'handoff.joined': '{name} joined',
  'handoff.left': '{name} left the chat',
  'handoff.back_to_ai': 'The assistant will keep helping you.',
  'handoff.closed': '{name} closed the chat',
  'team.offline':
    'Nobody from our team is online right now. Leave your e-mail address and we will get back to you; the reply will also appear here when you come back.',
  'team.away':
    'Our team is away right now (we are here {hours}). Leave your e-mail address and we will get back to you; the reply will also appear here when you come back.',
  'contact.saved': 'Thanks! We will reply to {email} and here in this chat.',
};

/** A system message's text and meta for a notice. @example systemNotice({ code: 'handoff.joined', params: { name: 'Maria' } }).text // 'Maria joined' */
export function systemNotice(
  notice: Notice,
  meta: Record<string, unknown> = {},
): { role: 'system'; text: string; meta: Record<string, unknown> } {
  return { role: 'system', text: fillNotice(ENGLISH[notice.code], notice.params), meta: { ...meta, notice } };
}
