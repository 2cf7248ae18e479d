import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { attributeFiltersFromText, type SearchQuery } from 'switchboard-chat/protocol';
import type { Connection, StaffAck } from './connection.js';
import { Row } from './Row.js';
import type { ConsoleState } from './store.js';

type Results = StaffAck<'conversations:search'>;
const STATES: Array<[NonNullable<SearchQuery['state']>, string]> = [
  ['waiting_human', 'Waiting'],
  ['human', 'With a person'],
  ['ai', 'AI'],
  ['closed', 'Closed'],
];
const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** Only the filled fields, so an empty form searches nothing and the server sees no empty strings. */
function compact(q: SearchQuery): SearchQuery {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as SearchQuery;
}

/**
 * The sidebar: search over conversations and messages with filters (state, agent, label, assignee, custom attributes,
 * dates) above the inbox list. While a search is shown its results replace the inbox groups (`children`); Clear brings them back.
 */
export function Search({
  conn,
  state,
  now,
  onOpen,
  children,
  preset,
}: {
  conn: Connection;
  state: ConsoleState;
  now: number;
  onOpen: (id: string) => void;
  children: ComponentChildren;
  /** A search asked for elsewhere ("Find" beside a customer attribute): a new object runs it once. */
  preset?: { attributes: string };
}) {
  const [q, setQ] = useState<SearchQuery>({});
  // Typed as `plan=enterprise, seats=10`: split here (a missing `=` is caught at once), names checked by the server.
  const [attributeText, setAttributeText] = useState('');
  const [results, setResults] = useState<Results>();
  const [error, setError] = useState('');
  const set = (k: keyof SearchQuery) => (e: Event) => setQ({ ...q, [k]: value(e) || undefined });
  const filters = useRef<HTMLDetailsElement>(null);
  const search = async (base: SearchQuery, attributeText: string) => {
    const attributes = attributeFiltersFromText(attributeText);
    if (!attributes.ok) return setError(attributes.error.message);
    const query = compact({
      ...base,
      ...(Object.keys(attributes.value).length ? { attributes: attributes.value } : {}),
    });
    if (!Object.keys(query).length) return setResults(undefined);
    try {
      setResults(await conn.request('conversations:search', query));
      setError('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const run = (e: Event) => {
    e.preventDefault();
    void search(q, attributeText);
  };
  useEffect(() => {
    if (!preset) return;
    // Only this attribute, shown in the open Filters so the person sees how the search was made.
    setQ({});
    setAttributeText(preset.attributes);
    if (filters.current) filters.current.open = true;
    void search({}, preset.attributes);
  }, [preset]);
  const clear = () => {
    setQ({});
    setAttributeText('');
    setError('');
    setResults(undefined);
  };
  const me = state.session?.staff;
  const people = [
    ...(me ? [{ id: me.id, name: `${me.name} (me)` }] : []),
    ...state.presence.filter((p) => p.id !== me?.id),
  ];
  const matchOf = (id: string) => results?.hits.find((h) => h.conversationId === id)?.match;
  // The form sits outside the `.inbox` list on purpose: that list shows customer content only (see xss.e2e.test.ts).
  return (
    <div class="sidebar">
      <form class="search" role="search" onSubmit={run}>
        <input
          type="search"
          aria-label="Search conversations"
          placeholder="Search messages and customers"
          value={q.text ?? ''}
          onInput={set('text')}
        />
        <details ref={filters}>
          <summary>Filters</summary>
          <label>
            State{' '}
            <select value={q.state ?? ''} onChange={set('state')}>
              <option value="">any</option>
              {STATES.map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Agent{' '}
            <select value={q.agent ?? ''} onChange={set('agent')}>
              <option value="">any</option>
              {(state.session?.agents ?? []).map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label>
            Label <input value={q.label ?? ''} maxLength={40} onInput={set('label')} />
          </label>
          <label>
            Assignee{' '}
            <select value={q.assignee ?? ''} onChange={set('assignee')}>
              <option value="">anyone</option>
              <option value="none">unassigned</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Attributes{' '}
            <input
              value={attributeText}
              placeholder="plan=enterprise"
              aria-describedby="attribute-filter-hint"
              onInput={(e) => setAttributeText(value(e))}
            />
          </label>
          <p id="attribute-filter-hint" class="hint">
            Customer attributes, as shown beside a conversation: <code>name=value</code>, several separated by commas.
          </p>
          <label>
            From <input type="date" value={q.from ?? ''} onChange={set('from')} />
          </label>
          <label>
            To <input type="date" value={q.to ?? ''} onChange={set('to')} />
          </label>
        </details>
        <button type="submit">Search</button>
        {results && (
          <button type="button" class="link" onClick={clear}>
            Clear
          </button>
        )}
      </form>
      {error && (
        <p class="banner" role="alert">
          {error}
        </p>
      )}
      <nav class="inbox" aria-label="Inbox">
        {results ? (
          <section class="group group-results" aria-label="Search results">
            <h2>
              Results <span class="count">{results.conversations.length}</span>
            </h2>
            {results.conversations.length ? (
              <ul>
                {results.conversations.map((c) => (
                  <Row
                    key={c.id}
                    c={c}
                    now={now}
                    selected={c.id === state.selectedId}
                    onOpen={() => onOpen(c.id)}
                    preview={matchOf(c.id)?.text}
                  />
                ))}
              </ul>
            ) : (
              <p class="none">Nothing found</p>
            )}
          </section>
        ) : (
          children
        )}
      </nav>
    </div>
  );
}
