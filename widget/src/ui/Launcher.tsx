import type { Ref } from 'preact';
import type { Strings } from '../core/i18n/index.js';
import { ChatIcon, CloseIcon } from './icons.js';

interface Props {
  t: Strings;
  open: boolean;
  unread: number;
  buttonRef: Ref<HTMLButtonElement>;
  onToggle(): void;
}

/** The round button in the corner; its label says how many replies are unread. */
export function Launcher({ t, open, unread, buttonRef, onToggle }: Props) {
  const label = open ? t.close : unread > 0 ? `${t.open} (${unread} ${t.unread})` : t.open;
  return (
    <button type="button" class="launcher" ref={buttonRef} aria-label={label} aria-expanded={open} onClick={onToggle}>
      {open ? <CloseIcon /> : <ChatIcon />}
      {unread > 0 && !open && (
        <span class="badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
