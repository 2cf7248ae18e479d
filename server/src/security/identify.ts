import type { IdentifyPayload } from 'switchboard-chat/protocol';
import type { ConversationService } from '../conversations/service.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError } from '../util/errors.js';
import { IdentityVerifier, UNVERIFIED_PREFIX, type VerifiedUser } from './identity.js';
import { owns, verifiedOwner } from './ownership.js';

/** Result of `identify`: the conversation the socket now belongs to. */
export interface Identified {
  conversation: ConversationRecord;
  userId: string;
  verified: boolean;
}

/**
 * Links conversations to host-site users. A verified user (signed JWT) gets their latest conversation on any device;
 * an anonymous visitor never gets a conversation that belongs to a verified user, even on a shared browser.
 */
export class IdentityLinker {
  constructor(
    private readonly service: ConversationService,
    readonly verifier: IdentityVerifier,
    private readonly required: boolean,
  ) {}

  /** Verify the `user` token given at handshake; undefined when none was given. */
  async handshakeUser(token: unknown): Promise<VerifiedUser | undefined> {
    if (token === undefined || token === null || token === '') return undefined;
    if (typeof token !== 'string' || token.length > 8192)
      throw new AppError('token_invalid', 'The identity token is malformed.');
    return this.verifier.verify(token);
  }

  /** The conversation for a connecting socket: the user's (verified) or the visitor's own, never someone else's. */
  async conversationFor(
    visitorId: string,
    user: VerifiedUser | undefined,
    info: { page?: string; locale?: string },
  ): Promise<ConversationRecord> {
    if (user) return this.linkUser(visitorId, user, info);
    const c = await this.service.forVisitor(visitorId, info, { draft: true });
    // The device was last used by a logged-in user who has since logged out: start afresh.
    return owns(c, { visitorId }) ? c : this.fresh(visitorId, info);
  }

  /** Handle `identify`: a signed token links across devices; bare claims are kept as unverified contact details. */
  async identify(visitorId: string, current: ConversationRecord, p: IdentifyPayload): Promise<Identified> {
    if (p.token) {
      const user = await this.verifier.verify(p.token);
      return { conversation: await this.linkUser(visitorId, user, {}, current), userId: user.id, verified: true };
    }
    if (this.required)
      throw new AppError(
        'identity_required',
        'This server only accepts identities signed by the website (identify({ token })).',
      );
    if (verifiedOwner(current)) throw new AppError('forbidden', 'This conversation belongs to a verified user.');
    const userId = UNVERIFIED_PREFIX + (p.id ?? visitorId);
    const updated = await this.service.identify(current.id, {
      userId,
      userName: p.name ?? current.userName,
      userEmail: p.email ?? current.userEmail,
    });
    return { conversation: updated ?? current, userId, verified: false };
  }

  private async linkUser(
    visitorId: string,
    user: VerifiedUser,
    info: { page?: string; locale?: string },
    current?: ConversationRecord,
  ): Promise<ConversationRecord> {
    const mine = await this.service.store.latestForUser(user.id);
    let target = mine ?? current ?? (await this.service.forVisitor(visitorId, info));
    // Never adopt another verified user's conversation (shared device, account switch).
    if (!mine && !owns(target, { visitorId: target.visitorId, userId: user.id }))
      target = await this.fresh(visitorId, info);
    if (user.attributes) target = await this.signAttributes(target, user);
    const changed =
      target.userId !== user.id ||
      (user.name && user.name !== target.userName) ||
      (user.email && user.email !== target.userEmail);
    if (!changed) return target;
    const updated = await this.service.identify(
      target.id,
      { userId: user.id, userName: user.name ?? target.userName, userEmail: user.email ?? target.userEmail },
      { actor: `user:${user.id}`, data: { visitorId } },
    );
    return updated ?? target;
  }

  /** Store the token's attributes on the conversation when they differ from what is stored. */
  private async signAttributes(target: ConversationRecord, user: VerifiedUser): Promise<ConversationRecord> {
    const stored = target.signedAttributes ?? {};
    const given = user.attributes!;
    if (
      Object.keys(stored).length === Object.keys(given).length &&
      Object.entries(given).every(([k, v]) => stored[k] === v)
    )
      return target;
    const updated = await this.service.setSignedAttributes(target.id, given, `user:${user.id}`);
    return updated ?? target;
  }

  private async fresh(visitorId: string, info: { page?: string; locale?: string }): Promise<ConversationRecord> {
    return this.service.create({ visitorId, ...info });
  }
}
