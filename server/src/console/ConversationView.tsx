import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from 'switchboard-chat/protocol';
import { AttributesPanel } from './Attributes.js';
import { Composer } from './Composer.js';
import { LabelEditor } from './Labels.js';
import { RequestError, type Connection } from './connection.js';
import { customerName } from './format.js';
import { IdentityTag } from './Row.js';
import { MessageRow } from './MessageRow.js';
import type { ConsoleState } from './store.js';

const STATE_LABEL: Record<ConversationSummary['state'], string> = {
  ai: 'AI',
  waiting_human: 'Waiting for a human',
  human: 'With a person',
  closed: 'Closed',
};

type Action = 'conversation:claim' | 'conversation:release' | 'conversation:transfer';

/** Take, hand back, close and transfer; a refusal for capacity offers admins the override. */
function Actions({
  c,
  meId,
  admin,
  colleagues,
  conn,
  onError,
}: {
  c: ConversationSummary;
  meId?: string;
  admin: boolean;
  colleagues: Array<{ id: string; name: string }>;
  conn: Connection;
  onError: (m: string) => void;
}) {
  // A take or transfer beyond a capacity, kept so an admin can repeat it with `force` (others only see why).
  const [override, setOverride] = useState<{ event: Action; payload: object; message: string }>();
  const act = (event: Action, payload: object) =>
    conn.request(event, { conversationId: c.id, ...payload }).then(
      () => setOverride(undefined),
      (err: Error) => {
        if (admin && err instanceof RequestError && err.code === 'assignee_at_capacity')
          setOverride({ event, payload, message: err.message });
        else onError(err.message);
      },
    );
  const mine = c.state === 'human' && c.assignee?.id === meId;
  return (
    <>
      {override && (
        <div class="banner override" role="alert">
          {override.message}{' '}
          <button type="button" onClick={() => void act(override.event, { ...override.payload, force: true })}>
            {override.event === 'conversation:claim' ? 'Take anyway' : 'Transfer anyway'}
          </button>{' '}
          <button type="button" class="link" onClick={() => setOverride(undefined)}>
            Cancel
          </button>
        </div>
      )}
      <div class="actions">
        {(c.state === 'waiting_human' || c.state === 'ai') && (
          <button type="button" class="primary" onClick={() => act('conversation:claim', {})}>
            Take
          </button>
        )}
        {(mine || c.state === 'waiting_human') && (
          <button type="button" onClick={() => act('conversation:release', { to: 'ai' })}>
            Back to AI
          </button>
        )}
        {c.state !== 'closed' && (
          <button type="button" onClick={() => act('conversation:release', { to: 'closed' })}>
            Close
          </button>
        )}
        {(mine || (admin && c.state === 'human')) && colleagues.some((p) => p.id !== c.assignee?.id) && (
          // Online colleagues (presence): hand the conversation over; the value resets so the same choice can be made again.
          <select
            aria-label="Transfer to"
            value=""
            onChange={(e) => {
              const to = (e.target as HTMLSelectElement).value;
              if (to) void act('conversation:transfer', { to });
            }}
          >
            <option value="">Transfer to…</option>
            {colleagues
              .filter((p) => p.id !== c.assignee?.id)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        )}
      </div>
    </>
  );
}

/** One conversation: who, where, the handoff summary, the messages with their routing trail, and the composer. */
export function ConversationView({
  state,
  conn,
  onFindAttribute,
}: {
  state: ConsoleState;
  conn: Connection;
  /** "Find" beside a customer attribute: search conversations with it (`plan=enterprise`). */
  onFindAttribute?: (filter: string) => void;
}) {
  const c = state.inbox[state.selectedId!];
  const [error, setError] = useState('');
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => setError(''), [state.selectedId]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [state.messages.length]);
  if (!c) return <main class="empty">Loading…</main>;
  const meId = state.session?.staff.id;
  const canReply = c.state === 'human' && c.assignee?.id === meId;
  const typing = [...(state.typing.customer ? ['The customer'] : []), ...state.typing.staff];
  return (
    <main class="conversation" aria-label="Conversation">
      <header class="conv-head">
        <div>
          <h2>
            {customerName(c)} <IdentityTag c={c} />
          </h2>
          <p class="muted">
            {STATE_LABEL[c.state]}
            {c.assignee && c.state !== 'ai' ? ` · ${c.assignee.name}` : ''}
            {c.page && (
              <>
                {' '}
                ·{' '}
                <span class="page" title={c.page}>
                  {c.page}
                </span>
              </>
            )}
            {c.contactEmail && ` · ${c.contactEmail}`}
          </p>
        </div>
        <Actions
          key={c.id}
          c={c}
          meId={meId}
          admin={state.session?.staff.role === 'admin'}
          colleagues={state.presence}
          conn={conn}
          onError={setError}
        />
      </header>
      {error && (
        <p class="banner" role="alert">
          {error}
        </p>
      )}
      {c.summary && (
        <section class="summary" aria-label="Handoff summary">
          <h3>Handoff summary{c.offline ? ' · offline ticket' : ''}</h3>
          {c.summary.split('\n').map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
      )}
      <LabelEditor c={c} conn={conn} onError={setError} />
      <AttributesPanel attributes={c.attributes} onFind={onFindAttribute} />
      <ol class="messages" ref={list}>
        {state.messages.map((m) => (
          <MessageRow
            key={m.id}
            m={m}
            agents={state.session?.agents ?? []}
            corrected={state.corrections[m.id]}
            onRelabel={(agent) =>
              conn.request('routing:relabel', { messageId: m.id, agent }).catch((err: Error) => setError(err.message))
            }
          />
        ))}
      </ol>
      <p class="typing" aria-live="polite">
        {typing.length ? `${typing.join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…` : ''}
      </p>
      <Composer key={c.id} conversationId={c.id} canReply={canReply} conn={conn} onError={setError} />
    </main>
  );
}
