import type { Namespace, Server, Socket } from 'socket.io';
import {
  AGENTS_NAMESPACE,
  CHAT_NAMESPACE,
  claimSchema,
  conversationRefSchema,
  labelChangeSchema,
  parseSearchQuery,
  relabelSchema,
  releaseSchema,
  staffSendSchema,
  staffSettingsSchema,
  staffTypingSchema,
  transferSchema,
  validator,
  type AckData,
  type Parsed,
  type ProtocolLimits,
  type StaffAuth,
  type StaffClientToServerEvents,
  type StaffServerToClientEvents,
} from 'switchboard-chat/protocol';
import { conversationRoom } from '../conversations/broadcast.js';
import { STAFF_ROOM, watchRoom, type OnlineStaff, type StaffChannel } from '../handoff/channel.js';
import { isOpen } from '../handoff/hours.js';
import type { HandoffService } from '../handoff/service.js';
import { authenticateStaff, type StaffAuthDeps } from '../security/staff-auth.js';
import { msUntilExpiry, principalRoom } from '../security/staff-sessions.js';
import type { StaffPrincipal } from '../security/staff-tokens.js';
import { AppError, toWireError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { handle } from './handler.js';

/** Per-socket state of a staff connection. */
export interface StaffSocketData {
  staff: StaffPrincipal;
  /** The bearer token of the handshake, re-verified before every action (expiry, revocation, role, account state). */
  token: string;
}

export type AgentsNamespace = Namespace<
  StaffClientToServerEvents,
  StaffServerToClientEvents,
  Record<string, never>,
  StaffSocketData
>;
type StaffSocket = Socket<StaffClientToServerEvents, StaffServerToClientEvents, Record<string, never>, StaffSocketData>;

type Emit = (event: string, payload: unknown) => boolean;

/** The staff channel over Socket.IO rooms: every broadcast goes through the adapter, so it reaches staff on any node. */
export function staffChannel(io: Server): StaffChannel {
  const agents = io.of(AGENTS_NAMESPACE) as AgentsNamespace;
  const chat = io.of(CHAT_NAMESPACE);
  return {
    toStaff(event, payload) {
      (agents.to(STAFF_ROOM).emit as Emit)(event, payload);
    },
    toWatchers(conversationId, event, payload, exceptSocket) {
      const room = agents.to(watchRoom(conversationId));
      ((exceptSocket ? room.except(exceptSocket) : room).emit as Emit)(event, payload);
    },
    toCustomer(conversationId, event, payload) {
      (chat.to(conversationRoom(conversationId)).emit as Emit)(event, payload);
    },
    async online() {
      const sockets = await agents.in(STAFF_ROOM).fetchSockets();
      const people = new Map<string, OnlineStaff>();
      for (const s of sockets) {
        const staff = (s.data as StaffSocketData | undefined)?.staff;
        if (staff?.kind === 'session') people.set(staff.id, { id: staff.id, name: staff.name });
      }
      return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export interface AgentsDeps {
  auth: StaffAuthDeps;
  handoff: HandoffService;
  limits: ProtocolLimits;
  logger: Logger;
  /** Re-verify every open staff socket this often even when it is idle (ms; 0 = only on actions). */
  recheckMs?: number;
}

/** Largest delay setTimeout accepts; longer expiries are re-armed by the periodic re-check instead. */
const MAX_TIMER_MS = 2_147_483_647;

/** Staff realtime protocol on `/agents`: staff JWT handshake, live inbox, take/leave/close, chat, notes, re-labels, presence. */
export function attachAgents(nsp: AgentsNamespace, deps: AgentsDeps): void {
  const { handoff, logger } = deps;
  const channel = handoff.deps.channel;
  const broadcastPresence = () =>
    channel.online().then(
      (staff) => channel.toStaff('presence', { staff }),
      (err) => logger.error({ err }, 'presence failed'),
    );

  nsp.use(async (socket, next) => {
    try {
      const { token } = (socket.handshake.auth ?? {}) as Partial<StaffAuth>;
      const bearer = typeof token === 'string' ? token : undefined;
      socket.data = { staff: await authenticateStaff(deps.auth, bearer), token: bearer! };
      next();
    } catch (err) {
      const error = toWireError(err);
      next(Object.assign(new Error(error.code), { data: error }));
    }
  });

  nsp.on('connection', (socket: StaffSocket) => {
    const { staff } = socket.data;
    // A room per principal: revoke / disable / role change disconnects these sockets on every node.
    void socket.join([STAFF_ROOM, principalRoom(staff.id)]);
    const session = {
      staff: { id: staff.id, name: staff.name, role: staff.role },
      agents: handoff.deps.agentNames,
      open: isOpen(handoff.deps.hours),
      ...(handoff.deps.hours.spec
        ? { businessHours: `${handoff.deps.hours.spec} (${handoff.deps.hours.timeZone})` }
        : {}),
    };
    // A person's notification settings come with the session; API tokens (integrations) have none.
    if (staff.kind !== 'session') socket.emit('staff:session', session);
    else {
      handoff.settings.notifications(staff.id).then(
        (notifications) => socket.emit('staff:session', { ...session, notifications }),
        (err) => {
          logger.error({ err }, 'staff settings failed');
          socket.emit('staff:session', session);
        },
      );
    }
    void broadcastPresence();
    socket.on('disconnect', () => void broadcastPresence());

    // Every action re-verifies the handshake token (signature, expiry), the account or API key (disabled, revoked)
    // and takes the role from the database, so a credential that stopped being valid stops acting at once.
    const drop = () => setTimeout(() => socket.disconnect(true), 0);
    const recheck = async (): Promise<StaffPrincipal> => {
      try {
        socket.data.staff = await authenticateStaff(deps.auth, socket.data.token);
        return socket.data.staff;
      } catch (err) {
        // A credential problem ends the session; a database hiccup only fails this action.
        const code = err instanceof AppError ? err.code : undefined;
        if (code === 'unauthorized' || code === 'token_expired' || code === 'token_invalid') drop();
        throw err;
      }
    };
    const expiresIn = msUntilExpiry(socket.data.token);
    const timers: NodeJS.Timeout[] = [];
    if (expiresIn !== undefined && expiresIn < MAX_TIMER_MS)
      timers.push(setTimeout(() => socket.disconnect(true), expiresIn + 50).unref());
    if (deps.recheckMs) timers.push(setInterval(() => recheck().catch(() => undefined), deps.recheckMs).unref());
    socket.on('disconnect', () => timers.forEach((t) => clearTimeout(t)));
    // Connection state recovery skips the handshake middleware: a restored socket proves its credential again first.
    if (socket.recovered) void recheck().catch(() => undefined);

    // Typed by the event map: a handler's result is what the event's ack promises the console.
    const on = <E extends Exclude<keyof StaffClientToServerEvents, 'typing'>, P>(
      event: E,
      parse: (p: unknown) => Parsed<P>,
      run: (p: P, staff: StaffPrincipal) => Promise<AckData<StaffClientToServerEvents[E]>>,
    ) =>
      (socket.on as (e: string, fn: (payload: unknown, ack?: unknown) => void) => void)(
        event,
        handle(logger, `agents:${event}`, parse, async (p: P) => run(p, await recheck())),
      );

    on(
      'inbox:list',
      () => ({ ok: true, value: {} }),
      async () => ({ conversations: await handoff.inbox.list() }),
    );

    on('conversation:open', validator(conversationRefSchema), async ({ conversationId }) => {
      const opened = await handoff.open(conversationId);
      // One open conversation per console tab: stop watching the previous one.
      for (const room of socket.rooms)
        if (room.startsWith('watch:') && room !== watchRoom(conversationId)) void socket.leave(room);
      void socket.join(watchRoom(conversationId));
      return opened;
    });

    on('conversation:claim', validator(claimSchema), async ({ conversationId, force }, me) => ({
      conversation: await handoff.claim(conversationId, me, force),
    }));
    on('conversation:release', validator(releaseSchema), async ({ conversationId, to }, me) => ({
      conversation: await handoff.release(conversationId, me, to),
    }));
    on('conversation:transfer', validator(transferSchema), async ({ conversationId, to, force }, me) => ({
      conversation: await handoff.transfer(conversationId, me, to, force),
    }));

    on('message:send', validator(staffSendSchema(deps.limits)), async (input, me) => ({
      message: await handoff.sendMessage(me, input),
    }));

    on('conversation:label', validator(labelChangeSchema), async ({ conversationId, label, on: add }, me) => ({
      conversation: await handoff.label(me, conversationId, label, add),
    }));
    on(
      'conversations:search',
      (p) => parseSearchQuery(p, handoff.deps.maxAttributeLength),
      (query) => handoff.search(query),
    );

    on('staff:settings', validator(staffSettingsSchema), async ({ notifications }, me) => {
      if (me.kind !== 'session') throw new AppError('forbidden', 'Settings belong to a person; API tokens have none.');
      return { notifications: await handoff.settings.setNotifications(me.id, notifications) };
    });

    on('routing:relabel', validator(relabelSchema), async ({ messageId, agent }, me) => ({
      correction: await handoff.relabel(me, messageId, agent),
    }));

    socket.on('typing', (payload: unknown) => {
      const p = staffTypingSchema.safeParse(payload);
      if (p.success && socket.rooms.has(watchRoom(p.data.conversationId))) {
        recheck()
          .then((me) => handoff.typing(me, p.data.conversationId, p.data.typing, socket.id))
          .catch((err) => {
            if (!(err instanceof AppError)) logger.error({ err }, 'staff typing failed');
          });
      }
    });
  });
}
