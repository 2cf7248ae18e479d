import { decodeJwt } from 'jose';
import type { Server } from 'socket.io';
import { AGENTS_NAMESPACE } from 'switchboard-chat/protocol';

/** The Socket.IO room every `/agents` socket of one principal (staff id or API token id) joins. */
export const principalRoom = (id: string): string => `principal:${id}`;

/**
 * Disconnect every `/agents` socket of a principal on every node (through the adapter, so Redis reaches the others).
 * Called on revoke, disable and role change: a console reconnects with its token and gets the new role, or is refused.
 */
export function disconnectPrincipal(io: Server, id: string): void {
  io.of(AGENTS_NAMESPACE).in(principalRoom(id)).disconnectSockets(true);
}

/** Milliseconds until a bearer token's `exp` (undefined when it has none or cannot be decoded). */
export function msUntilExpiry(token: string, now = Date.now()): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? Math.max(0, exp * 1000 - now) : undefined;
  } catch {
    return undefined;
  }
}
