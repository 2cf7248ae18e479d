import type { Message } from 'switchboard-chat/protocol';
import type { DialogDeps } from './dialog-deps.js';
import type { Previous } from './follow-up.js';
import { repliesFor } from './replies.js';
import { ANSWER_MODEL, scoreCandidates, selectAnswer } from './select.js';
import type { AgentReply } from './types.js';

/** How many of the cited article's passages are searched for a follow-up's unit. */
const CITED_PASSAGES = 6;

/**
 * A follow-up that found nothing sure of its own ("how many new ones can i get" after the eSIM answer) is answered from
 * the article the previous reply cited, by the unit that best fits its own words, instead of asking the customer to
 * start again: the conversation already named the topic. The answer model still gives its confidence, so a weak unit
 * is shown as unsure, not as a confident answer. Undefined when the article has no unit for it.
 */
export async function citedAnswer(
  query: string,
  focus: string,
  previous: Previous,
  lastAi: Message | undefined,
  language: string | undefined,
  locale: string | undefined,
  deps: DialogDeps,
): Promise<AgentReply | undefined> {
  const { knowledge } = deps;
  if (!knowledge || !previous.docs.length || !lastAi?.agent || lastAi.agent === 'human') return undefined;
  const docs = new Set(previous.docs);
  const wide = await knowledge.search(query, { limit: 40, collapse: false });
  const hits = wide.filter((h) => docs.has(h.chunk.docId)).slice(0, CITED_PASSAGES);
  if (!hits.length) return undefined;
  // Each unit is compared with the follow-up's own meaning ("moving to canada" ~ "if you move abroad"), not only its words.
  const vector = knowledge.embedPassages ? await knowledge.embedQuery(focus) : undefined;
  const chosen = selectAnswer(
    await scoreCandidates(knowledge, focus, vector, hits, ANSWER_MODEL, { unitVectors: !!vector }),
  );
  if (!chosen) return undefined;
  const { chunk } = chosen.best.hit;
  const agent = lastAi.agent;
  return {
    routing: {
      agent,
      confidence: lastAi.routing?.confidence ?? 0,
      alternatives: [],
      reason: 'fallback',
      matched: ['follow-up: the article just cited'],
      ...(language ? { language } : {}),
    },
    agent,
    confidence: chosen.confidence,
    sources: [
      {
        id: chunk.docId,
        title: chunk.heading ? `${chunk.title} › ${chunk.heading}` : chunk.title,
        ...(chunk.url ? { url: chunk.url } : {}),
      },
    ],
    escalate: false,
    text: `${chosen.text}\n\n${repliesFor(language, locale).followUp}`,
  };
}
