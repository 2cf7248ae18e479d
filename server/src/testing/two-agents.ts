import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Write a small agents file (shipping, returns; no shipped agents; no clarifying questions) into `dir` and return its
 * path: with the hash embedder its routing is predictable enough for tests of live agent edits.
 */
export function writeTwoAgentsFile(dir: string): string {
  const path = join(dir, 'agents.yaml');
  writeFileSync(
    path,
    `replaceDefaults: true
agents:
  - name: shipping
    description: Parcels and couriers
    topics:
      - name: tracking
        examples: [where is my parcel, my tracking number does not work, the courier lost my box, when will my order arrive]
  - name: returns
    description: Refunds and returns
    topics:
      - name: refunds
        examples: [how do I return an item, I want my money back, can I get a refund, the refund has not arrived]
routing:
  method: auto
dialog:
  suggestions: 0
`,
  );
  return path;
}

/** Where a customer message sent through `POST /api/chat` was routed, as stored with the message. */
export async function routeOf(
  url: string,
  message: string,
): Promise<{ agent: string; reason: string; confidence: number }> {
  const sent = (await (
    await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    })
  ).json()) as { conversationId: string; visitor: string; message: { id: string } };
  const history = (await (
    await fetch(`${url}/api/conversations/${sent.conversationId}/messages`, {
      headers: { authorization: `Bearer ${sent.visitor}` },
    })
  ).json()) as { messages: Array<{ id: string; routing?: { agent: string; reason: string; confidence: number } }> };
  return history.messages.find((m) => m.id === sent.message.id)!.routing!;
}
