import type { Message, RoutingDecision } from 'switchboard-chat/protocol';
import { requestRule, type RuleEscalation } from '../router/escalation.js';
import { detectLanguage } from '../router/language.js';
import { isElliptic, type ContextOptions } from './context.js';
import { focusOf, previousTurn, rewriteFollowUp, withCited, type Previous } from './follow-up.js';
import { clarify, nothingToSearch, whileWaiting } from './dialog-clarify.js';
import type { DialogDeps } from './dialog-deps.js';
import { dialogRepliesFor } from './dialog-replies.js';
import { isRejection, retry } from './dialog-retry.js';
import { englishWords, expandQuery, meaningfulWords, withLanguage } from './multilingual.js';
import { repliesFor } from './replies.js';
import type { AgentLayer, AgentReply, AgentRequest, AgentStream } from './types.js';

/** Escalations that a clarifying question may come before: the AI found nothing, or the message looked off-topic. */
const CLARIFIABLE = new Set(['no-answer', 'low-confidence', 'out-of-scope', 'unsupported-language']);

export type { DialogDeps } from './dialog-deps.js';

/**
 * The conversation around the answer: follow-ups carry their context, non-English questions search an English help
 * centre through the glossary, "no" after an answer gets the next best passage once, an unanswerable message gets a
 * clarifying question with article buttons before a person is called, and a waiting customer still gets sure answers.
 */
export function withDialog(base: AgentLayer, deps: DialogDeps): AgentLayer {
  const { config } = deps;
  const o = config.dialog;
  return {
    async reply(request: AgentRequest, stream?: AgentStream): Promise<AgentReply> {
      const said = request.message.text;
      const language = detectLanguage(said) ?? lastLanguage(request.history);
      const lastAi = [...request.history].reverse().find((m) => m.role === 'ai');
      const waiting = request.state === 'waiting_human';
      // Nothing to search ("", "?!?!" × 800): ask what they need instead of searching nothing.
      if (!/[\p{L}\p{N}]/u.test(said)) return nothingToSearch(request, language, waiting, config);
      if (!waiting && lastAi?.sources?.length && isRejection(said, config))
        return retry(request, lastAi, language, deps);
      const previous = waiting ? undefined : await followUpOf(said, request.history, language, deps);
      const context = previous && !previous.complete ? rewriteFollowUp(said, previous, language) : undefined;
      const ask = async (asked: string | undefined, before: Previous | undefined, out?: AgentStream) => {
        const searched = await searchText(asked ?? said, language, deps);
        const { original } = searched;
        // The glossary keeps each English word once; a follow-up's own words are added again so they outweigh the context.
        const query =
          asked && searched.query !== asked
            ? `${searched.query} ${englishWords(said, language, deps.config.glossary).join(' ')}`.trim()
            : searched.query;
        // A translated or contextual query must not hide the customer's own request for a person or a policy match.
        const rule = query !== said ? requestRule(said, config) : undefined;
        if (rule && !waiting)
          return {
            reply: handoffReply(rule, language, request.locale),
            query,
            native: new Set<string>(),
            handoff: true,
          };
        const native = new Set<string>();
        const reply = await withCited(before?.docs ?? [], () =>
          withLanguage({ language, native, original }, () =>
            base.reply(
              {
                ...request,
                ...(query !== said ? { query } : {}),
                ...(language ? { language } : {}),
                ...(before ? { followUp: true, previousQuestion: before.questions.join(' ') } : {}),
                // The units are picked by the follow-up's own words (English help centres: English words only).
                ...(before && asked && (!language || language === 'en') ? { focus: focusOf(said, before) } : {}),
              },
              out,
            ),
          ),
        );
        return { reply, query, native, handoff: false };
      };
      let { reply, query, native, handoff } = await ask(context, previous, stream);
      if (handoff !== false) return reply;
      // "will I be charged for what the thief used" after the stolen-phone answer does not look like a follow-up (or
      // was read on its own words in the article just cited), but alone it finds nothing sure: it is asked again after
      // the previous question, and the surer answer is kept.
      const alone = !previous || previous.complete;
      const earlier =
        waiting || !alone || reply.generated
          ? undefined
          : (previous ?? previousTurn(said, request.history, followUpContext(o)));
      if (earlier && !earlier.suggested && doubtful(reply, o.contextRetryBelow)) {
        const again = await ask(`${earlier.questions.join(' ')} ${said} ${said}`, earlier, stream);
        if (again.handoff === false && !again.reply.escalate && (again.reply.confidence ?? 0) > (reply.confidence ?? 0))
          ({ reply, query, native } = withTrait(again, 'contextRetry'));
      }
      if (waiting) return whileWaiting(reply, language, request.locale, o.waitingMinConfidence);
      const texts = dialogRepliesFor(language, request.locale);
      const unsure =
        !reply.escalate &&
        reply.sources.length > 0 &&
        reply.confidence !== undefined &&
        reply.confidence < o.clarifyBelow;
      const missed = reply.escalate && CLARIFIABLE.has(reply.escalationReason ?? '');
      // Only a second miss in a row hands over; the first gets a question and the closest articles as buttons.
      if ((unsure || missed) && o.suggestions > 0 && lastAi?.routing?.reason !== 'clarify')
        return clarify(request, reply, query, language, deps);
      // A generated answer is already in their language; a quoted English passage gets a note in it.
      if (
        reply.text &&
        !reply.generated &&
        reply.sources.length &&
        language &&
        language !== 'en' &&
        !reply.sources.some((s) => native.has(s.id))
      ) {
        return { ...withTrait({ reply }, 'bridged').reply, text: `_${texts.englishArticle}_\n\n${reply.text}` };
      }
      return reply;
    },
  };
}

