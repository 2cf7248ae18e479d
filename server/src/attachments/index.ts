import type { Hono } from 'hono';
import type { ConversationService } from '../conversations/service.js';
import type { IdentityVerifier } from '../security/identity.js';
import type { StaffAuthDeps } from '../security/staff-auth.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import { AttachmentStore } from '../storage/attachments.js';
import type { Database } from '../storage/db.js';
import type { Logger } from '../util/logger.js';
import { DbBlobs, type BlobStore } from './blobs.js';
import type { S3Settings } from './s3.js';
import { attachmentRoutes } from './routes.js';
import { AttachmentService } from './service.js';

export { UPLOAD_PATH } from './routes.js';

/** The settings attachments read: the upload policy and where the bytes go. */
export interface AttachmentSettings extends S3Settings {
  attachmentMaxBytes: number;
  attachmentTypes: readonly string[];
}

export interface AttachmentsDeps {
  config: AttachmentSettings;
  db: Database;
  service: ConversationService;
  visitors: VisitorTokens;
  auth: StaffAuthDeps;
  logger: Logger;
  /** Verifies the `x-switchboard-identity` header, so a verified user reaches the attachments of their conversation. */
  identity?: IdentityVerifier;
}

/** The attachments layer built from the config: bytes in the database, or in S3 when `s3Bucket` is set. */
export interface Attachments {
  service: AttachmentService;
  blobs: BlobStore;
  /** Mount under `/api`. */
  routes: Hono;
  close(): void;
}

/** Assemble attachments: policy and backend from the config, routes, and the S3 client's lifetime. */
export async function createAttachments(d: AttachmentsDeps): Promise<Attachments> {
  const { config } = d;
  // The AWS SDK (~28 MB resident) is loaded only when a bucket is configured (an optional peer dependency).
  const s3 = config.s3Bucket ? await (await import('./s3.js')).s3FromConfig(config) : undefined;
  const blobs: BlobStore = s3 ?? new DbBlobs(d.db);
  const policy = { maxBytes: config.attachmentMaxBytes, types: config.attachmentTypes };
  const store = new AttachmentStore(d.db);
  const service = new AttachmentService({ store, service: d.service, blobs, policy, logger: d.logger });
  d.logger.debug({ backend: blobs.kind, maxBytes: policy.maxBytes }, 'attachments ready');
  return {
    service,
    blobs,
    routes: attachmentRoutes({
      attachments: service,
      visitors: d.visitors,
      auth: d.auth,
      identity: d.identity,
      maxBytes: policy.maxBytes,
    }),
    close: () => s3?.close(),
  };
}
