import type { NotificationSettings as Settings } from 'switchboard-chat/protocol';
import type { Connection } from './connection.js';
import type { ConsoleStore } from './store.js';

const OPTIONS: Array<[keyof Settings, string]> = [
  ['waiting', 'New conversations waiting for a person'],
  ['mine', 'Customer messages in my conversations'],
  ['desktop', 'Browser notifications'],
  ['sound', 'Sound'],
];

/** The person's notification settings, saved on the server so they follow them to any browser. */
export function NotificationSettings({ store, conn }: { store: ConsoleStore; conn: Connection }) {
  const session = store.state.session;
  // API-token sessions (integrations) have no settings.
  const current = session?.notifications;
  if (!current) return null;
  const change = async (key: keyof Settings, on: boolean) => {
    // The permission prompt must come from the click itself.
    if (key === 'desktop' && on && typeof Notification !== 'undefined' && Notification.permission === 'default')
      await Notification.requestPermission();
    const next = { ...current, [key]: on };
    try {
      const saved = await conn.request('staff:settings', { notifications: next });
      store.update((s) => ({ session: s.session && { ...s.session, notifications: saved.notifications } }));
    } catch (err) {
      store.update({ error: (err as Error).message });
    }
  };
  const permission = typeof Notification !== 'undefined' ? Notification.permission : 'denied';
  return (
    <details class="notify-settings">
      <summary>Notifications</summary>
      <fieldset>
        <legend>Notify me about</legend>
        {OPTIONS.map(([key, label]) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={current[key]}
              onChange={(e) => void change(key, (e.target as HTMLInputElement).checked)}
            />{' '}
            {label}
          </label>
        ))}
        {permission === 'denied' && current.desktop && (
          <p class="muted">This browser blocks notifications for this site; allow them in its settings.</p>
        )}
        {permission === 'default' && current.desktop && (
          <button type="button" onClick={() => void Notification.requestPermission().then(() => store.update({}))}>
            Allow browser notifications
          </button>
        )}
      </fieldset>
    </details>
  );
}
