import {
  DEFAULT_NOTIFICATIONS,
  notificationSettingsSchema,
  type NotificationSettings,
} from 'switchboard-chat/protocol';
import type { Database } from './db.js';

/** SQL for `staff_settings`: per-person console settings (notifications), defaults until the person saves their own. */
export class StaffSettingsStore {
  constructor(private readonly db: Database) {}

  /** This person's notification settings (defaults when never saved or unreadable). */
  async notifications(staffId: string): Promise<NotificationSettings> {
    const rows = await this.db.query('SELECT notifications FROM staff_settings WHERE staff_id = $1', [staffId]);
    const stored = notificationSettingsSchema.safeParse(rows[0]?.notifications);
    return stored.success ? stored.data : DEFAULT_NOTIFICATIONS;
  }

  /** Save them (insert or replace). */
  async setNotifications(staffId: string, notifications: NotificationSettings): Promise<NotificationSettings> {
    await this.db.query(
      `INSERT INTO staff_settings (staff_id, notifications) VALUES ($1, $2::jsonb)
       ON CONFLICT (staff_id) DO UPDATE SET notifications = EXCLUDED.notifications, updated_at = now()`,
      [staffId, JSON.stringify(notifications)],
    );
    return notifications;
  }
}
