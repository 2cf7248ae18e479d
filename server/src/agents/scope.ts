import type { RoutingDecision } from 'switchboard-chat/protocol';
import type { KnowledgeSearch } from '../knowledge/types.js';
import type { AgentConfig } from '../router/config.js';
import { extractiveAnswer, type Answer, type RelevanceOptions } from './answerer.js';

/**
 * Scope after search: look for the answer in every agent's collections (the router's order first). An out-of-scope
 * verdict yields only to a strong match (a strong similarity, or most of the question's words) or to an answer whose
 * answer confidence reaches `scopeConfidence`; an unsure or
 * language-only verdict yields to any relevant one. The agent whose collections hold the passage answers.
 */
export async function answerDespiteRoute(
  routing: RoutingDecision,
  agents: AgentConfig[],
  knowledge: KnowledgeSearch | undefined,
  text: string,
  vector: Float32Array | undefined,
  relevance: RelevanceOptions,
  followUp = false,
  focus?: string,
): Promise<{ agent: AgentConfig; answer: Answer; routing: RoutingDecision } | undefined> {
  if (!knowledge) return undefined;
  // A follow-up ("shes 17 tho") inherits the previous question's scope: any relevant passage will do.
  const strict: RelevanceOptions =
    routing.reason === 'out-of-scope' && !followUp
      ? { ...relevance, minSimilarity: relevance.strongSimilarity, minCoverage: Math.max(relevance.minCoverage, 0.8) }
      : relevance;
  const order = [...routing.alternatives.map((a) => a.agent), ...agents.map((a) => a.name)];
  const tried = new Set<string>();
  for (const name of order) {
    const agent = agents.find((a) => a.name === name);
    if (!agent || tried.has(name)) continue;
    tried.add(name);
    let answer = await extractiveAnswer(knowledge, agent, text, vector, strict, focus);
    // Short of a strong match, an answer the answer model is sure of keeps the message in scope too.
    if (answer.gap && strict !== relevance) {
      answer = await extractiveAnswer(knowledge, agent, text, vector, relevance, focus);
      if ((answer.confidence ?? 0) < relevance.scopeConfidence) continue;
    }
    if (answer.gap) continue;
    const score = routing.alternatives.find((a) => a.agent === name)?.score ?? 0;
    return {
      agent,
      answer,
      routing: {
        ...routing,
        agent: name,
        confidence: score,
        reason: 'fallback',
        matched: [`help centre overruled ${routing.reason}`],
      },
    };
  }
  return undefined;
}
