import { UNVERIFIED_PREFIX } from './identity.js';

/** The two columns ownership depends on (a conversation record, or a raw row mapped to these names). */
export interface Owned {
  visitorId: string;
  userId?: string | null;
}

/** Who is asking: the visitor their token proves, and the host-site user their signed identity token proves, if any. */
export interface Caller {
  visitorId: string;
  userId?: string;
}

/** The verified user a conversation belongs to (a signed identity linked it), or undefined. */
export function verifiedOwner(c: Owned): string | undefined {
  return c.userId && !c.userId.startsWith(UNVERIFIED_PREFIX) ? c.userId : undefined;
}

/**
 * The one ownership rule, used by the socket, REST chat and GDPR routes alike: a conversation linked to a verified user
 * belongs to that user only (a visitor token from the same shared browser is not enough); any other conversation
 * belongs to the visitor whose token created it.
 */
export function owns(c: Owned, caller: Caller): boolean {
  const owner = verifiedOwner(c);
  return owner ? owner === caller.userId : c.visitorId === caller.visitorId;
}
