import type { ConversationState, Message } from 'switchboard-chat/protocol';
import type { NewMessage } from '../storage/conversations.js';
import { StateMoved } from '../storage/conversation-inputs.js';
import type { ConversationRecord } from '../storage/rows.js';
import { newId } from '../util/ids.js';
import type { AgentReply } from './agent-port.js';
import type { ChangeOf } from './changes.js';
import type { ServiceOptions } from './service-types.js';

/** The states in which an AI reply may still be stored (the AI speaks while a person is on the way, not once one has joined). */
const ANSWERABLE: ConversationState[] = ['ai', 'waiting_human'];

/** What answering needs from the conversation service: its parts, storing a message, escalating, telling subscribers. */
export interface AnswerContext {
  options: ServiceOptions;
  addMessage(conversationId: string, input: NewMessage): Promise<{ message: Message; duplicate: boolean }>;
  escalate(conversationId: string, reason: string): Promise<unknown>;
  replied(info: Omit<ChangeOf<'replied'>, 'kind'>): void;
}

/**
 * Ask the agent layer for an answer, store it with its routing decision, escalate when told to. `context`: the messages
 * before `customer` when its append returned them; otherwise they are read here.
 */
export async function answerCustomer(
  ctx: AnswerContext,
  conversation: ConversationRecord,
  customer: Message,
  context?: Message[],
): Promise<Message | undefined> {
  const stream: AnswerStream = { id: newId('s'), used: false, replaced: false };
  try {
    return await answer(ctx, conversation, customer, stream, context);
  } finally {
    // Streamed text that no stored message of this answer replaces would stay on the customer's screen: take it down.
    if (stream.used && !stream.replaced)
      ctx.options.broadcast.toConversation(conversation.id, 'message:stream-end', {
        conversationId: conversation.id,
        streamId: stream.id,
      });
  }
}

/** One answer's stream: its id, whether any text was streamed, whether the stored reply carrying the id replaced it. */
interface AnswerStream {
  id: string;
  used: boolean;
  replaced: boolean;
}

async function answer(
  ctx: AnswerContext,
  conversation: ConversationRecord,
  customer: Message,
  stream: AnswerStream,
  context?: Message[],
): Promise<Message | undefined> {
  const o = ctx.options;
  const started = performance.now();
  const history =
    context ?? (await o.store.recent(conversation.id, o.contextMessages + 1)).filter((m) => m.id !== customer.id);
  const streamId = stream.id;
  const typing = typingIndicator(o, conversation.id);
  let reply: AgentReply;
  try {
    reply = await o.agents.reply(
      {
        conversationId: conversation.id,
        message: customer,
        history,
        state: conversation.state,
        locale: conversation.locale,
      },
      {
        delta: (delta) => {
          // The growing answer shows the AI at work; no typing indicator needed after it starts.
          typing.cancel();
          stream.used = true;
          o.broadcast.toConversation(conversation.id, 'message:delta', {
            conversationId: conversation.id,
            streamId,
            delta,
          });
        },
      },
    );
  } finally {
    typing.stop();
  }
  let stored: Message | undefined;
  let duplicate = false;
  // While a person is on the way only a sourced answer is said (the dialog layer adds that a person will join);
  // any agent layer's handoff or prompt would only repeat what the customer already knows.
  // Nothing is recorded then: analytics count the conversation as it was before (one escalation, no AI reply);
  // only the job is ended, since nothing more is owed.
  if (conversation.state === 'waiting_human' && (reply.escalate || !reply.sources.length || !reply.text)) {
    await o.jobs?.store.complete(customer.id);
    return undefined;
  }
  // Without an escalation the reply's own statement ends the job; an escalation ends it only once the hand-over is stored.
  const completeWithReply = !!o.jobs && !reply.escalate && !!reply.text;
  if (!reply.text) await o.store.setRouting(customer.id, reply.routing);
  else {
    const added = await ctx
      .addMessage(conversation.id, {
        role: 'ai',
        // The exactly-once key: two nodes that both answered (a lease ran out mid-answer) store one reply.
        clientId: `reply:${customer.id}`,
        text: reply.text,
        agent: reply.agent,
        confidence: reply.confidence,
        routing: reply.routing,
        sources: reply.sources,
        meta: {
          replyTo: customer.id,
          streamId,
          ...(reply.gap ? { gap: true } : {}),
          ...(reply.modelConfidence !== undefined ? { modelConfidence: reply.modelConfidence } : {}),
          ...(reply.suggestions?.length ? { suggestions: reply.suggestions } : {}),
        },
        // The routing decision lands on the customer message in the same statement as the reply.
        answers: { messageId: customer.id, routing: reply.routing, complete: completeWithReply },
        // A person who took the conversation while this was being written speaks for it now: the reply is dropped.
        onlyWhile: ANSWERABLE,
      })
      .catch((err: unknown) => {
        if (err instanceof StateMoved) return undefined;
        throw err;
      });
    if (!added) {
      await o.store.setRouting(customer.id, reply.routing);
      await o.jobs?.store.complete(customer.id);
      return undefined;
    }
    ({ message: stored, duplicate } = added);
    // A duplicate is another node's reply, streamed under its own id: this stream was not replaced.
    stream.replaced = !duplicate;
  }
  if (!duplicate) ctx.replied({ conversation, customer, reply, ms: performance.now() - started });
  if (reply.escalate) await ctx.escalate(conversation.id, reply.escalationReason ?? reply.routing.reason);
  if (o.jobs && !completeWithReply) await o.jobs.store.complete(customer.id);
  return stored;
}

/**
 * The AI's typing indicator, shown only once answering has taken `aiTypingDelayMs`: an answer faster than that
 * arrives without a typing-on/typing-off pair, which the customer could not have seen anyway.
 */
function typingIndicator(o: AnswerContext['options'], conversationId: string): { cancel(): void; stop(): void } {
  const say = (typing: boolean) =>
    o.broadcast.toConversation(conversationId, 'typing', { conversationId, role: 'ai', typing });
  let shown = false;
  const show = () => {
    shown = true;
    say(true);
  };
  const delay = o.aiTypingDelayMs ?? 0;
  const timer = delay > 0 ? setTimeout(show, delay) : undefined;
  if (!timer) show();
  return {
    /** Do not show it from now on (one already shown stays until `stop`). */
    cancel: () => clearTimeout(timer),
    /** Answering is over: take down an indicator that was shown. */
    stop() {
      clearTimeout(timer);
      if (shown) say(false);
    },
  };
}
