// The payloads staff send on `/agents`, validated by the server with the same helpers as the customers' on `/chat`.
import { z } from 'zod';
import { notificationSettingsSchema } from './notifications.js';
import { DEFAULT_LIMITS, sendSchema, type ProtocolLimits } from './validate.js';

const conversationId = z.string().min(1).max(100);

/** A request about one conversation (`conversation:open`). */
export const conversationRefSchema = z.object({ conversationId });

/** `conversation:claim`: take a conversation; `force` (admins) beyond the assignee's capacity. */
export const claimSchema = z.object({ conversationId, force: z.boolean().optional() });

/** `conversation:release`: hand a conversation back to the AI or close it. */
export const releaseSchema = z.object({ conversationId, to: z.enum(['ai', 'closed']) });

/** `conversation:transfer`: hand a conversation to a colleague by staff id. */
export const transferSchema = z.object({
  conversationId,
  to: z.string().min(1).max(100),
  force: z.boolean().optional(),
});

/** `routing:relabel`: file a customer message under another agent. */
export const relabelSchema = z.object({ messageId: z.string().min(1).max(100), agent: z.string().min(1).max(40) });

/** Staff `typing` in a conversation they watch. */
export const staffTypingSchema = z.object({ conversationId, typing: z.boolean() });

/** Staff `message:send`: the customers' payload (same client id and text rules) in a conversation, maybe a note. */
export const staffSendSchema = (limits: ProtocolLimits = DEFAULT_LIMITS) =>
  z.object({ conversationId, internal: z.boolean().optional() }).merge(sendSchema(limits));

/** `staff:settings`: this person's notification settings. */
export const staffSettingsSchema = z.object({ notifications: notificationSettingsSchema }).strict();
