// The script-tag loader (≤ 2 KB gzip): a launcher, a call queue, and the real widget fetched when the customer shows
// intent (pointer over or focus on the launcher, or an open/toggle/send call), or when idle with data-preload="idle".
import type { QueuedCall } from './core/queue.js';
import { OPEN_CHAT } from './core/i18n/launcher.js';
import { readableOn, safeColor } from './ui/color.js';
import { CHAT_PATH } from './ui/paths.js';

type Api = ((...call: QueuedCall) => unknown) & { q?: QueuedCall[]; loaded?: boolean };
type Booted = Record<string, (...a: unknown[]) => unknown> & { element?: HTMLElement };

((w: Window & { Switchboard?: Api }, d: Document) => {
  // `async` scripts still have currentScript; fall back to a lookup for odd embeddings (e.g. injected by a tag manager).
  const script = (d.currentScript || d.querySelector('script[src*="/widget.js"]')) as HTMLScriptElement | null;
  if (!script || (w.Switchboard && w.Switchboard.loaded !== undefined)) return;
  const data = script.dataset;
  const server = (data.server || new URL(script.src, location.href).origin).replace(/\/+$/, '');
  const lang = (data.locale && data.locale !== 'auto' ? data.locale : navigator.language || 'en')
    .toLowerCase()
    .split('-')[0];
  const color = safeColor(data.color) || '#4f46e5';
  const options = {
    server,
    title: data.title,
    color: data.color,
    position: data.position === 'left' ? 'left' : 'right',
    locale: data.locale || 'auto',
    theme: data.theme,
    nonce: data.nonce || script.nonce || undefined,
  } as const;
  // The snippet may have installed a stub before us: keep its queued calls.
  const queue: QueuedCall[] = (w.Switchboard && w.Switchboard.q) || [];
  const eager = (call: QueuedCall) => call[0] === 'open' || call[0] === 'toggle' || call[0] === 'send';
  const api: Api = (...call) => {
    queue.push(call);
    if (eager(call)) load();
  };
  api.q = queue;
  api.loaded = false;
  w.Switchboard = api;

  const host = d.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const button = d.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', OPEN_CHAT[lang] || OPEN_CHAT.en);
  const svg = d.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = d.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', CHAT_PATH);
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  button.appendChild(svg);
  // Same geometry as the widget's launcher, so the swap when the widget loads is invisible.
  const css = `:host{all:initial}button{position:fixed;bottom:20px;${options.position}:20px;width:56px;height:56px;padding:0;border-radius:50%;border:0;background:${color};color:${readableOn(color)};cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}svg{display:block;width:28px;height:28px;margin:auto}button:focus-visible{outline:3px solid #b45309;outline-offset:2px}`;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = d.createElement('style');
    if (options.nonce) style.nonce = options.nonce;
    style.textContent = css;
    root.appendChild(style);
  }
  root.appendChild(button);

  let loading = false;
  let pressed = false;
  function load(): void {
    if (loading) return;
    loading = true;
    const s = d.createElement('script');
    s.src = `${server}/widget/switchboard-widget.js`;
    s.async = true;
    if (options.nonce) s.nonce = options.nonce;
    s.onload = () => {
      try {
        const hadFocus = d.activeElement === host;
        const chat = w.SwitchboardWidget!.boot(options as never, queue) as unknown as Booted;
        host.remove();
        const ready: Api = (command, ...args) => {
          const fn = chat[command];
          if (typeof fn === 'function') return fn.apply(chat, args);
        };
        ready.loaded = true;
        w.Switchboard = ready;
        // A press that began on our button and ends after the swap would click nothing (down and up on different
        // elements): its release opens the chat instead.
        if (pressed) w.addEventListener('pointerup', () => ready('open'), { once: true, capture: true });
        // A keyboard user sitting on our button keeps focus on the real launcher.
        if (hadFocus)
          setTimeout(() => (chat.element?.shadowRoot?.querySelector('.launcher') as HTMLElement | null)?.focus());
      } catch (err) {
        console.error('[switchboard]', err);
      }
    };
    s.onerror = () => {
      loading = false;
      s.remove();
    };
    d.head.appendChild(s);
  }

  button.addEventListener('click', () => api('open'));
  button.addEventListener('pointerdown', () => (pressed = true));
  w.addEventListener('pointerup', () => (pressed = false), true);
  // Intent: most visitors never open the chat, so the bundle waits until the pointer or the keyboard reaches the
  // launcher (pointerover also fires for a touch before its click). The preconnect makes that late fetch cheap.
  button.addEventListener('pointerover', load);
  button.addEventListener('focus', load);
  if (new URL(server).origin !== location.origin) {
    const link = d.createElement('link');
    link.rel = 'preconnect';
    link.href = server;
    d.head.appendChild(link);
  }
  // The chat link of a reply e-mail (`#switchboard-open` or `?switchboard=open`) opens the chat on arrival.
  if (location.hash === '#switchboard-open' || /[?&]switchboard=open(&|$)/.test(location.search)) queue.push(['open']);
  // `Switchboard('open')` queued by the snippet's stub before we ran: load now rather than when idle.
  if (queue.some(eager)) load();
  const mount = () => d.body.appendChild(host);
  if (d.body) mount();
  else d.addEventListener('DOMContentLoaded', mount);
  // data-preload="idle" keeps the bundle warm for owners who want instant opening at the cost of every page view.
  if (data.preload === 'idle') {
    const idle = (w as unknown as { requestIdleCallback?: (cb: () => void, o?: object) => void }).requestIdleCallback;
    const later = () => (idle ? idle(load, { timeout: 4000 }) : setTimeout(load, 2000));
    if (d.readyState === 'complete') later();
    else w.addEventListener('load', later);
  }
})(window, document);
