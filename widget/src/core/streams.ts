import type { MessageDelta } from '../protocol/events.js';

/** Streamed answers in progress, by stream id: the text so far. */
export type Streams = Record<string, string>;

/** The streams with one more chunk of text appended to its answer. */
export const withDelta = (streams: Streams, d: MessageDelta): Streams => ({
  ...streams,
  [d.streamId]: (streams[d.streamId] ?? '') + d.delta,
});

/** The streams without `streamId` (its final message arrived, or it ended without one); the same object if absent. */
export function withoutStream(streams: Streams, streamId: string): Streams {
  if (!(streamId in streams)) return streams;
  const { [streamId]: _ended, ...rest } = streams;
  return rest;
}
