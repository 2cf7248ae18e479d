import type { Strings } from '../core/i18n/index.js';
import type { Message } from '../protocol/messages.js';
import { fillNotice, noticeOf, type NoticeCode } from '../protocol/notices.js';

const KEYS: Record<NoticeCode, keyof Strings> = {
  'handoff.waiting': 'noticeWaiting',
  'handoff.joined': 'noticeJoined',
  'handoff.left': 'noticeLeft',
  'handoff.back_to_ai': 'noticeBackToAi',
  'handoff.closed': 'noticeClosed',
  'team.offline': 'noticeOffline',
  'team.away': 'noticeAway',
  'contact.saved': 'noticeContact',
};

// The offline notices keep only their first sentence here: the e-mail prompt below them says the rest.

/** A system message in the customer's language when it carries a known notice code, else the server's text. */
export function systemText(m: Message, t: Strings): string {
  const notice = noticeOf(m);
  return notice ? fillNotice(t[KEYS[notice.code]], notice.params) : m.text;
}
