import { useEffect, useState } from 'preact/hooks';
import type { Connection } from './connection.js';
import { toLabel, type ToLabelItem } from './to-label-api.js';
import { percent } from './format.js';

/**
 * The "To label" queue: customer messages the router was unsure about (and those already re-labelled). Choosing
 * an agent stores the correction; every node's router retrains on it within seconds.
 */
export function ToLabel({ conn, agents }: { conn: Connection; agents: string[] }) {
  const [items, setItems] = useState<ToLabelItem[]>();
  const [error, setError] = useState<string>();
  const load = () => toLabel().then(setItems, (e: Error) => setError(e.message));
  useEffect(() => void load(), []);
  const relabel = async (item: ToLabelItem, agent: string) => {
    try {
      await conn.request('routing:relabel', { messageId: item.messageId, agent });
      setItems((list) => list?.map((i) => (i.messageId === item.messageId ? { ...i, correctedTo: agent } : i)));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  if (!items)
    return (
      <main class="to-label">
        {error ? (
          <p class="banner" role="alert">
            {error}
          </p>
        ) : (
          'Loading…'
        )}
      </main>
    );
  const open = items.filter((i) => !i.correctedTo);
  return (
    <main class="to-label">
      {error && (
        <p class="banner" role="alert">
          {error}
        </p>
      )}
      <h2>
        To label{' '}
        <span class="muted">
          ({open.length} unsure, {items.length - open.length} corrected)
        </span>{' '}
        <button type="button" class="link" onClick={() => void load()}>
          Refresh
        </button>
      </h2>
      {items.length === 0 ? (
        <p class="muted">Nothing to label: the router was confident about every recent message.</p>
      ) : (
        <table class="queue">
          <thead>
            <tr>
              <th>Message</th>
              <th>Routed to</th>
              <th>Label</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.messageId} data-message={i.messageId}>
                <td>{i.text}</td>
                <td>
                  <span class="chip">
                    {i.agent} · {percent(i.confidence)} · {i.reason}
                    {i.topic ? ` · ${i.topic}` : ''}
                  </span>
                </td>
                <td>
                  {i.correctedTo && <span class="chip corrected">labelled: {i.correctedTo}</span>}
                  <select
                    aria-label={`Label for: ${i.text}`}
                    value=""
                    onChange={(e) => {
                      const v = (e.currentTarget as HTMLSelectElement).value;
                      if (v) void relabel(i, v);
                    }}
                  >
                    <option value="">{i.correctedTo ? 'change…' : 'label…'}</option>
                    {agents.map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
