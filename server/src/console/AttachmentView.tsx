import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentMeta, WireError } from 'switchboard-chat/protocol';
import { session } from './api.js';

export { attachmentOf } from 'switchboard-chat/protocol';

const size = (n: number) => (n < 1e6 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`);

/** Fetch a file with the session token (never in a URL) as a Blob. */
async function fetchFile(id: string): Promise<Blob> {
  const res = await fetch(`/api/attachments/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${session.get() ?? ''}` },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}

/** A file in a conversation: an image preview for safe raster images, and a download button for every file. */
export function AttachmentView({ a }: { a: AttachmentMeta }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!a.inline) return;
    let made: string | undefined;
    fetchFile(a.id).then(
      (b) => setUrl((made = URL.createObjectURL(b))),
      () => undefined,
    );
    return () => made && URL.revokeObjectURL(made);
  }, [a.id]);
  const download = async () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await fetchFile(a.id));
    link.download = a.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  return (
    <div class="attachment">
      {url && <img src={url} alt={a.name} />}
      <button type="button" class="link" onClick={() => void download()}>
        Download {a.name} ({size(a.size)})
      </button>
    </div>
  );
}

/** Attach a file to the reply: uploaded as its own message to the customer (only once the conversation is taken). */
export function AttachButton({
  conversationId,
  disabled,
  onError,
}: {
  conversationId: string;
  disabled: boolean;
  onError: (m: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const res = await fetch(
        `/api/conversations/${encodeURIComponent(conversationId)}/attachments?name=${encodeURIComponent(file.name)}&clientId=${crypto.randomUUID()}`,
        {
          method: 'POST',
          body: file,
          headers: { authorization: `Bearer ${session.get() ?? ''}` },
        },
      );
      if (!res.ok)
        onError(((await res.json().catch(() => ({}))) as { error?: WireError }).error?.message ?? `HTTP ${res.status}`);
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <input
        type="file"
        ref={input}
        hidden
        aria-label="File to attach"
        accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain"
        onChange={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          for (const f of Array.from(el.files ?? [])) void upload(f);
          el.value = '';
        }}
      />
      <button type="button" class="link" disabled={disabled || busy} onClick={() => input.current?.click()}>
        {busy ? 'Uploading…' : 'Attach file'}
      </button>
    </>
  );
}
