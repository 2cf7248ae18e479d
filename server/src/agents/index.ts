import { join } from 'node:path';
import type { RoutingDecision } from 'switchboard-chat/protocol';
import type { Embedder, KnowledgeSearch } from '../knowledge/types.js';
import type { RouterConfig } from '../router/config.js';
import { Router } from '../router/router.js';
import type { Logger } from '../util/logger.js';
import { DEFAULT_RELEVANCE, extractiveAnswer, type RelevanceOptions } from './answerer.js';
import { buildMessages, streamCompletion, type LlmOptions } from './llm.js';
import { repliesFor } from './replies.js';
import { searchBeforeHandoff } from '../router/verdict.js';
import { answerDespiteRoute } from './scope.js';
import { withDialog } from './dialog.js';
import { withAnswerCalibration } from './answer-calibration.js';
import { preferLanguage } from './multilingual.js';
import { preferCited } from './follow-up.js';
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
  /** A folder of trained router models shared with other servers and runs (the `cacheDir` setting). */
  sharedCacheDir?: string;
  /** Observe timings (metrics). */
  timing?: { routing?(seconds: number): void; retrieval?(seconds: number): void };
}

// Small talk gets one of three prompts: thanks, a greeting (or "can you help me?"), or a plain "anything else?".
const GRATITUDE = /thank|thx|cheers|appreciate|helped|gracias|de nada|merci|danke|شكرا/i;
const OPENING =
  /\b(hi|hiya|hello|hey|good (morning|afternoon|evening)|help|question|anyone|there)\b|hola|buen|bonjour|bonsoir|salut|hallo|guten|مرحبا|أهلا|السلام/i;

/** The agent layer: route every message, answer extractively from the chosen agent's collections, escalate when needed. */
export async function createAgentLayer(options: AgentLayerOptions): Promise<AgentLayer & { router: Router }> {
  const { embedder } = options;
  // Articles in the customer's language first; other languages' translations never answer.
  // A follow-up prefers the passages of the article just cited (see follow-up.ts).
  const knowledge = options.knowledge && preferCited(preferLanguage(options.knowledge));
  // Routing and retrieval share one (cached) embedding of each message.
  const embed = knowledge
    ? (t: string) => knowledge.embedQuery(t)
    : async (t: string) => (await embedder.embed([t]))[0];
  const cacheFile = options.cacheDir
    ? join(options.cacheDir, `router-examples-${embedder.id.replace(/[^\w.-]+/g, '_')}.json`)
    : undefined;
  const router = await Router.create(options.config, embedder, {
    embed,
    cacheFile,
    sharedCacheDir: options.sharedCacheDir,
    warn: (message, file, error) => options.logger?.warn({ file, error }, message),
  });
  const relevance: RelevanceOptions = options.relevance ?? {
    ...DEFAULT_RELEVANCE,
    ...options.config.answering,
    answerThreshold: options.config.answering?.answerThreshold ?? DEFAULT_RELEVANCE.answerThreshold,
  };

  const layer: AgentLayer = {
    async reply(request, stream): Promise<AgentReply> {
      const t0 = performance.now();
      // A follow-up or a translated query (dialog layer) is routed and searched in place of the bare message.
      const query = request.query ?? request.message.text;
      // The agents of the routing decision's configuration (an admin's edit may swap the router's during the reply).
      const { agents } = router.config;
      const decision = await router.route({ text: query, history: request.history, said: request.message.text });
      const { vector, ...decided } = decision;
      let routing: RoutingDecision = request.language ? { ...decided, language: request.language } : decided;
      options.timing?.routing?.((performance.now() - t0) / 1000);
      const replies = repliesFor(routing.language, request.locale);
      const rescued = searchBeforeHandoff(routing)
        ? await answerDespiteRoute(
            routing,
            agents,
            knowledge,
            query,
            vector,
            relevance,
            request.followUp,
            request.focus,
          )
        : undefined;
      if (rescued) routing = rescued.routing;
      if (routing.agent === 'human') {
        const text = routing.reason === 'out-of-scope' ? replies.outOfScope : replies.handoff;
        return {
          routing,
          agent: 'human',
          confidence: routing.confidence,
          sources: [],
          escalate: true,
          escalationReason: routing.policy ?? routing.reason,
          text,
        };
      }
      // A team policy (one order, invoice, charge): a person of the routed agent's team answers, the route stands.
      if (routing.needsPerson)
        return {
          routing,
          agent: routing.agent,
          confidence: routing.confidence,
          sources: [],
          escalate: true,
          escalationReason: routing.policy ?? 'needs-person',
          text: replies.handoff,
        };
      if (routing.reason === 'smalltalk') {
        const said = request.message.text;
        const text = GRATITUDE.test(said)
          ? replies.thanks
          : OPENING.test(said)
            ? replies.greeting
            : replies.anythingElse;
        return { routing, agent: routing.agent, sources: [], escalate: false, text };
      }
      let agent = [...agents, ...router.config.agents].find((a) => a.name === routing.agent)!;
      const t1 = performance.now();
      let answer =
        rescued?.answer ?? (await extractiveAnswer(knowledge, agent, query, vector, relevance, request.focus));
      // A misrouted question whose answer sits in another agent's collections: that agent answers, and the decision says so.
      if (answer.gap && relevance.fallback && agent.collections.length) {
        for (const alt of routing.alternatives) {
          const other = agents.find((a) => a.name === alt.agent && a.name !== agent.name);
          if (!other) continue;
          const found = await extractiveAnswer(knowledge, other, query, vector, relevance, request.focus);
          if (found.gap) continue;
          routing = { ...routing, agent: other.name, confidence: alt.score, reason: 'fallback' };
          [agent, answer] = [other, found];
          break;
        }
      }
      options.timing?.retrieval?.((performance.now() - t1) / 1000);
      if (answer.gap) {
        // "Couldn't find" is not an answer: no answer confidence (the router's stays in `routing`).
        return {
          routing,
          agent: agent.name,
          sources: [],
          escalate: true,
          escalationReason: 'no-answer',
          gap: true,
          text: replies.notFound,
        };
      }
      let text = `${answer.text}\n\n${replies.followUp}`;
      let generated = false;
      if (options.llm) {
        try {
          text = await streamCompletion(
            options.llm,
            buildMessages(
              request.message.text,
              answer.passages,
              agent.style,
              routing.language,
              request.previousQuestion,
            ),
            (d) => stream?.delta(d),
          );
          generated = true;
        } catch (err) {
          options.logger?.warn({ err: (err as Error).message }, 'LLM failed; answering extractively');
        }
      }
      // The dialog layer adds what it knows (context retry, bridged language); the answer calibration reads them all.
      const traits = answer.traits && {
        ...answer.traits,
        fallback: routing.reason === 'fallback',
        followUp: !!request.followUp,
        contextRetry: false,
        bridged: false,
      };
      return {
        routing,
        agent: agent.name,
        confidence: answer.confidence,
        sources: answer.sources,
        escalate: false,
        text,
        ...(generated ? { generated } : {}),
        ...(traits ? { traits } : {}),
      };
    },
  };
  // The shown confidence is calibrated on what the dialog finally replies (follow-ups, retries, bridged languages).
  return { router, ...withAnswerCalibration(withDialog(layer, { config: options.config, knowledge, relevance })) };
}
