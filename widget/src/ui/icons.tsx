import { h } from 'preact';
import { CHAT_PATH } from './paths.js';

// Drawn icons instead of emoji: emoji fonts are missing on many Linux desktops and render as boxes there.
const icon =
  (d: string, cls = '') =>
  () =>
    h(
      'svg',
      { class: `icon ${cls}`, viewBox: '0 0 24 24', width: 24, height: 24, 'aria-hidden': 'true', focusable: 'false' },
      h('path', { d, fill: 'currentColor' }),
    );

/** A speech bubble. */
export const ChatIcon = icon(CHAT_PATH);
/** A cross. */
export const CloseIcon = icon(
  'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z',
);
/** A paper plane; mirrored in right-to-left layouts by CSS. */
export const SendIcon = icon('M3 20.5v-7l9-1.5-9-1.5v-7L22 12z', 'flip');
/** Thumbs up / down for answer feedback. */
export const ThumbUpIcon = icon(
  'M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.4-1L13.2 1 7.6 6.6A2 2 0 0 0 7 8v11a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z',
);
export const ThumbDownIcon = icon(
  'M22 3h-4v12h4V3zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3c0 .4.2.8.4 1l1.1 1.1 5.6-5.6A2 2 0 0 0 17 16V5a2 2 0 0 0-2-2H6a2 2 0 0 0-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7v2z',
);
/** A paper clip: attach a file. */
export const ClipIcon = icon(
  'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z',
);
