// Type tests: checked by `npm run typecheck` (tsc -p widget/tsconfig.tests.json); the runtime part only keeps vitest
// happy. They fail when an event map's payload drifts from the schema the server validates it with, or when a
// schema's shape changes without the wire contract (docs/protocol.md) being changed on purpose.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AttributeValue, setAttributesSchema } from './attributes.js';
import type { AckData, ClientToServerEvents, PayloadOf, ServerToClientEvents, SessionInfo } from './events.js';
import type { labelChangeSchema, searchQuerySchema } from './labels.js';
import type { Message } from './messages.js';
import type { ConversationSummary, RoutingCorrection, StaffClientToServerEvents } from './staff.js';
import type {
  claimSchema,
  conversationRefSchema,
  relabelSchema,
  releaseSchema,
  staffSendSchema,
  staffSettingsSchema,
  staffTypingSchema,
  transferSchema,
} from './staff-payloads.js';
import {
  CHAT_EVENTS,
  type contactSchema,
  type csatSchema,
  type feedbackSchema,
  type historySchema,
  type identifySchema,
  type sendSchema,
  type typingSchema,
} from './validate.js';

type Chat<E extends keyof ClientToServerEvents> = PayloadOf<ClientToServerEvents[E]>;
type Staff<E extends keyof StaffClientToServerEvents> = PayloadOf<StaffClientToServerEvents[E]>;

describe('the /chat event map', () => {
  it('takes each payload from the schema the server validates it with', () => {
    expectTypeOf<Chat<'message:send'>>().toEqualTypeOf<z.input<ReturnType<typeof sendSchema>>>();
    expectTypeOf<Chat<'history'>>().toEqualTypeOf<z.input<typeof historySchema>>();
    expectTypeOf<Chat<'typing'>>().toEqualTypeOf<z.input<typeof typingSchema>>();
    expectTypeOf<Chat<'feedback'>>().toEqualTypeOf<z.input<typeof feedbackSchema>>();
    expectTypeOf<Chat<'identify'>>().toEqualTypeOf<z.input<typeof identifySchema>>();
    expectTypeOf<Chat<'csat'>>().toEqualTypeOf<z.input<typeof csatSchema>>();
    expectTypeOf<Chat<'contact'>>().toEqualTypeOf<z.input<typeof contactSchema>>();
    expectTypeOf<Chat<'attributes'>>().toEqualTypeOf<z.input<ReturnType<typeof setAttributesSchema>>>();
    expect(CHAT_EVENTS).toContain('message:send');
  });

  it('keeps the wire shapes of docs/protocol.md', () => {
    expectTypeOf<Chat<'message:send'>>().toEqualTypeOf<{ clientId: string; text: string }>();
    expectTypeOf<Chat<'history'>>().toEqualTypeOf<{ afterSeq: number; limit?: number | undefined }>();
    expectTypeOf<Chat<'identify'>>().toEqualTypeOf<{
      token?: string | undefined;
      id?: string | undefined;
      name?: string | undefined;
      email?: string | undefined;
    }>();
    expectTypeOf<Chat<'csat'>>().toEqualTypeOf<{ rating: number; comment?: string | undefined }>();
    expectTypeOf<Chat<'attributes'>>().toEqualTypeOf<{ attributes: Record<string, AttributeValue | null> }>();
    expectTypeOf<AttributeValue>().toEqualTypeOf<string | number | boolean>();
    // What a handler receives after validation is what a client sends (no transform changes a type).
    expectTypeOf<z.output<ReturnType<typeof sendSchema>>>().toEqualTypeOf<Chat<'message:send'>>();
    expectTypeOf<z.output<typeof identifySchema>>().toEqualTypeOf<Chat<'identify'>>();
  });

  it('lists every client event in CHAT_EVENTS (the server answers others with unknown_event)', () => {
    expectTypeOf<(typeof CHAT_EVENTS)[number]>().toEqualTypeOf<keyof ClientToServerEvents>();
  });

  it('types the acks and the server events', () => {
    expectTypeOf<AckData<ClientToServerEvents['message:send']>>().toEqualTypeOf<
      Omit<{ ok: true } & { message: Message; duplicate?: boolean }, 'ok'>
    >();
    expectTypeOf<AckData<ClientToServerEvents['identify']>>().toHaveProperty('session').toEqualTypeOf<SessionInfo>();
    expectTypeOf<AckData<ClientToServerEvents['typing']>>().toBeNever();
    expectTypeOf<Parameters<ServerToClientEvents['message']>[0]>().toEqualTypeOf<Message>();
  });
});

describe('the /agents event map', () => {
  it('takes each payload from the schema the server validates it with', () => {
    expectTypeOf<Staff<'conversation:open'>>().toEqualTypeOf<z.input<typeof conversationRefSchema>>();
    expectTypeOf<Staff<'conversation:claim'>>().toEqualTypeOf<z.input<typeof claimSchema>>();
    expectTypeOf<Staff<'conversation:release'>>().toEqualTypeOf<z.input<typeof releaseSchema>>();
    expectTypeOf<Staff<'conversation:transfer'>>().toEqualTypeOf<z.input<typeof transferSchema>>();
    expectTypeOf<Staff<'message:send'>>().toEqualTypeOf<z.input<ReturnType<typeof staffSendSchema>>>();
    expectTypeOf<Staff<'routing:relabel'>>().toEqualTypeOf<z.input<typeof relabelSchema>>();
    expectTypeOf<Staff<'typing'>>().toEqualTypeOf<z.input<typeof staffTypingSchema>>();
    expectTypeOf<Staff<'conversation:label'>>().toEqualTypeOf<z.input<typeof labelChangeSchema>>();
    expectTypeOf<Staff<'staff:settings'>>().toEqualTypeOf<z.input<typeof staffSettingsSchema>>();
    expectTypeOf<Staff<'conversations:search'>>().toEqualTypeOf<z.input<typeof searchQuerySchema>>();
  });

  it('sends staff messages with the customers’ message fields plus the conversation', () => {
    expectTypeOf<Staff<'message:send'>>().toEqualTypeOf<{
      conversationId: string;
      internal?: boolean | undefined;
      clientId: string;
      text: string;
    }>();
    expectTypeOf<Staff<'conversation:release'>['to']>().toEqualTypeOf<'ai' | 'closed'>();
  });

  it('types the acks the console reads', () => {
    expectTypeOf<AckData<StaffClientToServerEvents['conversation:claim']>>()
      .toHaveProperty('conversation')
      .toEqualTypeOf<ConversationSummary>();
    expectTypeOf<AckData<StaffClientToServerEvents['routing:relabel']>>()
      .toHaveProperty('correction')
      .toEqualTypeOf<RoutingCorrection>();
  });
});
