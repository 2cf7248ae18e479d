// A staff member's notification settings for the console (stored per person on the server).
import { z } from 'zod';

/** What the console announces, and how. */
export const notificationSettingsSchema = z
  .object({
    /** Browser (desktop) notifications; the browser asks for permission when this is first turned on. */
    desktop: z.boolean(),
    /** A short sound with each notification. */
    sound: z.boolean(),
    /** A conversation starts waiting for a person. */
    waiting: z.boolean(),
    /** A customer writes in a conversation this person has taken. */
    mine: z.boolean(),
  })
  .strict();

/** Notification settings (types derived from the schema). */
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** Until a person changes them: notify about both, in the tab title and the browser, silently. */
export const DEFAULT_NOTIFICATIONS: NotificationSettings = { desktop: true, sound: false, waiting: true, mine: true };
