import { DEFAULT_NOTIFICATIONS, type ConversationSummary } from 'switchboard-chat/protocol';
import { UnreadTracker, type Alert } from './notify.js';
import type { ConsoleStore } from './store.js';

const BASE_TITLE = 'Switchboard console';

/** A short two-tone chime made with Web Audio: no sound file to ship, nothing for the CSP to allow. */
function chime(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    [880, 660].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.12);
      osc.stop(ctx.currentTime + i * 0.12 + 0.1);
    });
    setTimeout(() => void ctx.close(), 500);
  } catch {
    // No audio (autoplay policy before any click, or no device): the notification itself still shows.
  }
}

/** The browser side of console notifications: desktop notifications, the chime and the unread count in the tab title. */
export class ConsoleNotifier {
  private readonly tracker = new UnreadTracker();
  private readonly unsubscribe: () => void;
  private readonly onVisible = () => this.refresh();

  constructor(
    private readonly store: ConsoleStore,
    private readonly open: (id: string) => void,
  ) {
    this.unsubscribe = store.subscribe(() => this.refresh());
    document.addEventListener('visibilitychange', this.onVisible);
  }

  /** Feed one `inbox:upsert` (with the summary it replaces). */
  upsert(prev: ConversationSummary | undefined, next: ConversationSummary): void {
    const s = this.store.state;
    const settings = s.session?.notifications ?? DEFAULT_NOTIFICATIONS;
    const alert = this.tracker.update(prev, next, {
      meId: s.session?.staff.id,
      selectedId: s.selectedId,
      visible: document.visibilityState === 'visible',
      settings,
    });
    if (alert) this.show(alert, settings.desktop, settings.sound);
    this.refresh();
  }

  private show(alert: Alert, desktop: boolean, sound: boolean): void {
    if (desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const n = new Notification(alert.title, { body: alert.body.slice(0, 200), tag: alert.conversationId });
      n.onclick = () => {
        window.focus();
        this.open(alert.conversationId);
        n.close();
      };
    }
    if (sound) chime();
  }

  /** What is open in a visible tab counts as seen; the title shows the rest. */
  private refresh(): void {
    if (document.visibilityState === 'visible') this.tracker.seen(this.store.state.selectedId);
    const title = this.tracker.title(BASE_TITLE);
    if (document.title !== title) document.title = title;
  }

  close(): void {
    this.unsubscribe();
    document.removeEventListener('visibilitychange', this.onVisible);
    document.title = BASE_TITLE;
  }
}
