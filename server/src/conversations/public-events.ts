import type { ConversationState, Message } from 'switchboard-chat/protocol';
import type { ConversationRecord } from '../storage/rows.js';
import type { ChangeOf, ConversationChange } from './changes.js';
import type { ConversationService } from './service.js';

/**
 * The events an embedder subscribes to (`Switchboard.on`): `change`, the typed union every change goes through, and
 * the earlier per-kind events, derived from it, so embedders written against them keep working.
 */
export interface SwitchboardEvents {
  /** Every change of a conversation (see `ConversationChange`). */
  change: [change: ConversationChange];
  /** Any stored message, including internal notes. */
  message: [message: Message, conversation: ConversationRecord];
  /** A conversation was created, changed state, or the customer changed its contact, identity or attributes. */
  conversation: [
    conversation: ConversationRecord,
    change: { type: string; from?: ConversationState; actor?: string; job?: string },
  ];
  /** The agent layer answered (or escalated) a customer message; for metrics. */
  replied: [info: Omit<ChangeOf<'replied'>, 'kind'>];
  /** The customer started or stopped typing. */
  'customer-typing': [info: { conversationId: string; typing: boolean }];
}

/** The arguments of the per-kind event a change is also told as, if any. */
function asEvent<E extends keyof SwitchboardEvents>(event: E, c: ConversationChange): SwitchboardEvents[E] | undefined {
  const args = ((): SwitchboardEvents[keyof SwitchboardEvents] | undefined => {
    if (event === 'change') return [c];
    if (event === 'message') return c.kind === 'message' ? [c.message, c.conversation] : undefined;
    if (event === 'replied')
      return c.kind === 'replied'
        ? [{ conversation: c.conversation, customer: c.customer, reply: c.reply, ms: c.ms }]
        : undefined;
    if (event === 'customer-typing')
      return c.kind === 'typing' ? [{ conversationId: c.conversationId, typing: c.typing }] : undefined;
    if (event !== 'conversation') return undefined;
    if (c.kind === 'state') {
      const { type, from, actor, job } = c;
      return [c.conversation, { type, from, actor, ...(job ? { job } : {}) }];
    }
    if (c.kind === 'created') return [c.conversation, { type: 'created' }];
    if (c.kind === 'identified' || c.kind === 'attributes' || c.kind === 'contact')
      return [c.conversation, { type: c.kind, actor: c.actor }];
    return undefined;
  })();
  return args as SwitchboardEvents[E] | undefined;
}

/** Subscribe `listener` to `event` of `service`'s changes; returns the unsubscribe function. */
export function subscribeEvent<E extends keyof SwitchboardEvents>(
  service: ConversationService,
  event: E,
  listener: (...args: SwitchboardEvents[E]) => void,
): () => void {
  return service.subscribe((change) => {
    const args = asEvent(event, change);
    if (args) listener(...args);
  });
}
