import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary } from 'switchboard-chat/protocol';
import { customerName, groupInbox, identityLabel, pageLabel, percent, since } from './format.js';
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

function Row({ c, selected, now, onOpen }: { c: ConversationSummary; selected: boolean; now: number; onOpen: () => void }) {
  return (
    <li>
      <button type="button" class={`row${selected ? ' selected' : ''}`} data-conversation={c.id} onClick={onOpen}>
        <span class="row-top">
          <strong>{customerName(c)}</strong>
          <IdentityTag c={c} />
          {c.state === 'waiting_human' && <span class="wait">waiting {since(c.waitingSince ?? c.updatedAt, now)}</span>}
          {c.offline && <span class="tag">offline ticket</span>}
          {c.rating != null && <span class="tag">{'★'.repeat(c.rating)}</span>}
        </span>
        {c.lastMessage && <span class="preview">{c.lastMessage.text}</span>}
        <span class="row-meta">
          {pageLabel(c.page)}
          {c.routing && ` · ${c.routing.agent} ${percent(c.routing.confidence)}`}
          {c.assignee && c.state === 'human' && ` · ${c.assignee.name}`}
        </span>
      </button>
    </li>
  );
}

/** The live inbox, grouped. */
export function Inbox({ state, onOpen }: { state: ConsoleState; onOpen: (id: string) => void }) {
  const now = useNow();
  const groups = groupInbox(Object.values(state.inbox), state.session?.staff.id);
  return (
    <nav class="inbox" aria-label="Inbox">
      {GROUPS.map(({ key, title }) => (
        <section key={key} class={`group group-${key}`}>
          <h2>{title} <span class="count">{groups[key].length}</span></h2>
          {groups[key].length ? (
            <ul>{groups[key].map((c) => <Row key={c.id} c={c} now={now} selected={c.id === state.selectedId} onOpen={() => onOpen(c.id)} />)}</ul>
          ) : <p class="none">None</p>}
        </section>
      ))}
    </nav>
  );
}

/** Verified vs self-asserted identity, so a claimed name never looks like a signed-in customer. */
export function IdentityTag({ c }: { c: ConversationSummary }) {
  const label = identityLabel(c);
  return label ? <span class={`tag identity ${label.verified ? 'verified' : 'unverified'}`} title={label.title}>{label.text}</span> : null;
}
