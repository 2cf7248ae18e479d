// Types of use-lite-sync.mjs (plain JavaScript, loaded by the embedding worker), for its tests.
/** What readGraphShape found: the constants the sync path needs, or why the graph is not the expected one. */
export type GraphShape = { clip: number; padding: number; reason?: undefined } | { reason: string };
/** The clip length and padding threshold of a loaded USE-lite graph, or the reason to stay on executeAsync. */
export function readGraphShape(graphModel: unknown): GraphShape;
/** The synchronous embed: texts in, `texts.length × 512` raw values out. */
export function createSyncEmbed(
  model: unknown,
  tf: unknown,
  shape: { clip: number; padding: number },
): (texts: string[]) => Float32Array;
/** The batches checked against executeAsync before the sync path is trusted. */
export const PROBE_BATCHES: string[][];
/** The sync embed if its probes match executeAsync bit for bit, else the reason not to use it. */
export function trySyncEmbed(
  model: unknown,
  tf: unknown,
): Promise<{ embed: (texts: string[]) => Float32Array; reason?: undefined } | { embed?: undefined; reason: string }>;
