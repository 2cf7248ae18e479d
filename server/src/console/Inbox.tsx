import { useEffect, useState } from 'preact/hooks';
import { groupInbox } from './format.js';
import type { Connection } from './connection.js';
import { Row } from './Row.js';
import { Search } from './Search.js';
import type { ConsoleState } from './store.js';

const GROUPS: Array<{ key: keyof ReturnType<typeof groupInbox>; title: string }> = [
  { key: 'waiting', title: 'Waiting for a human' },
  { key: 'mine', title: 'Assigned to me' },
  { key: 'colleagues', title: 'With colleagues' },
  { key: 'ai', title: 'AI-handled' },
  { key: 'closed', title: 'Closed' },
];

/** Re-render every few seconds so waiting times stay current. */
function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The live inbox, grouped, under the search form (whose results replace the groups while shown). */
export function Inbox({
  state,
  onOpen,
  conn,
  attributeSearch,
}: {
  state: ConsoleState;
  onOpen: (id: string) => void;
  conn?: Connection;
  /** A search by one customer attribute asked for from the conversation ("Find"). */
  attributeSearch?: { attributes: string };
}) {
  const now = useNow();
  const [mineOnly, setMineOnly] = useState(false);
  const groups = groupInbox(Object.values(state.inbox), state.session?.staff.id);
  // "Mine": only what is assigned to me (by auto-assignment or because I took it).
  const shown = mineOnly ? GROUPS.filter((g) => g.key === 'mine') : GROUPS;
  const filter = (
    <label class="mine-filter">
      <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly((e.target as HTMLInputElement).checked)} />{' '}
      Mine
    </label>
  );
  const grouped = [
    filter,
    ...shown.map(({ key, title }) => (
      <section key={key} class={`group group-${key}`}>
        <h2>
          {title} <span class="count">{groups[key].length}</span>
        </h2>
        {groups[key].length ? (
          <ul>
            {groups[key].map((c) => (
              <Row key={c.id} c={c} now={now} selected={c.id === state.selectedId} onOpen={() => onOpen(c.id)} />
            ))}
          </ul>
        ) : (
          <p class="none">None</p>
        )}
      </section>
    )),
  ];
  if (conn)
    return (
      <Search conn={conn} state={state} now={now} onOpen={onOpen} preset={attributeSearch}>
        {grouped}
      </Search>
    );
  return (
    <nav class="inbox" aria-label="Inbox">
      {grouped}
    </nav>
  );
}
