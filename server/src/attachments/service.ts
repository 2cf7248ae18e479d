import type { AttachmentMeta, Message } from 'switchboard-chat/protocol';
import { draftConversation, type ConversationService } from '../conversations/service.js';
import type { StaffPrincipal } from '../security/staff-tokens.js';
import type { AttachmentStore } from '../storage/attachments.js';
import { owns } from '../security/ownership.js';
import { AppError } from '../util/errors.js';
import { newId } from '../util/ids.js';
import type { Logger } from '../util/logger.js';
import type { BlobStore } from './blobs.js';
import { inspectUpload, type AttachmentPolicy } from './policy.js';

/** Who is uploading or downloading: the conversation's visitor, or a staff member. */
export type Uploader = { visitorId: string; userId?: string } | { staff: StaffPrincipal };

/** An attachment as carried in a message's `meta.attachment` and returned by the API. */
export type AttachmentInfo = AttachmentMeta;

/** A stored attachment and its bytes, ready to serve. */
export interface Download extends AttachmentInfo {
  bytes: Uint8Array;
}

export interface AttachmentServiceDeps {
  /** The `attachments` rows. */
  store: AttachmentStore;
  service: ConversationService;
  blobs: BlobStore;
  policy: AttachmentPolicy;
  logger: Logger;
}

/** Upload (one message per file, idempotent on clientId) and access-checked download of attachments. */
export class AttachmentService {
  constructor(private readonly d: AttachmentServiceDeps) {}

  /** Store a file and post it as a message of its uploader; a retried upload with the same clientId returns the first message. */
  async upload(
    who: Uploader,
    conversationId: string,
    input: { bytes: Uint8Array; name?: string; clientId: string },
  ): Promise<{ message: Message; attachment: AttachmentInfo; duplicate: boolean }> {
    let conversation = await this.d.service.store.get(conversationId);
    // A first-time visitor's conversation is a draft until something is said in it: a file may be that first thing.
    if (!conversation && 'visitorId' in who && draftConversation(who.visitorId).id === conversationId) {
      conversation = await this.d.service.stored(draftConversation(who.visitorId));
    }
    if (!conversation || ('visitorId' in who && !owns(conversation, who)))
      throw new AppError('not_found', 'No such conversation.');
    if (conversation.state === 'closed') throw new AppError('attachment_not_allowed', 'The conversation is closed.');
    if ('staff' in who && (conversation.state !== 'human' || conversation.assigneeId !== who.staff.id)) {
      throw new AppError('attachment_not_allowed', 'Take the conversation before sending a file to the customer.');
    }
    const inspected = await inspectUpload(input.bytes, input.name, this.d.policy);
    const attachment: AttachmentInfo = {
      id: newId('att'),
      name: inspected.name,
      type: inspected.type,
      size: inspected.size,
      inline: inspected.inline,
    };
    const by = 'staff' in who ? `staff:${who.staff.id}` : `visitor:${who.visitorId}`;
    await this.d.store.insert({
      id: attachment.id,
      conversationId,
      name: attachment.name,
      type: attachment.type,
      size: attachment.size,
      backend: this.d.blobs.kind,
      uploadedBy: by,
    });
    try {
      await this.d.blobs.put(conversationId, attachment.id, input.bytes, attachment.type);
      const { message, duplicate } = await this.d.service.addMessage(
        conversationId,
        'staff' in who
          ? {
              role: 'human',
              text: attachment.name,
              clientId: `staff:${input.clientId}`,
              author: who.staff.name,
              authorId: who.staff.id,
              meta: { attachment },
            }
          : { role: 'customer', text: attachment.name, clientId: input.clientId, meta: { attachment } },
      );
      if (duplicate) {
        await this.discard(conversationId, attachment.id);
        return { message, attachment: message.meta?.attachment as AttachmentInfo, duplicate };
      }
      await this.d.store.linkMessage(attachment.id, message.id);
      return { message, attachment, duplicate };
    } catch (err) {
      await this.discard(conversationId, attachment.id).catch((e) =>
        this.d.logger.warn({ err: e, attachmentId: attachment.id }, 'could not remove a failed upload'),
      );
      throw err;
    }
  }

  /** The file, if `who` may see it: the conversation's visitor or any staff member; anyone else gets `not_found`. */
  async download(who: Uploader, id: string): Promise<Download> {
    const row = await this.d.store.access(id);
    // Same answer for "missing" and "not yours", so ids cannot be probed; the one ownership rule of every customer route.
    if (!row || ('visitorId' in who && !owns(row, who))) throw new AppError('not_found', 'No such attachment.');
    const bytes = await this.d.blobs.get(row.conversationId, id);
    if (!bytes) throw new AppError('not_found', 'No such attachment.');
    return { id, name: row.name, type: row.type, size: row.size, inline: false, bytes };
  }

  /** Remove the stored files of erased conversations (their rows went with the erasure). */
  async erased(conversationIds: string[]): Promise<void> {
    if (conversationIds.length) await this.d.blobs.removeConversations(conversationIds);
  }

  private async discard(conversationId: string, id: string): Promise<void> {
    await this.d.blobs.remove(conversationId, id);
    await this.d.store.remove(id);
  }
}
