// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SwitchboardChatElement } from './element.js';
import { createChat } from './sdk.js';
import { replay } from './core/queue.js';
import { FakeChatServer } from './testing/fake-server.js';

let server: FakeChatServer;
const settle = () => new Promise((r) => setTimeout(r, 30));
const shadow = (chat: ReturnType<typeof createChat>) => chat.element!.shadowRoot!;

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
});

function make(extra: Partial<Parameters<typeof createChat>[0]> = {}) {
  server = new FakeChatServer();
  SwitchboardChatElement.deps = { connect: server.factory, retryMs: 5 };
  return createChat({ server: 'http://127.0.0.1:9', title: 'Support', ...extra });
}

describe('createChat (SDK lifecycle)', () => {
  it('mounts one element, opens with focus in the composer and closes back to the launcher', async () => {
    const chat = make();
    await vi.waitFor(() => expect(shadow(chat).querySelector('.launcher')).not.toBeNull());
    expect(document.querySelectorAll('switchboard-chat')).toHaveLength(1);
    const launcher = shadow(chat).querySelector('.launcher') as HTMLButtonElement;
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    chat.open();
    chat.open();
    await vi.waitFor(() => expect(shadow(chat).activeElement?.tagName).toBe('TEXTAREA'));
    expect(shadow(chat).querySelectorAll('[role="dialog"]')).toHaveLength(1);
    chat.close();
    await vi.waitFor(() => expect(shadow(chat).activeElement).toBe(launcher));
    expect(shadow(chat).querySelector('[role="dialog"]')).toBeNull();
    chat.destroy();
  });

  it('emits events to `on` listeners and as switchboard:* DOM events; unsubscribe stops them', async () => {
    const chat = make();
    const seen: string[] = [];
    const off = chat.on('open', () => seen.push('on:open'));
    document.addEventListener('switchboard:open', () => seen.push('dom:open'));
    document.addEventListener('switchboard:message', (e) => seen.push(`dom:message:${(e as CustomEvent).detail.text}`));
    chat.open();
    chat.send('hi there');
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual(['on:open', 'dom:open', 'dom:message:hi there']);
    off();
    chat.close();
    chat.open();
    expect(seen.filter((s) => s === 'on:open')).toHaveLength(1);
    chat.destroy();
  });

  it('keeps listeners across logout / identify / logout and across the element being moved', async () => {
    const chat = make();
    const messages: string[] = [];
    chat.on('message', (m) => messages.push(m.text));
    chat.open();
    chat.send('one');
    await vi.waitFor(() => expect(messages).toEqual(['one']));
    chat.logout();
    await chat.identify({ id: 'u1', name: 'Ada' });
    chat.logout();
    await settle();
    // A framework re-parents the element: same task, so the widget must survive with its listeners.
    const box = document.createElement('div');
    document.body.appendChild(box);
    box.appendChild(chat.element!);
    await settle();
    chat.send('two');
    await vi.waitFor(() => expect(messages).toContain('two'));
    expect(messages).toEqual(['one', 'two']);
    expect(chat.state?.messages.map((m) => m.text)).toEqual(['two']);
    chat.destroy();
  });

  it('destroy removes every node and closes the socket; later calls are harmless', async () => {
    const chat = make();
    chat.open();
    await vi.waitFor(() => expect(server.socket?.connected).toBe(true));
    const socket = server.socket;
    chat.destroy();
    chat.destroy();
    expect(document.body.children).toHaveLength(0);
    expect(socket.connected).toBe(false);
    expect(() => {
      chat.open();
      chat.send('x');
      chat.setTheme('dark');
      chat.on('open', () => undefined)();
    }).not.toThrow();
    expect(chat.element).toBeUndefined();
  });

  it('replays calls queued before the widget loaded, including listeners', async () => {
    const chat = make();
    const routed = vi.fn();
    replay(chat, [['on', 'open', routed], ['open'], ['send', 'queued hello']]);
    await vi.waitFor(() => expect(server.messages).toHaveLength(1));
    expect(routed).toHaveBeenCalledTimes(1);
    expect(server.messages.map((m) => m.text)).toEqual(['queued hello']);
    chat.destroy();
  });

  it('follows locale and theme: Arabic is right-to-left, dark theme is a host attribute', async () => {
    const chat = make({ locale: 'ar' });
    chat.setTheme('dark');
    await vi.waitFor(() => expect(chat.element!.dataset.theme).toBe('dark'));
    expect(shadow(chat).querySelector('.root')!.getAttribute('dir')).toBe('rtl');
    expect(shadow(chat).querySelector('.launcher')!.getAttribute('aria-label')).toBe('فتح المحادثة');
    chat.setLocale('de');
    await vi.waitFor(() => expect(shadow(chat).querySelector('.root')!.getAttribute('dir')).toBe('ltr'));
    expect(shadow(chat).querySelector('.launcher')!.getAttribute('aria-label')).toBe('Chat öffnen');
    chat.destroy();
  });

  it('renders no inline style attributes anywhere in the widget', async () => {
    const chat = make({ color: '#0f766e' });
    chat.open();
    chat.send('**bold** and a [link](https://example.com)');
    await vi.waitFor(() => expect(chat.state?.messages).toHaveLength(1));
    server.socket.deliver('state', { conversationId: 'c1', state: 'human', assignee: { id: 's', name: 'Grace' } });
    server.socket.deliver('csat:request', { conversationId: 'c1' });
    await vi.waitFor(() => expect(shadow(chat).querySelector('.rating')).not.toBeNull());
    const all = [chat.element!, ...shadow(chat).querySelectorAll('*')];
    expect(all.filter((el) => el.hasAttribute('style')).map((el) => el.tagName)).toEqual([]);
    expect(shadow(chat).querySelector('.handoff')?.textContent).toContain('Grace');
    expect(shadow(chat).querySelector('.rating')).not.toBeNull();
    chat.destroy();
  });

  it('asks for missed messages when the tab becomes visible again', async () => {
    const chat = make();
    chat.open();
    await vi.waitFor(() => expect(server.socket?.connected).toBe(true));
    const before = server.emitted.filter(([e]) => e === 'history').length;
    server.append('human', 'sent while the tab slept');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(chat.state?.messages.map((m) => m.text)).toEqual(['sent while the tab slept']));
    expect(server.emitted.filter(([e]) => e === 'history').length).toBeGreaterThan(before);
    chat.destroy();
  });

  it('shows unread replies on the launcher while closed and clears them on open', async () => {
    const chat = make();
    const counts: number[] = [];
    chat.on('unread', ({ count }) => counts.push(count));
    chat.open();
    chat.send('question');
    await vi.waitFor(() => expect(chat.state?.messages).toHaveLength(1));
    chat.close();
    server.socket.deliver('message', server.append('ai', 'answer one'));
    server.socket.deliver('message', server.append('human', 'answer two', { author: 'Grace' }));
    const launcher = () => shadow(chat).querySelector('.launcher')!;
    await vi.waitFor(() => expect(launcher().querySelector('.badge')?.textContent).toBe('2'));
    expect(launcher().getAttribute('aria-label')).toBe('Open chat (2 unread messages)');
    chat.open();
    await vi.waitFor(() => expect(launcher().querySelector('.badge')).toBeNull());
    expect(counts).toEqual([1, 2, 0]);
    chat.destroy();
  });

  it('turns a rendering failure into an error event instead of an exception in the page', async () => {
    const chat = make();
    const errors: unknown[] = [];
    chat.on('error', (e) => errors.push(e));
    chat.open();
    await vi.waitFor(() => expect(shadow(chat).querySelector('textarea')).not.toBeNull());
    // A message the UI cannot render (the server would never send this; a bug could).
    server.socket.deliver('message', {
      id: 'bad',
      seq: 1,
      conversationId: 'c1',
      role: 'ai',
      text: null,
      createdAt: '',
    });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ code: 'client_error' });
    chat.destroy();
  });

  it('treats the browser going offline as a dropped link and reconnects as soon as it is back online', async () => {
    const chat = make();
    chat.open();
    await vi.waitFor(() => expect(chat.state?.connection).toBe('online'));
    window.dispatchEvent(new Event('offline'));
    expect(chat.state?.connection).toBe('offline');
    chat.send('typed offline');
    expect(chat.state?.pending.map((p) => p.status)).toEqual(['pending']);
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(chat.state?.pending).toEqual([]));
    expect(server.messages.map((m) => m.text)).toEqual(['typed offline']);
    chat.destroy();
  });
});
