import type { ConversationState } from 'switchboard-chat/protocol';
import { AppError } from '../util/errors.js';

/** Every conversation state, in the order of the happy path. */
export const STATES = ['ai', 'waiting_human', 'human', 'closed'] as const satisfies readonly ConversationState[];

/** One named transition: the states it may start from, the state it leads to, and the type it is recorded as. */
export interface Transition {
  from: readonly ConversationState[];
  to: ConversationState;
  /** The `conversation_events.type` written for it (analytics and the audit log read these). */
  type: string;
}

/**
 * The handoff state machine, the only authority on state changes: `ConversationService.transition` and every
 * compare-and-set elsewhere (auto-assignment, take, transfer) take their allowed from-states from here.
 */
export const TRANSITIONS = {
  // A person is asked for. Not from `human`: someone has it already, and an AI answer that was in flight when they took
  // it must not put it back in the queue with its assignee kept (ConversationService.escalate then does nothing).
  escalate: { from: ['ai'], to: 'waiting_human', type: 'escalated' },
  // A person takes it by hand: from the queue, or straight from the AI.
  claim: { from: ['ai', 'waiting_human'], to: 'human', type: 'claimed' },
  // Auto-assignment gives only queued conversations to people.
  assign: { from: ['waiting_human'], to: 'human', type: 'claimed' },
  // The holder (or an admin) hands it to a colleague; the state stays, the assignee changes.
  transfer: { from: ['human'], to: 'human', type: 'transferred' },
  // Staff hand it back to the AI (a closed conversation is reopened by the customer, not released).
  release: { from: ['waiting_human', 'human'], to: 'ai', type: 'released' },
  // An assignee who went offline loses it to the queue.
  requeue: { from: ['human'], to: 'waiting_human', type: 'released' },
  close: { from: ['ai', 'waiting_human', 'human'], to: 'closed', type: 'closed' },
  // A customer writing into a closed conversation reopens it with the AI.
  reopen: { from: ['closed'], to: 'ai', type: 'reopened' },
} as const satisfies Record<string, Transition>;

/** A named state change of the table. */
export type TransitionEvent = keyof typeof TRANSITIONS;

/** Every event of the table. */
export const TRANSITION_EVENTS = Object.keys(TRANSITIONS) as TransitionEvent[];

/** The states `event` may start from (what a compare-and-set on the state allows). */
export function fromStates(event: TransitionEvent): ConversationState[] {
  return [...TRANSITIONS[event].from];
}

/** The state `event` leads to from `from`, or undefined when the table refuses it. @example nextState('closed', 'reopen') // 'ai' */
export function nextState(from: ConversationState, event: TransitionEvent): ConversationState | undefined {
  const t: Transition = TRANSITIONS[event];
  return t.from.includes(from) ? t.to : undefined;
}

/** Throw `refusal(from, event)` unless the table allows `event` from `from`; returns the state it leads to. */
export function checkTransition(from: ConversationState, event: TransitionEvent): ConversationState {
  const to = nextState(from, event);
  if (!to) throw refusal(from, event);
  return to;
}

/**
 * The error for `event` found (or lost to a concurrent change) in state `from`: `already_claimed` when a take meets a
 * conversation someone holds already (two people clicked at once), else `invalid_transition`.
 */
export function refusal(from: ConversationState, event: TransitionEvent): AppError {
  const to = TRANSITIONS[event].to;
  const code = to === 'human' && from === 'human' && event !== 'transfer' ? 'already_claimed' : 'invalid_transition';
  return new AppError(code, `Cannot move the conversation from ${from} to ${to}.`);
}
