import { adminApi, type KbDocument } from './admin-api.js';
import { useAdminData } from './use-admin.js';

/** `path:/srv/help` → `/srv/help`; `api` and `upload` as they are. */
const sourceName = (source: string) => source.replace(/^path:/, '');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Help-centre documents grouped by source folder: upload a file, re-ingest or remove a folder, remove a document. */
export function DocumentsAdmin() {
  const { data, error, notice, act } = useAdminData(adminApi.documents);
  const upload = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    const collection = (form.elements.namedItem('collection') as HTMLInputElement).value.trim();
    if (!file) return;
    const content = await file.text();
    if (
      await act(
        () => adminApi.upload({ name: file.name, content, ...(collection ? { collection } : {}) }),
        (r) => `${file.name}: ${plural(r.documents, 'document')}, ${plural(r.chunks, 'chunk')} added.`,
      )
    )
      form.reset();
  };
  const bySource = new Map<string, KbDocument[]>();
  for (const d of data?.documents ?? []) bySource.set(d.source, [...(bySource.get(d.source) ?? []), d]);
  return (
    <section class="admin-section" aria-labelledby="docs-h">
      <h2 id="docs-h">Help-centre documents</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form class="admin-form" onSubmit={upload} aria-label="Upload a document">
        <label>
          File (Markdown, HTML or text)
          <input name="file" type="file" accept=".md,.markdown,.mdx,.html,.htm,.txt,.jsonl" required />
        </label>
        <label>
          Collection
          <input name="collection" placeholder="general" maxLength={100} />
        </label>
        <button type="submit">Upload</button>
      </form>
      {!data?.documents.length && <p class="muted">The knowledge base is empty.</p>}
      {(data?.sources ?? []).map((s) => (
        <details key={s.source} class="kb-source" open>
          <summary>
            <strong>{sourceName(s.source)}</strong>{' '}
            <span class="muted">
              {plural(s.documents, 'document')}, {plural(s.chunks, 'chunk')}
            </span>
            {s.source.startsWith('path:') && (
              <button
                type="button"
                onClick={() =>
                  void act(
                    () => adminApi.reingest(s.source),
                    (r) =>
                      `Re-ingested ${sourceName(s.source)}: ${plural(r.documents, 'document')}, ${r.removedDocuments} removed.`,
                  )
                }
              >
                Re-ingest
              </button>
            )}
            <button
              type="button"
              onClick={() =>
                confirm(`Remove every document from ${sourceName(s.source)}?`) &&
                void act(
                  () => adminApi.removeSource(s.source),
                  (r) => `Removed ${plural(r.removedDocuments, 'document')} from ${sourceName(s.source)}.`,
                )
              }
            >
              Remove all
            </button>
          </summary>
          <table>
            <thead>
              <tr>
                <th>Document</th>
                <th>Title</th>
                <th>Collection</th>
                <th>Chunks</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(bySource.get(s.source) ?? []).map((d) => (
                <tr key={d.id} data-doc={d.id}>
                  <td class="page">{d.id}</td>
                  <td>{d.title}</td>
                  <td>{d.collection}</td>
                  <td>{d.chunks}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove ${d.id}`}
                      onClick={() => void act(() => adminApi.removeDocument(d.id), `Removed ${d.id}.`)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
