import { jwtVerify, SignJWT } from 'jose';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Message } from 'switchboard-chat/protocol';
import type { ConversationService } from '../conversations/service.js';
import type { ConversationRecord } from '../storage/rows.js';
import type { UnsubscribeStore } from '../storage/email.js';
import { MemoryLimitStore, type LimitStore, type TakeResult } from '../security/rate-limit.js';
import { AppError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { mailLocale, replyMail, transcriptMail, type Mail } from './templates.js';

export interface EmailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  smtpUrl: string;
  /** The From header, e.g. `Support <support@example.com>`. */
  from: string;
  /** The server's public base URL, for unsubscribe links (read when sending: the port may be bound later). */
  baseUrl(): string;
  /** At most this many e-mails per conversation per hour (replies and transcripts together). */
  perConversationPerHour: number;
}

export interface EmailDeps {
  /** The addresses that asked for no more e-mails. */
  unsubscribes: UnsubscribeStore;
  service: ConversationService;
  secret: string;
  logger: Logger;
  /** True when one of the customer's tabs is connected to the conversation (on any node). */
  customerOnline(conversationId: string): Promise<boolean>;
  /** Where the per-conversation budget lives: Redis with several nodes; this process's memory by default. */
  limits?: LimitStore;
}

const PURPOSE = 'unsubscribe';

/** E-mails to customers over SMTP: a person's reply when the customer is away (or left an offline ticket), and transcripts on request. */
export class EmailService {
  private readonly transport: Transporter;
  private readonly key: Uint8Array;
  private readonly limits: LimitStore;

  constructor(
    private readonly o: EmailOptions,
    private readonly d: EmailDeps,
  ) {
    this.transport = nodemailer.createTransport(o.smtpUrl);
    this.key = new TextEncoder().encode(`${d.secret}:email-unsubscribe`);
    this.limits = d.limits ?? new MemoryLimitStore();
  }

  /** Send staff replies by e-mail when nobody is in the chat to read them. Returns an unsubscribe function. */
  watch(): () => void {
    return this.d.service.subscribe((change) => {
      if (change.kind !== 'message') return;
      const { message: m, conversation: c } = change;
      if (m.role !== 'human' || m.meta?.internal) return;
      void this.replied(m, c).catch((err) => this.d.logger.error({ err, conversationId: c.id }, 'reply e-mail failed'));
    });
  }

  /** E-mail a person's reply (to an offline ticket or a conversation the customer left) if the customer has an address, has not unsubscribed, and is not in the chat. */
  async replied(m: Message, c: ConversationRecord): Promise<boolean> {
    const to = c.contactEmail ?? c.userEmail;
    // An offline ticket's customer has usually gone too; whoever still has the chat open reads the reply there.
    if (!to || (await this.d.customerOnline(c.id))) return false;
    if (await this.unsubscribed(to)) return false;
    if (!(await this.allow(c.id)).ok) {
      this.d.logger.warn({ conversationId: c.id }, 'reply e-mail skipped: per-conversation hourly limit reached');
      return false;
    }
    const text = m.meta?.attachment ? `${m.text} (${(m.meta.attachment as { name: string }).name})` : m.text;
    const unsubscribeUrl = await this.unsubscribeUrl(to);
    await this.send(
      to,
      replyMail(mailLocale(c.locale), { author: m.author ?? 'Support', text, chatUrl: chatUrl(c), unsubscribeUrl }),
      unsubscribeUrl,
    );
    return true;
  }

  /** E-mail the conversation's transcript to the given address (or the one the customer left). */
  async transcript(conversationId: string, email?: string): Promise<void> {
    const c = await this.d.service.require(conversationId);
    const to = email ?? c.contactEmail ?? c.userEmail;
    if (!to) throw new AppError('invalid_payload', 'An e-mail address is required.', { field: 'email' });
    if (await this.unsubscribed(to)) throw new AppError('forbidden', 'This address asked not to receive e-mails.');
    const budget = await this.allow(c.id);
    if (!budget.ok)
      throw new AppError('rate_limited', 'Too many e-mails for this conversation; try again later.', {
        retryAfter: Math.ceil(budget.retryAfterMs / 1000),
      });
    const messages = (await this.d.service.history(c.id, 0)).filter((m) => m.role !== 'system' && !m.meta?.internal);
    const lines = messages.map((m) => ({ role: m.role, author: m.author, text: m.text, at: m.createdAt }));
    const unsubscribeUrl = await this.unsubscribeUrl(to);
    await this.send(
      to,
      transcriptMail(mailLocale(c.locale), { lines, chatUrl: chatUrl(c), unsubscribeUrl }),
      unsubscribeUrl,
    );
  }

  /** Record an unsubscribe from a link's token; returns the address, or throws `token_invalid`. */
  async unsubscribe(token: string): Promise<string> {
    let email: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (payload.purpose === PURPOSE && typeof payload.sub === 'string') email = payload.sub;
    } catch {
      /* any bad token: the same error below */
    }
    if (!email) throw new AppError('token_invalid', 'This unsubscribe link is not valid.');
    await this.d.unsubscribes.add(email);
    return email;
  }

  close(): void {
    this.transport.close();
  }

  private async unsubscribeUrl(email: string): Promise<string> {
    // No expiry: an unsubscribe link must keep working in an old e-mail.
    const token = await new SignJWT({ purpose: PURPOSE })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(email)
      .sign(this.key);
    return `${this.o.baseUrl().replace(/\/$/, '')}/api/email/unsubscribe?t=${token}`;
  }

  private async unsubscribed(email: string): Promise<boolean> {
    return this.d.unsubscribes.has(email);
  }

  /**
   * The per-conversation hourly budget: a token bucket of `perConversationPerHour`, refilled over the hour, in Redis
   * when several nodes share it (the rate limits' store), so a loop cannot flood one inbox from every node at once.
   */
  private async allow(conversationId: string): Promise<TakeResult> {
    return this.limits.take([
      { key: `email:${conversationId}`, capacity: this.o.perConversationPerHour, windowMs: 3_600_000 },
    ]);
  }

  private async send(to: string, mail: Mail, unsubscribeUrl: string): Promise<void> {
    await this.transport.sendMail({
      from: this.o.from,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` },
    });
    this.d.logger.info({ subject: mail.subject }, 'e-mail sent');
  }
}

/**
 * The page the customer chatted on, when it is a web address, with `#switchboard-open`: the loader there opens the
 * chat on arrival, and the widget reopens their conversation.
 */
function chatUrl(c: ConversationRecord): string | undefined {
  if (!c.page || !/^https?:\/\//i.test(c.page)) return undefined;
  try {
    const url = new URL(c.page);
    url.hash = 'switchboard-open';
    return url.toString();
  } catch {
    return undefined;
  }
}
