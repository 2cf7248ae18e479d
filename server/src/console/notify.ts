import type { ConversationSummary, NotificationSettings } from 'switchboard-chat/protocol';
import { customerName } from './format.js';

/** Something worth telling a staff member about. */
export interface Alert {
  conversationId: string;
  title: string;
  body: string;
}

/** Where the person is: who they are, which conversation is open, whether the tab is in front. */
export interface Viewer {
  meId?: string;
  selectedId?: string;
  visible: boolean;
  settings: NotificationSettings;
}

const isNewCustomerMessage = (prev: ConversationSummary | undefined, next: ConversationSummary) =>
  next.lastMessage?.role === 'customer' && next.lastMessage.createdAt !== prev?.lastMessage?.createdAt;

/**
 * Decides, from each inbox update, what to announce and what counts as unread: a conversation that starts waiting for
 * a person, a conversation assigned to the person, and a customer message in a conversation the person has taken. Whatever the person is looking at (open
 * conversation, tab in front) is neither announced nor unread. Pure: the browser side shows the result.
 */
export class UnreadTracker {
  private readonly unread = new Set<string>();

  /** Number of conversations with something unseen (for the tab title). */
  get count(): number {
    return this.unread.size;
  }

  /** Take in one inbox update; returns the alert to show, if any. */
  update(prev: ConversationSummary | undefined, next: ConversationSummary, v: Viewer): Alert | undefined {
    const looking = v.visible && v.selectedId === next.id;
    const mine = next.state === 'human' && !!v.meId && next.assignee?.id === v.meId;
    // Taken by someone else, handed back or closed: nothing left for this person to see.
    if (next.state !== 'waiting_human' && !mine) this.unread.delete(next.id);
    let alert: Alert | undefined;
    if (next.state === 'waiting_human' && prev?.state !== 'waiting_human' && v.settings.waiting) {
      alert = {
        conversationId: next.id,
        title: 'Waiting for a person',
        body: `${customerName(next)}: ${next.lastMessage?.text ?? ''}`.trim(),
      };
    } else if (mine && !(prev?.state === 'human' && prev.assignee?.id === v.meId) && v.settings.mine) {
      // Auto-assignment hands a conversation over without it ever waiting: tell its new owner.
      alert = {
        conversationId: next.id,
        title: 'Assigned to you',
        body: `${customerName(next)}: ${next.lastMessage?.text ?? ''}`.trim(),
      };
    } else if (mine && isNewCustomerMessage(prev, next) && v.settings.mine) {
      alert = {
        conversationId: next.id,
        title: `New message from ${customerName(next)}`,
        body: next.lastMessage!.text,
      };
    }
    if (!alert || looking) return undefined;
    this.unread.add(next.id);
    return alert;
  }

  /** The person looked at a conversation. */
  seen(conversationId: string | undefined): void {
    if (conversationId) this.unread.delete(conversationId);
  }

  /** `(2) Switchboard console` while anything is unread. */
  title(base: string): string {
    return this.count ? `(${this.count}) ${base}` : base;
  }
}
