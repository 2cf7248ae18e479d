import { AttachmentStore } from '../storage/attachments.js';
import type { Queryable } from '../storage/db.js';

/** Where attachment bytes live: the database (embedded default) or an S3-compatible bucket. */
export interface BlobStore {
  readonly kind: 'db' | 's3';
  /** Store the bytes of attachment `id` of a conversation. */
  put(conversationId: string, id: string, bytes: Uint8Array, type: string): Promise<void>;
  /** The bytes, or undefined when they are gone. */
  get(conversationId: string, id: string): Promise<Uint8Array | undefined>;
  /** Remove one attachment's bytes (a duplicate upload). */
  remove(conversationId: string, id: string): Promise<void>;
  /** Remove every attachment of these conversations (GDPR erase). */
  removeConversations(conversationIds: string[]): Promise<void>;
}

/** Bytes in `attachment_blobs`; erased with their `attachments` row (the privacy service deletes by `conversation_id`). */
export class DbBlobs implements BlobStore {
  readonly kind = 'db' as const;
  private readonly store: AttachmentStore;
  constructor(db: Queryable) {
    this.store = new AttachmentStore(db);
  }

  async put(_conversationId: string, id: string, bytes: Uint8Array): Promise<void> {
    await this.store.putBytes(id, bytes);
  }

  async get(_conversationId: string, id: string): Promise<Uint8Array | undefined> {
    return this.store.bytes(id);
  }

  async remove(_conversationId: string, id: string): Promise<void> {
    await this.store.removeBytes(id);
  }

  async removeConversations(): Promise<void> {
    // The rows and their bytes go with the conversation.
  }
}
