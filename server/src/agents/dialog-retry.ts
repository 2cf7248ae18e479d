import type { Message, RoutingDecision } from 'switchboard-chat/protocol';
import type { RouterConfig } from '../router/config.js';
import { findPhrases } from '../router/keywords.js';
import { relevantHits, trimPassage } from './answerer.js';
import { isElliptic } from './context.js';
import type { DialogDeps } from './dialog-deps.js';
import { dialogRepliesFor } from './dialog-replies.js';
import { previousTurn, rewriteFollowUp } from './follow-up.js';
import { expandQuery, withLanguage } from './multilingual.js';
import { repliesFor } from './replies.js';
import type { AgentReply, AgentRequest } from './types.js';

/** "No", "wrong", "that didn't help" as the whole reply to an answer. */
export function isRejection(text: string, config: RouterConfig): boolean {
  const bare = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (config.dialog.rejections.includes(bare)) return true;
  return bare.split(' ').length <= 8 && findPhrases(text, config.human.failure).length > 0;
}

/** After a rejected answer: the next best passage for the same question, once; a second rejection goes to a person. */
export async function retry(
  request: AgentRequest,
  lastAi: Message,
  language: string | undefined,
  deps: DialogDeps,
): Promise<AgentReply> {
  const texts = repliesFor(language, request.locale);
  const routing = (reason: RoutingDecision['reason'], agent: string): RoutingDecision => ({
    agent,
    confidence: 1,
    alternatives: [],
    reason,
    ...(language ? { language } : {}),
  });
  const handoff = (): AgentReply => ({
    routing: routing('failed-answer', 'human'),
    agent: 'human',
    confidence: 1,
    sources: [],
    escalate: true,
    escalationReason: 'failed-answer',
    text: texts.handoff,
  });
  const question =
    request.history.find((m) => m.id === lastAi.meta?.replyTo) ??
    [...request.history].reverse().find((m) => m.role === 'customer' && m.seq < lastAi.seq);
  if (lastAi.routing?.reason === 'failed-answer' || !question || !deps.knowledge) return handoff();
  // A rejected follow-up is retried as the question it stood for ("and for students?" → the student price).
  const earlier = previousTurn(
    question.text,
    request.history.filter((m) => m.seq < question.seq),
    { maxWords: deps.config.dialog.followUpMaxWords, maxWordsWithCue: deps.config.dialog.followUpMaxWordsWithCue },
  );
  const asked =
    earlier &&
    isElliptic(question.text, {
      maxWords: deps.config.dialog.followUpMaxWords,
      maxWordsWithCue: deps.config.dialog.followUpMaxWordsWithCue,
    })
      ? rewriteFollowUp(question.text, earlier, language)
      : question.text;
  const query = expandQuery(asked, language, deps.config.glossary);
  // The passage shown first is the one rejected; a second source may well be the better answer.
  const cited = new Set((lastAi.sources ?? []).slice(0, 1).map((s) => s.title));
  const hits = await withLanguage({ language, native: new Set() }, () => deps.knowledge!.search(query, { limit: 8 }));
  const next = relevantHits(query, hits, deps.relevance).find(
    (h) =>
      !cited.has(h.chunk.heading ? `${h.chunk.title} › ${h.chunk.heading}` : h.chunk.title) &&
      !lastAi.text.includes(h.chunk.text.slice(0, 60)),
  );
  if (!next) return handoff();
  const agent = lastAi.agent ?? 'general';
  const source = {
    id: next.chunk.docId,
    title: next.chunk.heading ? `${next.chunk.title} › ${next.chunk.heading}` : next.chunk.title,
    ...(next.chunk.url ? { url: next.chunk.url } : {}),
  };
  const text = `${dialogRepliesFor(language, request.locale).retry}\n\n${trimPassage(next.chunk.text, deps.relevance.maxSentences)}\n\n${texts.followUp}`;
  // No answer confidence: the runner-up passage was never scored as an answer to this question.
  return { routing: routing('failed-answer', agent), agent, sources: [source], escalate: false, text };
}
