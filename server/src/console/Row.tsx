import type { ConversationSummary } from 'switchboard-chat/protocol';
import { customerName, identityLabel, pageLabel, percent, since } from './format.js';
import { LabelChips } from './Labels.js';

/** One conversation in a list (inbox group or search results); `preview` replaces the last message (a search match). */
export function Row({
  c,
  selected,
  now,
  onOpen,
  preview,
}: {
  c: ConversationSummary;
  selected: boolean;
  now: number;
  onOpen: () => void;
  preview?: string;
}) {
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
        {(preview ?? c.lastMessage?.text) && <span class="preview">{preview ?? c.lastMessage?.text}</span>}
        <span class="row-meta">
          {pageLabel(c.page)}
          {c.routing && ` · ${c.routing.agent} ${percent(c.routing.confidence)}`}
          {c.assignee && c.state === 'human' && ` · ${c.assignee.name}`}
        </span>
        <LabelChips labels={c.labels} />
      </button>
    </li>
  );
}

/** Verified or self-asserted identity, so staff never mistake a typed-in name for a signed-in user. */
export function IdentityTag({ c }: { c: ConversationSummary }) {
  const label = identityLabel(c);
  return label ? (
    <span class={`tag identity ${label.verified ? 'verified' : 'unverified'}`} title={label.title}>
      {label.text}
    </span>
  ) : null;
}
