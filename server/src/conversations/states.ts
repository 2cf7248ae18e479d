import type { ConversationState } from 'switchboard-chat/protocol';

/** The handoff state machine: which states each state may move to. */
export const TRANSITIONS: Record<ConversationState, ConversationState[]> = {
  ai: ['waiting_human', 'human', 'closed'],
  waiting_human: ['human', 'ai', 'closed'],
  human: ['ai', 'closed', 'waiting_human'],
  // A customer writing into a closed conversation reopens it with the AI.
  closed: ['ai'],
};

/** States from which `to` may be entered. @example fromStatesFor('human') // ['ai', 'waiting_human'] */
export function fromStatesFor(to: ConversationState): ConversationState[] {
  return (Object.keys(TRANSITIONS) as ConversationState[]).filter((s) => TRANSITIONS[s].includes(to));
}
