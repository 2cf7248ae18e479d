import { useState } from 'preact/hooks';
import type { ConversationLabel, ConversationSummary } from 'switchboard-chat/protocol';
import type { Connection } from './connection.js';

/** A conversation's labels as small chips; rule labels (set by the server) look different from staff ones. */
export function LabelChips({ labels }: { labels?: ConversationLabel[] }) {
  if (!labels?.length) return null;
  return (
    <span class="labels">
      {labels.map((l) => (
        <span
          key={l.name}
          class={`label label-${l.source}`}
          title={l.source === 'rule' ? 'set by a rule' : 'set by staff'}
        >
          {l.name}
        </span>
      ))}
    </span>
  );
}

/** Add and remove labels on the open conversation; every console sees the change. */
export function LabelEditor({
  c,
  conn,
  onError,
}: {
  c: ConversationSummary;
  conn: Connection;
  onError: (m: string) => void;
}) {
  const [name, setName] = useState('');
  const change = (label: string, on: boolean) =>
    conn.request('conversation:label', { conversationId: c.id, label, on }).then(
      () => on && setName(''),
      (err: Error) => onError(err.message),
    );
  return (
    <section class="label-editor" aria-label="Labels">
      {(c.labels ?? []).map((l) => (
        <span key={l.name} class={`label label-${l.source}`}>
          {l.name}
          <button
            type="button"
            class="link"
            aria-label={`Remove label ${l.name}`}
            onClick={() => void change(l.name, false)}
          >
            ×
          </button>
        </span>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void change(name.trim(), true);
        }}
      >
        <input
          aria-label="New label"
          placeholder="Add a label"
          maxLength={40}
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Add</button>
      </form>
    </section>
  );
}
