import type { Strings } from '../core/i18n/index.js';
import type { ChatState } from '../core/types.js';
import { CloseIcon } from './icons.js';

/** Title, connection status, and who the customer is talking to once a person has taken over. */
export function Header({ t, title, state, onClose }: { t: Strings; title: string; state: ChatState; onClose(): void }) {
  const status = { online: t.online, offline: t.offline, connecting: t.connecting, idle: '' }[state.connection];
  return (
    <header>
      <div class="heading">
        <h2 id="sb-title">{title}</h2>
        <span class={`status ${state.connection}`}>{status}</span>
      </div>
      <button type="button" class="close" aria-label={t.close} onClick={onClose}>
        <CloseIcon />
      </button>
    </header>
  );
}

/** The handoff notice: waiting for a person, then who joined. */
export function HandoffNotice({ t, state }: { t: Strings; state: ChatState }) {
  if (state.conversation === 'waiting_human')
    return (
      <div class="handoff" role="status">
        {t.waiting}
      </div>
    );
  if (state.conversation === 'human' && state.assignee) {
    return (
      <div class="handoff" role="status">
        {t.withPerson} <strong>{state.assignee.name}</strong>
      </div>
    );
  }
  return null;
}
