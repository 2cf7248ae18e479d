// Type tests: checked by `npm run typecheck` (tsc -p widget/tsconfig.tests.json); the runtime part is trivial on purpose.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Chat, ChatEvents, Message, SwitchboardChatElement, UserInfo } from './index.js';
import type { AttributesPayload, IdentifyPayload, RoutedEvent } from './protocol/events.js';

describe('public types', () => {
  it('ChatEvents is a closed map: a misspelled event does not compile', () => {
    const check = (chat: Chat) => {
      chat.on('routed', ({ agent, confidence }) => [agent, confidence]);
      // @ts-expect-error 'routd' is not an event
      chat.on('routd', () => undefined);
    };
    expectTypeOf<keyof ChatEvents>().toEqualTypeOf<
      'ready' | 'open' | 'close' | 'message' | 'routed' | 'escalated' | 'unread' | 'connection' | 'error' | 'change'
    >();
    expectTypeOf<Parameters<Chat['on']>[0]>().not.toEqualTypeOf<string>();
    expect(typeof check).toBe('function');
  });

  it('<switchboard-chat> is in HTMLElementTagNameMap', () => {
    expectTypeOf<HTMLElementTagNameMap['switchboard-chat']>().toEqualTypeOf<SwitchboardChatElement>();
    const find = (doc: Document) => doc.querySelector('switchboard-chat')?.events;
    expect(typeof find).toBe('function');
  });

  it('takes what the protocol sends: identify and setAttributes travel as their schemas’ payloads', () => {
    // identify(user) is sent as the `identify` event, so the SDK's UserInfo is exactly that payload.
    expectTypeOf<Parameters<Chat['identify']>[0]>().toEqualTypeOf<UserInfo>();
    expectTypeOf<UserInfo>().toEqualTypeOf<IdentifyPayload>();
    expectTypeOf<Parameters<Chat['setAttributes']>[0]>().toEqualTypeOf<AttributesPayload['attributes']>();
    expectTypeOf<ChatEvents['message']>().toEqualTypeOf<Message>();
    expectTypeOf<RoutedEvent>().toMatchTypeOf<Omit<ChatEvents['routed'], 'messageId'>>();
    expect(true).toBe(true);
  });
});
