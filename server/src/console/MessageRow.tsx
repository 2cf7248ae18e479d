import type { Message } from 'switchboard-chat/protocol';
import { AttachmentView, attachmentOf } from './AttachmentView.js';
import { percent } from './format.js';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The routing trail of a customer message: agent, confidence, reason, and a re-label control. */
function Routing({
  m,
  agents,
  corrected,
  onRelabel,
}: {
  m: Message;
  agents: string[];
  corrected?: string;
  onRelabel: (agent: string) => void;
}) {
  const r = m.routing;
  if (!r) return null;
  return (
    <div class="routing">
      <span
        class="chip"
        title={`alternatives: ${r.alternatives.map((a) => `${a.agent} ${a.score.toFixed(2)}`).join(', ') || 'none'}`}
      >
        {r.agent} · {percent(r.confidence)} · {r.reason}
      </span>
      {r.needsPerson && (
        <span class="chip needs-person" title="an escalation policy asks for a person of this agent's team">
          needs a person ({r.agent} team{r.policy ? ` · ${r.policy}` : ''})
        </span>
      )}
      {corrected && <span class="chip corrected">re-labelled: {corrected}</span>}
      <label class="relabel">
        <span>Re-label</span>
        <select
          aria-label="Re-label routing"
          value=""
          onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            if (v) onRelabel(v);
          }}
        >
          <option value="">…</option>
          {agents.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** One message; all text goes through text nodes, never HTML. */
export function MessageRow({
  m,
  agents,
  corrected,
  onRelabel,
}: {
  m: Message;
  agents: string[];
  corrected?: string;
  onRelabel: (agent: string) => void;
}) {
  const internal = m.meta?.internal === true;
  const who =
    m.role === 'customer'
      ? 'Customer'
      : m.role === 'ai'
        ? `AI${m.agent ? ` · ${m.agent}` : ''}${m.confidence != null ? ` · ${percent(m.confidence)}` : ''}`
        : m.role === 'human'
          ? (m.author ?? 'Staff')
          : '';
  return (
    <li class={`msg ${m.role}${internal ? ' internal' : ''}`} data-seq={m.seq}>
      {m.role !== 'system' && (
        <div class="who">
          {internal ? `Internal note · ${who}` : who}
          <span class="time">{time(m.createdAt)}</span>
        </div>
      )}
      {attachmentOf(m) ? <AttachmentView a={attachmentOf(m)!} /> : <div class="text">{m.text}</div>}
      {m.role === 'customer' && <Routing m={m} agents={agents} corrected={corrected} onRelabel={onRelabel} />}
      {m.sources?.length ? <div class="sources">Sources: {m.sources.map((s) => s.title).join(', ')}</div> : null}
    </li>
  );
}
