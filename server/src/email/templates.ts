/** The customer-facing words of e-mails, per language (the widget's five). */
const WORDS = {
  en: {
    reply: 'New reply from {name}',
    intro: '{name} replied to your conversation:',
    open: 'Continue the conversation',
    transcript: 'Your conversation transcript',
    transcriptIntro: 'Here is your conversation, as you asked.',
    you: 'You',
    assistant: 'Assistant',
    unsubscribe: 'Stop these e-mails',
    unsubscribed: 'You will not receive any more e-mails from us about your conversations.',
  },
  es: {
    reply: 'Nueva respuesta de {name}',
    intro: '{name} ha respondido a tu conversación:',
    open: 'Continuar la conversación',
    transcript: 'La transcripción de tu conversación',
    transcriptIntro: 'Aquí tienes tu conversación, como pediste.',
    you: 'Tú',
    assistant: 'Asistente',
    unsubscribe: 'No recibir más correos',
    unsubscribed: 'No recibirás más correos nuestros sobre tus conversaciones.',
  },
  fr: {
    reply: 'Nouvelle réponse de {name}',
    intro: '{name} a répondu à votre conversation :',
    open: 'Reprendre la conversation',
    transcript: 'La transcription de votre conversation',
    transcriptIntro: 'Voici votre conversation, comme demandé.',
    you: 'Vous',
    assistant: 'Assistant',
    unsubscribe: 'Ne plus recevoir ces e-mails',
    unsubscribed: 'Vous ne recevrez plus d’e-mails de notre part au sujet de vos conversations.',
  },
  de: {
    reply: 'Neue Antwort von {name}',
    intro: '{name} hat auf Ihre Unterhaltung geantwortet:',
    open: 'Unterhaltung fortsetzen',
    transcript: 'Das Protokoll Ihrer Unterhaltung',
    transcriptIntro: 'Hier ist Ihre Unterhaltung, wie gewünscht.',
    you: 'Sie',
    assistant: 'Assistent',
    unsubscribe: 'Keine E-Mails mehr erhalten',
    unsubscribed: 'Sie erhalten von uns keine E-Mails mehr zu Ihren Unterhaltungen.',
  },
  ar: {
    reply: 'رد جديد من {name}',
    intro: 'ردّ {name} على محادثتك:',
    open: 'متابعة المحادثة',
    transcript: 'نص محادثتك',
    transcriptIntro: 'إليك محادثتك كما طلبت.',
    you: 'أنت',
    assistant: 'المساعد',
    unsubscribe: 'إيقاف هذه الرسائل',
    unsubscribed: 'لن تصلك منا رسائل أخرى بشأن محادثاتك.',
  },
} as const;

/** A language with e-mail templates. */
export type MailLocale = keyof typeof WORDS;

/** The template language for a conversation's locale (`de-AT` → `de`), English otherwise. */
export function mailLocale(locale: string | undefined): MailLocale {
  const base = (locale ?? '').slice(0, 2).toLowerCase();
  return base in WORDS ? (base as MailLocale) : 'en';
}

/** A rendered e-mail. */
export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fill = (s: string, name: string) => s.replace('{name}', name);

function layout(locale: MailLocale, paragraphs: string[], links: { open?: string; unsubscribe: string }): Mail['html'] {
  const w = WORDS[locale];
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  return (
    `<!doctype html><html lang="${locale}" dir="${dir}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${paragraphs.join('')}` +
    (links.open ? `<p><a href="${escape(links.open)}">${escape(w.open)}</a></p>` : '') +
    `<p style="font-size:12px;color:#667085"><a href="${escape(links.unsubscribe)}">${escape(w.unsubscribe)}</a></p></body></html>`
  );
}

/** A person's reply, for a customer who is no longer in the chat. */
export function replyMail(
  locale: MailLocale,
  o: { author: string; text: string; chatUrl?: string; unsubscribeUrl: string },
): Mail {
  const w = WORDS[locale];
  const text = [
    fill(w.intro, o.author),
    '',
    o.text,
    '',
    ...(o.chatUrl ? [`${w.open}: ${o.chatUrl}`] : []),
    '',
    `${w.unsubscribe}: ${o.unsubscribeUrl}`,
  ].join('\n');
  const html = layout(
    locale,
    [
      `<p>${escape(fill(w.intro, o.author))}</p>`,
      `<blockquote style="white-space:pre-wrap">${escape(o.text)}</blockquote>`,
    ],
    { open: o.chatUrl, unsubscribe: o.unsubscribeUrl },
  );
  return { subject: fill(w.reply, o.author), text, html };
}

/** The whole conversation, sent when the customer asks for it. */
export function transcriptMail(
  locale: MailLocale,
  o: {
    lines: Array<{ role: string; author?: string; text: string; at: string }>;
    chatUrl?: string;
    unsubscribeUrl: string;
  },
): Mail {
  const w = WORDS[locale];
  const who = (l: { role: string; author?: string }) =>
    l.role === 'customer' ? w.you : l.role === 'ai' ? w.assistant : (l.author ?? '');
  const lines = o.lines.map((l) => `[${l.at.slice(0, 16).replace('T', ' ')}] ${who(l)}${who(l) ? ': ' : ''}${l.text}`);
  const text = [
    w.transcriptIntro,
    '',
    ...lines,
    '',
    ...(o.chatUrl ? [`${w.open}: ${o.chatUrl}`] : []),
    '',
    `${w.unsubscribe}: ${o.unsubscribeUrl}`,
  ].join('\n');
  const html = layout(
    locale,
    [
      `<p>${escape(w.transcriptIntro)}</p>`,
      `<pre style="white-space:pre-wrap;font-family:inherit">${escape(lines.join('\n'))}</pre>`,
    ],
    { open: o.chatUrl, unsubscribe: o.unsubscribeUrl },
  );
  return { subject: w.transcript, text, html };
}

/** The page shown after following the unsubscribe link. */
export function unsubscribedPage(locale: MailLocale): string {
  return `<!doctype html><html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><meta charset="utf-8"><title>${escape(WORDS[locale].unsubscribe)}</title><p>${escape(WORDS[locale].unsubscribed)}</p></html>`;
}
