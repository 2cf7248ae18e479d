import type { Notice } from 'switchboard-chat/protocol';
import type { ChangeKind, ChangeOf, ConversationChange } from '../conversations/changes.js';
import { systemNotice } from '../conversations/notices.js';
import { Lru } from '../util/lru.js';
import type { ConversationRecord } from '../storage/rows.js';
import { HandoffService } from './service.js';
import { buildHandoffSummary } from './summary.js';

// (conversation, agent) label pairs remembered as stored, per node: ~100 bytes each.
const LABELLED_PAIRS = 10_000;

// Changes the inbox shows besides every state change ('created' is left out: a widget that connects makes an empty
// conversation).
const INBOX_CHANGES = new Set<ChangeKind>(['contact', 'identified', 'attributes']);

/** The offline notice: nobody online during opening hours, or outside them (with the hours). */
export function offlineNotice(open: boolean, hours?: { spec?: string; timeZone: string }): Notice {
  return open
    ? { code: 'team.offline' }
    : { code: 'team.away', params: { hours: `${hours?.spec} ${hours?.timeZone}` } };
}

/**
 * Tell staff about an escalation: the summary, an offline notice when nobody can answer, the inbox entry on every
 * console, the webhook. `job` is the escalation's job row (recorded with the state change): it becomes the webhook's
 * delivery job, or is deleted when there is no webhook, so a crash before the end leaves it for another run. Every
 * step is idempotent: the summary and inbox are upserts, and the offline notice carries the job's id as its client id
 * (`offline:<job id>`), so the run after a crash finds it stored and does not post it again.
 */
export async function announceEscalation(
  handoff: HandoffService,
  conversation: ConversationRecord,
  job?: string,
): Promise<void> {
  const { service, channel } = handoff.deps;
  const messages = await service.history(conversation.id, Math.max(0, conversation.lastSeq - 30));
  await service.noteHandoff(conversation.id, {
    summary: buildHandoffSummary(messages, conversation.escalationReason),
  });
  const { open, available } = await handoff.availability();
  if (!available) {
    await service.noteHandoff(conversation.id, { offline: true });
    // Keyed on the job: a second announcement of the same escalation (after a crash) is a duplicate append.
    const notice = systemNotice(offlineNotice(open, handoff.deps.hours), { kind: 'offline', open });
    await service.addMessage(conversation.id, { ...notice, clientId: job ? `offline:${job}` : undefined });
    channel.toCustomer(conversation.id, 'state', {
      conversationId: conversation.id,
      state: conversation.state,
      humansAvailable: false,
    });
  }
  const summary = await handoff.upsert(conversation.id);
  if (summary && handoff.deps.webhooks) await handoff.notify('conversation.escalated', summary, undefined, job);
  else if (job) await handoff.deps.jobs?.store.complete(job);
}

/**
 * Subscribe the handoff layer to the conversation service: staff inboxes and open conversations follow every change,
 * escalations get a summary (and an offline ticket when nobody can answer), webhooks fire. Returns an unsubscribe function.
 */
export function reactToConversations(handoff: HandoffService): () => void {
  const { service, channel, logger } = handoff.deps;
  const guard =
    <A extends unknown[]>(what: string, fn: (...args: A) => Promise<void>) =>
    (...args: A) => {
      fn(...args).catch((err) => logger.error({ err }, `handoff: ${what} failed`));
    };

  const onMessage = guard('message', async ({ message, conversation }: ChangeOf<'message'>) => {
    channel.toWatchers(conversation.id, 'message', message);
    if (message.meta?.internal) return;
    // The webhook of a customer message to a person carries the summary as it is now; any other message only
    // refreshes the inbox, merged with the messages right after it (the AI's reply).
    if (message.role !== 'customer' || !HandoffService.isHuman(conversation))
      return handoff.refreshSoon(conversation.id);
    const summary = await handoff.upsert(conversation.id);
    if (summary) await handoff.notify('message.customer', summary, message);
  });

  const onChange = guard('conversation', async (change: ConversationChange) => {
    if (!('conversation' in change)) return;
    const { conversation } = change;
    if (change.kind === 'state' && change.event === 'escalate')
      return announceEscalation(handoff, conversation, change.job);
    if (change.kind === 'contact' && conversation.contactEmail && HandoffService.isHuman(conversation)) {
      await service.addMessage(
        conversation.id,
        systemNotice({ code: 'contact.saved', params: { email: conversation.contactEmail } }, { kind: 'contact' }),
      );
    }
    if (change.kind === 'state' || INBOX_CHANGES.has(change.kind)) await handoff.upsert(conversation.id);
  });

  const onReplied = ({ conversation, customer, reply }: ChangeOf<'replied'>) => {
    // The routing decision is stored after the customer message was broadcast; show it in open consoles now.
    channel.toWatchers(conversation.id, 'message:update', {
      ...customer,
      agent: reply.routing.agent,
      confidence: reply.routing.confidence,
      routing: reply.routing,
    });
    if (handoff.deps.labelRoutedAgent !== false) void labelRouted(conversation.id, reply.routing.agent);
  };
  // Rule: a conversation carries the label of every agent it was routed to (unless staff removed that label).
  // A label row, once there, stays (removed or not) for the conversation's life, so pairs seen here need no second
  // read: every reply of a conversation on one agent would otherwise ask the database again.
  const labelled = new Lru<string, true>(LABELLED_PAIRS);
  const labelRouted = guard('label', async (conversationId: string, agent: string) => {
    const key = `${conversationId}\u0000${agent}`;
    if (labelled.get(key)) return;
    if (!(await handoff.labels.has(conversationId, agent, true))) {
      await handoff.labels.add(conversationId, agent, 'rule');
      await handoff.upsert(conversationId);
    }
    labelled.set(key, true);
  });
  const unsubscribe = service.subscribe((change) => {
    if (change.kind === 'message') onMessage(change);
    else if (change.kind === 'replied') onReplied(change);
    else if (change.kind === 'typing')
      channel.toWatchers(change.conversationId, 'typing', {
        conversationId: change.conversationId,
        role: 'customer',
        typing: change.typing,
      });
    else onChange(change);
  });
  return () => {
    unsubscribe();
    handoff.refreshSoon.cancel();
  };
}