/**
 * What to route and search for a message in another language. With articles in that language: the customer's words
 * plus the glossary's English (both kinds of article can match). Without: only the English words, numbers and names,
 * so an English help centre is searched in English; `original` keeps the customer's words for any native article.
 */
async function searchText(
  text: string,
  language: string | undefined,
  deps: DialogDeps,
): Promise<{ query: string; original?: string }> {
  const english = englishWords(text, language, deps.config.glossary);
  if (!english.length || !language) return { query: text };
  // Function words alone ("ich", "die") would find any German article.
  const words = meaningfulWords(text, language);
  const native =
    deps.knowledge && words
      ? await deps.knowledge.search(words, { tags: [`lang:${language}`], limit: 1, mode: 'bm25' })
      : [];
  if (native.length) return { query: `${text} ${english.join(' ')}` };
  return { query: expandQuery(text, language, deps.config.glossary), original: text };
}

/**
 * The previous turn when this message continues it: a short or pointing message ("and for students?", "how long does
 * that take?"), a click on a suggestion button, or a message whose own best passage lies in the article just cited
 * (no topic of its own: "what do I need to show to prove I'm a student" after the student price).
 */
async function followUpOf(
  said: string,
  history: Message[],
  language: string | undefined,
  deps: DialogDeps,
): Promise<Previous | undefined> {
  const o = deps.config.dialog;
  const context = followUpContext(o);
  const previous = previousTurn(said, history, context);
  if (!previous) return undefined;
  if (previous.suggested) {
    const hits = deps.knowledge ? await deps.knowledge.search(previous.suggested, { limit: 5, mode: 'bm25' }) : [];
    return {
      ...previous,
      docs: [...new Set(hits.filter((h) => h.chunk.title === previous.suggested).map((h) => h.chunk.docId))],
    };
  }
  if (isElliptic(said, context)) return previous;
  if (!previous.docs.length || !deps.knowledge || said.split(/\s+/).length > o.followUpMaxWordsSameArticle)
    return undefined;
  const own = await deps.knowledge.search(expandQuery(said, language, deps.config.glossary), { limit: 1 });
  return own.length && previous.docs.includes(own[0].chunk.docId) ? { ...previous, complete: true } : undefined;
}

/** A handoff decided on the customer's own words (explicit request or escalation policy). */
function handoffReply(rule: RuleEscalation, language: string | undefined, locale: string | undefined): AgentReply {
  const routing: RoutingDecision = {
    agent: 'human',
    confidence: rule.confidence,
    alternatives: [],
    reason: rule.reason,
    ...(rule.matched ? { matched: rule.matched } : {}),
    ...(rule.policy ? { policy: rule.policy } : {}),
    ...(language ? { language } : {}),
  };
  return {
    routing,
    agent: 'human',
    confidence: rule.confidence,
    sources: [],
    escalate: true,
    escalationReason: rule.policy ?? rule.reason,
    text: repliesFor(language, locale).handoff,
  };
}

/** The language of the latest customer message that had one (a "ok" or "17" says nothing). */
function lastLanguage(history: Message[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--)
    if (history[i].role === 'customer' && history[i].routing?.language) return history[i].routing!.language;
  return undefined;
}

/** An answer that may be a misread: nothing found, a clarifiable miss, or a confidence below `below` (0: never). */
function doubtful(reply: AgentReply, below: number): boolean {
  if (below <= 0) return false;
  if (reply.escalate) return CLARIFIABLE.has(reply.escalationReason ?? '');
  return reply.sources.length > 0 && reply.confidence !== undefined && reply.confidence < below;
}

/** The reply with one of its answer traits set (for the answer calibration), when it has traits. */
function withTrait<T extends { reply: AgentReply }>(x: T, trait: 'contextRetry' | 'bridged'): T {
  return x.reply.traits ? { ...x, reply: { ...x.reply, traits: { ...x.reply.traits, [trait]: true } } } : x;
}

/** How the dialog settings recognise a follow-up. */
const followUpContext = (o: DialogDeps['config']['dialog']): ContextOptions => ({
  maxWords: o.followUpMaxWords,
  maxWordsWithCue: o.followUpMaxWordsWithCue,
});
