import type { WireError } from '../protocol/errors.js';
import type { Ack } from '../protocol/events.js';
import type { Message } from '../protocol/messages.js';

export { attachmentOf, type AttachmentMeta } from '../protocol/attachments.js';

/**
 * Upload one file as a message (XHR, for upload progress). Resolves with the server's answer shaped like a socket ack;
 * rejects when the network or the server failed (0 or 5xx), so the outbox retries it with the same clientId.
 */
export function uploadFile(o: {
  server: string;
  conversationId: string;
  visitor: string;
  identity?: string;
  file: Blob & { name?: string };
  clientId: string;
  onProgress(fraction: number): void;
}): Promise<Ack<{ message: Message }>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const q = `name=${encodeURIComponent(o.file.name ?? 'file')}&clientId=${encodeURIComponent(o.clientId)}`;
    xhr.open(
      'POST',
      `${o.server.replace(/\/$/, '')}/api/conversations/${encodeURIComponent(o.conversationId)}/attachments?${q}`,
    );
    xhr.setRequestHeader('authorization', `Bearer ${o.visitor}`);
    // A verified user's conversation is theirs only: the visitor token alone does not open it (security/ownership.ts).
    if (o.identity) xhr.setRequestHeader('x-switchboard-identity', o.identity);
    xhr.upload.onprogress = (e) => e.lengthComputable && o.onProgress(e.loaded / e.total);
    xhr.onerror = xhr.ontimeout = () => reject(new Error('upload failed'));
    xhr.onload = () => {
      if (xhr.status === 0 || xhr.status >= 500) return reject(new Error(`upload failed (${xhr.status})`));
      let body: { message?: Message; error?: WireError } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: a proxy's error page */
      }
      resolve(
        body.message
          ? { ok: true, message: body.message }
          : { ok: false, error: body.error ?? { code: 'internal', message: `HTTP ${xhr.status}` } },
      );
    };
    xhr.send(o.file);
  });
}

/** Fetch an attachment with the visitor's token (it never rides in a URL) and return it as a Blob. */
export async function fetchAttachment(server: string, visitor: string, id: string, identity?: string): Promise<Blob> {
  const res = await fetch(`${server.replace(/\/$/, '')}/api/attachments/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${visitor}`, ...(identity ? { 'x-switchboard-identity': identity } : {}) },
  });
  if (!res.ok)
    throw Object.assign(new Error(`attachment ${res.status}`), {
      code: res.status === 404 ? 'not_found' : 'unavailable',
    });
  return res.blob();
}
