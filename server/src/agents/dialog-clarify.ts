import type { RoutingDecision } from 'switchboard-chat/protocol';
import type { RouterConfig } from '../router/config.js';
import type { DialogDeps } from './dialog-deps.js';
import { dialogRepliesFor } from './dialog-replies.js';
import { withLanguage } from './multilingual.js';
import type { AgentReply, AgentRequest } from './types.js';

/** A message without a single letter or digit: a clarifying question (silence while a person is on the way). */
export function nothingToSearch(
  request: AgentRequest,
  language: string | undefined,
  waiting: boolean,
  config: RouterConfig,
): AgentReply {
  const routing: RoutingDecision = {
    agent: 'human',
    confidence: 0,
    alternatives: [],
    reason: 'clarify',
    ...(language ? { language } : {}),
  };
  if (waiting) return { routing, agent: 'human', sources: [], escalate: false };
  return {
    routing,
    agent: generalAgent(config),
    sources: [],
    escalate: false,
    text: dialogRepliesFor(language, request.locale).clarifyOpen,
  };
}

/** A clarifying question with the closest article titles as quick replies, instead of a guess or a handoff. */
export async function clarify(
  request: AgentRequest,
  reply: AgentReply,
  query: string,
  language: string | undefined,
  deps: DialogDeps,
): Promise<AgentReply> {
  const texts = dialogRepliesFor(language, request.locale);
  const hits = deps.knowledge
    ? await withLanguage({ language, native: new Set() }, () => deps.knowledge!.search(query, { limit: 10 }))
    : [];
  const titles = [...new Set(hits.map((h) => h.chunk.title))].slice(0, deps.config.dialog.suggestions);
  const offTopic = reply.escalationReason === 'out-of-scope';
  const text = offTopic ? texts.clarifyScope : titles.length ? texts.clarify : texts.clarifyOpen;
  const agent = reply.agent === 'human' ? generalAgent(deps.config) : reply.agent;
  const routing: RoutingDecision = { ...reply.routing, reason: 'clarify' };
  // A gap stays a gap (analytics, no agent label on the wire) though the customer gets a question, not a handoff.
  return {
    routing,
    agent,
    sources: [],
    escalate: false,
    text,
    ...(reply.gap ? { gap: true } : {}),
    ...(offTopic || !titles.length ? {} : { suggestions: titles }),
  };
}

/** While a person is on the way: keep sure answers (saying a person will join), drop everything else. */
export function whileWaiting(
  reply: AgentReply,
  language: string | undefined,
  locale: string | undefined,
  min: number,
): AgentReply {
  const sure = !reply.escalate && reply.sources.length > 0 && (reply.confidence ?? 0) >= min && !!reply.text;
  if (!sure) return { ...reply, text: undefined, escalate: false };
  return { ...reply, text: `${reply.text}\n\n${dialogRepliesFor(language, locale).personWillJoin}` };
}

/** Who asks clarifying questions: `general` when configured, else the first agent. */
function generalAgent(config: RouterConfig): string {
  return (config.agents.find((a) => a.name === 'general') ?? config.agents[0]).name;
}
