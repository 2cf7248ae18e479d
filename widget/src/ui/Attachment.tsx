import { useEffect, useState } from 'preact/hooks';
import type { AttachmentMeta } from '../core/attachments.js';
import type { Strings } from '../core/i18n/index.js';

/**
 * A file in the chat: a safe raster image is shown, anything else is a download link. The bytes are fetched with the
 * visitor's token into a blob: URL, so no token ever appears in a URL or a server log.
 */
export function Attachment({ a, t, load }: { a: AttachmentMeta; t: Strings; load(id: string): Promise<Blob> }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!a.inline) return;
    let made: string | undefined;
    load(a.id).then(
      (b) => setUrl((made = URL.createObjectURL(b))),
      () => undefined,
    );
    return () => made && URL.revokeObjectURL(made);
  }, [a.id]);
  const save = async (e: Event) => {
    e.preventDefault();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await load(a.id));
    link.download = a.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  return (
    <div class="attachment">
      {url && <img src={url} alt={a.name} />}
      <a href="#" onClick={save} dir="auto" title={t.download}>
        {a.name} · {a.size < 1e6 ? `${Math.ceil(a.size / 1024)} KB` : `${(a.size / 1048576).toFixed(1)} MB`}
      </a>
    </div>
  );
}
