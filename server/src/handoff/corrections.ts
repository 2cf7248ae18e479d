import type { LabelledExample } from '../storage/corrections.js';

// The store lives under storage/ with the rest of the SQL; its callers take it from here.
export { CorrectionStore, type LabelledExample } from '../storage/corrections.js';

/** Serialise examples as JSON Lines. */
export async function* toJsonl(examples: AsyncIterable<LabelledExample>): AsyncGenerator<string> {
  for await (const e of examples) yield `${JSON.stringify({ text: e.text, agent: e.agent })}\n`;
}
