import type { ServerToClientEvents, StaffServerToClientEvents } from 'switchboard-chat/protocol';

/** Someone signed in to the console. */
export interface OnlineStaff {
  id: string;
  name: string;
}

/** How the handoff layer reaches people; implemented over Socket.IO rooms so it works across nodes. */
export interface StaffChannel {
  /** Every connected staff member. */
  toStaff<E extends keyof StaffServerToClientEvents>(
    event: E,
    payload: Parameters<StaffServerToClientEvents[E]>[0],
  ): void;
  /** Staff who have the conversation open, except `exceptSocket`. */
  toWatchers<E extends keyof StaffServerToClientEvents>(
    conversationId: string,
    event: E,
    payload: Parameters<StaffServerToClientEvents[E]>[0],
    exceptSocket?: string,
  ): void;
  /** All of the customer's widget tabs. */
  toCustomer<E extends keyof ServerToClientEvents>(
    conversationId: string,
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ): void;
  /** Console sessions online on any node, one entry per person. */
  online(): Promise<OnlineStaff[]>;
}

/** The room of every staff socket on `/agents`. */
export const STAFF_ROOM = 'staff';
/** The room of staff sockets watching one conversation. */
export const watchRoom = (conversationId: string): string => `watch:${conversationId}`;
