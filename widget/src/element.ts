import { ReactiveElement } from '@lit/reactive-element';
import { h, render } from 'preact';
import { ChatController, type ControllerDeps } from './core/controller.js';
import { Emitter } from './core/emitter.js';
import type { ChatEvents, ChatOptions } from './core/types.js';
import { App } from './ui/App.js';
import { Boundary } from './ui/Boundary.js';
import { readableOn, safeColor } from './ui/color.js';
import { STYLES } from './ui/styles.js';
import { trackViewport } from './ui/viewport.js';

const EVENTS = ['ready', 'open', 'close', 'message', 'routed', 'escalated', 'unread', 'connection', 'error'] as const;

/** A stylesheet in a shadow root that can be rewritten: constructable when possible, else a `<style>` with the nonce. */
function adopt(root: ShadowRoot, css: string, nonce?: string): (css: string) => void {
  try {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
    return (next) => s.replaceSync(next);
  } catch {
    // Older browsers: a <style> element, with the site's CSP nonce when given.
    const el = document.createElement('style');
    if (nonce) el.nonce = nonce;
    el.textContent = css;
    root.appendChild(el);
    return (next) => void (el.textContent = next);
  }
}

/**
 * `<switchboard-chat server="…" title="…">`: the Lit custom-element shell. Attributes become options; the Preact UI
 * renders inside its shadow root; every widget event is re-dispatched as a `switchboard:<event>` DOM event.
 */
export class SwitchboardChatElement extends ReactiveElement {
  /** @internal Collaborators for every new controller (tests inject a fake socket here). */
  static deps: ControllerDeps = {};

  static override properties = {
    server: { type: String },
    title: { type: String },
    color: { type: String },
    position: { type: String },
    locale: { type: String },
    theme: { type: String },
    nonce: { type: String },
  };

  server = '';
  override title = '';
  color?: string;
  position?: 'left' | 'right';
  locale?: string;
  theme?: 'light' | 'dark' | 'auto';
  override nonce?: string;
  /** The controller, available once connected. */
  chat?: ChatController;
  /** Events of the widget; they outlive the controller, so listeners survive the element being moved in the page. */
  readonly events = new Emitter<ChatEvents>();
  private extra: Partial<ChatOptions> = {};
  private unsubscribe: Array<() => void> = [];
  private setTheme?: (css: string) => void;
  private setViewport?: (css: string) => void;
  private stopViewport?: () => void;

  /** Set options that have no attribute (user, container, launcher). */
  configure(options: Partial<ChatOptions>): void {
    this.extra = { ...this.extra, ...options };
    if (this.chat) this.chat.options = { ...this.chat.options, ...options };
    this.requestUpdate();
  }

  protected override createRenderRoot(): ShadowRoot {
    const root = this.attachShadow({ mode: 'open' });
    const nonce = this.nonce ?? this.extra.nonce;
    adopt(root, STYLES, nonce);
    this.setTheme = adopt(root, '', nonce);
    this.setViewport = adopt(root, '', nonce);
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.chat || !this.server) return;
    if (this.setViewport && !this.stopViewport && typeof window !== 'undefined')
      this.stopViewport = trackViewport(this.setViewport);
    try {
      const chat = new ChatController(
        {
          ...this.extra,
          server: this.server,
          title: this.title || this.extra.title,
          color: this.color ?? this.extra.color,
          position: this.position ?? this.extra.position,
          locale: this.locale ?? this.extra.locale,
          theme: this.theme ?? this.extra.theme,
        },
        SwitchboardChatElement.deps,
      );
      this.chat = chat;
      this.unsubscribe.push(chat.events.on('change', (s) => this.events.emit('change', s, chat.reportError)));
      for (const name of EVENTS) {
        this.unsubscribe.push(
          chat.events.on(name, (detail) => {
            this.events.emit(name, detail as never, name === 'error' ? undefined : chat.reportError);
            this.dispatchEvent(new CustomEvent(`switchboard:${name}`, { detail, bubbles: true, composed: true }));
          }),
        );
      }
    } catch (err) {
      this.events.emit('error', { code: 'client_error', message: String((err as Error)?.message ?? err) });
    }
  }

  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    if (!this.chat) this.connectedCallback();
    const chat = this.chat;
    if (!chat) return;
    try {
      const o = chat.options;
      chat.options = {
        ...o,
        title: this.title || o.title,
        position: this.position ?? o.position,
        locale: this.locale ?? o.locale,
        theme: this.theme ?? o.theme,
        color: this.color ?? o.color,
      };
      this.dataset.theme = chat.options.theme ?? 'auto';
      const color = safeColor(chat.options.color);
      this.setTheme?.(color ? `:host { --sb-accent: ${color}; --sb-accent-fg: ${readableOn(color)}; }` : '');
      render(h(Boundary, { onError: chat.reportError }, h(App, { chat })), this.renderRoot as ShadowRoot);
    } catch (err) {
      chat.reportError(err);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Frameworks move elements (remove + insert in one task); only tear down if it is really gone.
    queueMicrotask(() => {
      if (!this.isConnected) this.teardown();
    });
  }

  /** Close the socket and unmount the UI now (used by `chat.destroy()`). */
  teardown(): void {
    if (this.renderRoot) render(null, this.renderRoot as ShadowRoot);
    this.stopViewport?.();
    this.stopViewport = undefined;
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.chat?.destroy();
    this.chat = undefined;
  }
}

declare global {
  // `document.createElement('switchboard-chat')` and `querySelector('switchboard-chat')` are typed in host apps.
  interface HTMLElementTagNameMap {
    'switchboard-chat': SwitchboardChatElement;
  }
}

/** Register `<switchboard-chat>` once. */
export function defineElement(): void {
  if (typeof customElements !== 'undefined' && !customElements.get('switchboard-chat'))
    customElements.define('switchboard-chat', SwitchboardChatElement);
}
