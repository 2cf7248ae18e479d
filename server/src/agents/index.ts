import { join } from 'node:path';
import type { RoutingDecision } from 'switchboard-chat/protocol';
import type { Embedder, KnowledgeSearch } from '../knowledge/types.js';
import type { RouterConfig } from '../router/config.js';
import { Router } from '../router/router.js';
import type { Logger } from '../util/logger.js';
import { DEFAULT_RELEVANCE, extractiveAnswer, type RelevanceOptions } from './answerer.js';
import { buildMessages, streamCompletion, type LlmOptions } from './llm.js';
import { repliesFor } from './replies.js';
import type { AgentLayer, AgentReply } from './types.js';

export interface AgentLayerOptions {
  config: RouterConfig;
  embedder: Embedder;
  knowledge?: KnowledgeSearch;
  logger?: Logger;
  relevance?: RelevanceOptions;
  /** Generate answers from the retrieved passages with an OpenAI-compatible endpoint (extractive when absent or failing). */
  llm?: LlmOptions;
  /** A folder where the router keeps its example embeddings between starts (none: embed them at every start). */
  cacheDir?: string;
  /** Observe timings (metrics). */
  timing?: { routing?(seconds: number): void; retrieval?(seconds: number): void };
}

const CLOSING = /thank|thx|cheers|gracias|merci|danke|شكرا|helped|helps|worked|works|got it|all good|that'?s (all|it)|perfect|great|awesome|nice|sounds good|will do|understood|makes sense|bye|de nada|vale|perfecto|parfait|d'accord|super|alles klar|prima/i;

/** The agent layer: route every message, answer extractively from the chosen agent's collections, escalate when needed. */
export async function createAgentLayer(options: AgentLayerOptions): Promise<AgentLayer & { router: Router }> {
  const { knowledge, embedder } = options;
  // Routing and retrieval share one (cached) embedding of each message.
  const embed = knowledge ? (t: string) => knowledge.embedQuery(t) : async (t: string) => (await embedder.embed([t]))[0];
  const cacheFile = options.cacheDir ? join(options.cacheDir, `router-examples-${embedder.id.replace(/[^\w.-]+/g, '_')}.json`) : undefined;
  const router = await Router.create(options.config, embedder, { embed, cacheFile });
  const relevance = options.relevance ?? DEFAULT_RELEVANCE;

  return {
    router,
    async reply(request, stream): Promise<AgentReply> {
      const t0 = performance.now();
      const decision = await router.route({ text: request.message.text, history: request.history });
      const { vector, ...routing } = decision;
      options.timing?.routing?.((performance.now() - t0) / 1000);
      const replies = repliesFor(routing.language, request.locale);
      if (routing.agent === 'human') {
        const text = routing.reason === 'out-of-scope' ? replies.outOfScope : replies.handoff;
        return { routing, agent: 'human', confidence: routing.confidence, sources: [], escalate: true, escalationReason: routing.reason, text };
      }
      if (routing.reason === 'smalltalk') {
        // Thanks and "that helped / got it / bye" close a topic; greetings and "can you help me" open one.
        const thanks = CLOSING.test(request.message.text);
        return { routing, agent: routing.agent, confidence: routing.confidence, sources: [], escalate: false, text: thanks ? replies.thanks : replies.greeting };
      }
      const agent = options.config.agents.find((a) => a.name === routing.agent)!;
      const t1 = performance.now();
      const answer = await extractiveAnswer(knowledge, agent, request.message.text, vector, relevance);
      options.timing?.retrieval?.((performance.now() - t1) / 1000);
      if (answer.gap) {
        const escalated: RoutingDecision = { ...routing, reason: routing.reason };
        return { routing: escalated, agent: agent.name, confidence: routing.confidence, sources: [], escalate: true, escalationReason: 'no-answer', gap: true, text: replies.notFound };
      }
      let text = `${answer.text}\n\n${replies.followUp}`;
      if (options.llm) {
        try {
          text = await streamCompletion(options.llm, buildMessages(request.message.text, answer.passages, agent.style), (d) => stream?.delta(d));
        } catch (err) {
          options.logger?.warn({ err: (err as Error).message }, 'LLM failed; answering extractively');
        }
      }
      return { routing, agent: agent.name, confidence: routing.confidence, sources: answer.sources, escalate: false, text };
    },
  };
}
