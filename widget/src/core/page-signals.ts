/** What the page tells the chat sooner than Socket.IO would notice: the tab became visible, the network went or came back. */
export interface PageSignals {
  visible(): void;
  offline(): void;
  online(): void;
}

/** Listen to the page's visibility and network events (when there is a page); returns the function that stops it. */
export function watchPage(signals: PageSignals): () => void {
  const onVisible = () => {
    if (document.visibilityState === 'visible') signals.visible();
  };
  const onOffline = () => signals.offline();
  const onOnline = () => signals.online();
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
  }
  return () => {
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    }
  };
}
