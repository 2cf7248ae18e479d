import type { S3Client } from '@aws-sdk/client-s3';
import { loadOptional } from '../util/optional.js';
import type { BlobStore } from './blobs.js';

type S3Module = typeof import('@aws-sdk/client-s3');

/** The package S3 attachment storage needs; an optional peer dependency, so default installs stay small. */
export const S3_PACKAGE = '@aws-sdk/client-s3';

/** Load the AWS SDK's S3 client only when a bucket is configured; a missing install is a clear `invalid_config`. */
export function loadS3(importer: () => Promise<S3Module> = () => import('@aws-sdk/client-s3')): Promise<S3Module> {
  return loadOptional(
    S3_PACKAGE,
    importer,
    'attachments in an S3 bucket (s3Bucket, SWITCHBOARD_S3_BUCKET)',
    'unset SWITCHBOARD_S3_BUCKET to keep attachments in the database',
  );
}

/** How to reach an S3-compatible bucket (AWS, MinIO, R2, s3rver…). */
export interface S3Options {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by most self-hosted S3 servers. */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket. */
  prefix: string;
}

/** Attachment bytes in an S3-compatible bucket, one object per attachment under `<prefix><conversation>/<id>`. */
export class S3Blobs implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(
    private readonly o: S3Options,
    private readonly sdk: S3Module,
  ) {
    this.client = new sdk.S3Client({
      region: o.region,
      endpoint: o.endpoint,
      forcePathStyle: o.forcePathStyle,
      // Checksums only where S3 demands them: many S3-compatible servers do not know the newer checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials:
        o.accessKeyId && o.secretAccessKey
          ? { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey }
          : undefined,
    });
  }

  private key(conversationId: string, id: string): string {
    return `${this.o.prefix}${conversationId}/${id}`;
  }

  async put(conversationId: string, id: string, bytes: Uint8Array, type: string): Promise<void> {
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.o.bucket,
        Key: this.key(conversationId, id),
        Body: bytes,
        ContentType: type,
      }),
    );
  }

  async get(conversationId: string, id: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.o.bucket, Key: this.key(conversationId, id) }),
      );
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (err) {
      if (err instanceof this.sdk.NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async remove(conversationId: string, id: string): Promise<void> {
    await this.client.send(
      new this.sdk.DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.key(conversationId, id) }),
    );
  }

  async removeConversations(conversationIds: string[]): Promise<void> {
    for (const conversationId of conversationIds) {
      let token: string | undefined;
      do {
        const page = await this.client.send(
          new this.sdk.ListObjectsV2Command({
            Bucket: this.o.bucket,
            Prefix: `${this.o.prefix}${conversationId}/`,
            ContinuationToken: token,
          }),
        );
        // One DELETE per object: the batch call needs Content-MD5, which not every S3-compatible server accepts alike.
        for (const o of page.Contents ?? [])
          await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.o.bucket, Key: o.Key! }));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    }
  }

  /** Release the HTTP connections. */
  close(): void {
    this.client.destroy();
  }
}

/** The settings S3 storage reads (a slice of the server's configuration). */
export interface S3Settings {
  s3Bucket?: string;
  s3Endpoint?: string;
  s3Region: string;
  s3AccessKeyId?: string;
  s3SecretAccessKey?: string;
  s3ForcePathStyle: boolean;
  s3Prefix: string;
}

/** The bucket of the config (`s3Bucket` and friends), or undefined when attachments stay in the database. */
export async function s3FromConfig(config: S3Settings, sdk?: S3Module): Promise<S3Blobs | undefined> {
  if (!config.s3Bucket) return undefined;
  return new S3Blobs(
    {
      bucket: config.s3Bucket,
      endpoint: config.s3Endpoint,
      region: config.s3Region,
      accessKeyId: config.s3AccessKeyId,
      secretAccessKey: config.s3SecretAccessKey,
      forcePathStyle: config.s3ForcePathStyle,
      prefix: config.s3Prefix,
    },
    sdk ?? (await loadS3()),
  );
}
