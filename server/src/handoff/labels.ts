import type { ConversationLabel } from 'switchboard-chat/protocol';
import type { Database } from '../storage/db.js';
import { ConversationLabelStore } from '../storage/labels.js';
import { AppError } from '../util/errors.js';

/**
 * Labels on conversations: staff add and remove any; rules add theirs unless staff removed that label before (the
 * removal stays as a 'removed' row, which only staff can turn back into a label).
 */
export class LabelStore {
  private readonly labels: ConversationLabelStore;

  constructor(
    db: Database,
    private readonly maxPerConversation: number,
  ) {
    this.labels = new ConversationLabelStore(db);
  }

  /** Add a label; refused with `invalid_payload` past the per-conversation limit, `not_found` without the conversation. */
  async add(conversationId: string, label: string, source: ConversationLabel['source'], by?: string): Promise<void> {
    const outcome = await this.labels.add(conversationId, label, source, this.maxPerConversation, by);
    if (outcome === 'missing') throw new AppError('not_found', 'No such conversation.');
    if (outcome === 'full')
      throw new AppError('invalid_payload', `label: at most ${this.maxPerConversation} labels per conversation`, {
        field: 'label',
      });
  }

  /** Remove a label (whoever set it), remembering the removal; true when there was one. */
  remove(conversationId: string, label: string, by?: string): Promise<boolean> {
    return this.labels.remove(conversationId, label, by);
  }

  /** Whether a conversation has a label (or, with `anyRow`, a row for it, removed or not). */
  has(conversationId: string, label: string, anyRow = false): Promise<boolean> {
    return this.labels.has(conversationId, label, anyRow);
  }
}
