// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"disableJavaScriptFileLoading": true, "handleDisabledFileLoadingAsSuccess": true}}
import { describe, expect, it, vi } from 'vitest';
// The global `SwitchboardWidget` the loader hands over to is declared by the widget bundle's entry.
import type {} from './widget.js';

type Api = ((...call: unknown[]) => unknown) & { q?: unknown[][]; loaded?: boolean };
const win = window as unknown as {
  Switchboard?: Api;
  SwitchboardWidget?: { boot: (o: unknown, q: unknown[][]) => unknown };
};

/** The loader's launcher button, inside the shadow root of the host element it appends to <body>. */
const loaderButton = () =>
  [...document.body.children].map((el) => el.shadowRoot?.querySelector('button')).find(Boolean) as
    HTMLButtonElement | undefined;
const bundleScript = () =>
  document.head.querySelector('script[src$="/widget/switchboard-widget.js"]') as HTMLScriptElement | null;

describe('the script-tag loader (widget/src/loader.ts)', () => {
  it('keeps the stub queue, fetches the widget on intent, hands over, and opens on a press released after the swap', async () => {
    // The page as the snippet leaves it: the queue stub with one call, then the loader's own script tag.
    const stub: Api = (...call) => void (stub.q ??= []).push(call);
    win.Switchboard = stub;
    stub('identify', { name: 'Ada' });
    const tag = document.createElement('script');
    tag.src = 'https://support.example.com/widget.js';
    tag.dataset.color = '#0a7';
    tag.dataset.locale = 'fr';
    document.body.appendChild(tag);

    await import('./loader.js');

    // A launcher in the page's language; nothing fetched before any intent.
    const button = loaderButton()!;
    expect(button.getAttribute('aria-label')).toBe('Ouvrir le chat');
    expect(bundleScript()).toBeNull();
    expect(document.head.querySelector('link[rel="preconnect"]')?.getAttribute('href')).toBe(
      'https://support.example.com',
    );

    // The widget bundle as it defines itself once fetched (this test page fetches nothing: the load event fires as
    // soon as the script element is added).
    const open = vi.fn();
    const boot = vi.fn(() => ({ open, element: document.createElement('switchboard-chat') }));
    win.SwitchboardWidget = { boot };

    // A press begins on the loader's button; the pointer over it fetches the bundle (once, however often it comes
    // back), which arrives before the press is released.
    button.dispatchEvent(new Event('pointerdown'));
    button.dispatchEvent(new Event('pointerover'));
    button.dispatchEvent(new Event('pointerover'));
    expect(document.head.querySelectorAll('script[src$="/widget/switchboard-widget.js"]')).toHaveLength(1);
    expect(bundleScript()!.src).toBe('https://support.example.com/widget/switchboard-widget.js');

    // The hand-over: the queued calls go to the widget, the loader's button leaves, the API is the widget's.
    expect(boot).toHaveBeenCalledTimes(1);
    const [options, queue] = boot.mock.calls[0] as unknown as [Record<string, unknown>, unknown[][]];
    expect(options).toMatchObject({ server: 'https://support.example.com', color: '#0a7', locale: 'fr' });
    expect(queue).toEqual([['identify', { name: 'Ada' }]]);
    expect(loaderButton()).toBeUndefined();
    expect(win.Switchboard!.loaded).toBe(true);

    // The release lands on the widget's own launcher, which gets no click: the loader opens the chat instead, once.
    window.dispatchEvent(new Event('pointerup'));
    window.dispatchEvent(new Event('pointerup'));
    expect(open).toHaveBeenCalledTimes(1);
    // Later calls go straight to the widget.
    win.Switchboard!('open');
    expect(open).toHaveBeenCalledTimes(2);
  });
});
