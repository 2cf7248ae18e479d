import type { Message, RoutingDecision } from 'switchboard-chat/protocol';
import type { Embedder } from '../knowledge/types.js';
import type { RouterConfig } from './config.js';
import { escalationRule, teamPolicy } from './escalation.js';
import { buildFixedModel, scoreFixed, type FixedModel } from './fixed-model.js';
import { wholeMessagePhrase } from './keywords.js';
import { detectLanguage } from './language.js';
import { RoutingModel, type ModelInfo } from './model.js';
import type { LabelledExample, RouteInput, RouteResult, RouterOptions, Scored } from './route-types.js';
import type { SemanticModel } from './semantic.js';
import type { Topic } from './topics.js';
import { trainTopicModel } from './warm-start.js';

export type { LabelledExample, RouteInput, RouteResult, RouterOptions } from './route-types.js';

const FOLLOW_UP = /^(and|also|what about|how about|y |et |und |ok(ay)?[, ]|so |but )/i;

/** Routes one customer message to an agent (or `human`) with a calibrated confidence and a reason. */
export class Router {
  private constructor(
    private live: RouterConfig,
    private readonly embed: (text: string) => Promise<Float32Array>,
    private fixed: FixedModel | undefined,
    private readonly multilingual: boolean,
    private topicModel: RoutingModel | undefined,
    private readonly embedder: Embedder,
    private readonly options: RouterOptions,
  ) {}

  /** The configuration in force (swapped with the model by `retrain`, so thresholds and topics always match it). */
  get config(): RouterConfig {
    return this.live;
  }

  /** The fixed method's similarity model (knn, centroid, logistic); undefined with `auto`. */
  get model(): SemanticModel | undefined {
    return this.fixed?.model;
  }

  /**
   * Embed every example once (reusing `cacheFile` from an earlier start when given) and train the model: with
   * `routing.method: auto` (the default) a topic-level classifier chosen by cross-validation, in a worker thread.
   */
  static async create(config: RouterConfig, embedder: Embedder, options: RouterOptions = {}): Promise<Router> {
    const embed = options.embed ?? (async (t: string) => (await embedder.embed([t]))[0]);
    const multilingual = /multilingual|paraphrase-multilingual|labse|e5/i.test(embedder.id);
    if (config.routing.method === 'auto') {
      const model = await trainTopicModel(config, embedder, options, options.extra ?? []);
      return new Router(config, embed, undefined, multilingual, model, embedder, options);
    }
    const fixed = await buildFixedModel(config, embedder, options, options.extra ?? []);
    return new Router(config, embed, fixed, multilingual, undefined, embedder, options);
  }

  /**
   * Retrain with these labelled examples added to the configured ones (the full set each time, so every node that
   * gets the same list trains the same model), under any method: `auto` retrains its topic model in a worker, the
   * fixed methods add the examples to their agents' (and `human` ones to the off-topic) examples. The old model keeps
   * routing until the new one is ready. With `config` (an admin's live edit of the agents), the new configuration takes
   * over together with the model trained on it.
   */
  async retrain(extra: LabelledExample[], config: RouterConfig = this.live): Promise<ModelInfo> {
    if (this.topicModel) {
      const model = await trainTopicModel(config, this.embedder, this.options, extra);
      [this.topicModel, this.live] = [model, config];
      return model.info();
    }
    const fixed = await buildFixedModel(config, this.embedder, this.options, extra);
    [this.fixed, this.live] = [fixed, config];
    return fixed.info;
  }

  /** The summary of the model in use (the learned one with `auto`, the fixed method's otherwise), for the log and analytics. */
  modelInfo(): ModelInfo {
    return this.topicModel?.info() ?? this.fixed!.info;
  }

  /** The topics the router knows (method auto). */
  get topics(): Topic[] {
    return this.topicModel?.topics ?? [];
  }

  /** Who answers greetings and thanks: `general` when configured, else the first agent. */
  get smalltalkAgent(): string {
    return (this.config.agents.find((a) => a.name === 'general') ?? this.config.agents[0]).name;
  }

  /** Embed a text (with the caller's cache when one was given). */
  vectorOf(text: string): Promise<Float32Array> {
    return this.embed(text);
  }

  /** Decide the route for a message. */
  async route(input: RouteInput): Promise<RouteResult> {
    const { text } = input;
    const vector = input.vector ?? (await this.embed(text));
    const language = detectLanguage(text);
    let topic: string | undefined;
    let team: ReturnType<typeof teamPolicy>;
    // A team policy never changes the route: it only says that a person of the routed agent's team must answer.
    const decide = (d: RoutingDecision): RouteResult => ({
      ...d,
      vector,
      language,
      topic,
      matched: d.matched?.length ? d.matched : undefined,
      ...(team ? { needsPerson: true, policy: team.policy, matched: [team.matched, ...(d.matched ?? [])] } : {}),
    });
    const human = (
      reason: RoutingDecision['reason'],
      confidence: number,
      alternatives: RoutingDecision['alternatives'] = [],
      matched?: string[],
      policy?: string,
    ) => strip(decide({ agent: 'human', confidence: round(confidence), alternatives, reason, matched, policy }));

    const rule = await escalationRule(text, vector, input.history, this.config, this.embed);
    if (rule) return human(rule.reason, rule.confidence, [], rule.matched, rule.policy);
    team = teamPolicy(input.said && input.said !== text ? [text, input.said] : [text], this.config);
    // "Hi", "thanks", "can you help me?": the general agent prompts for the question instead of a handoff.
    const smalltalk = wholeMessagePhrase(text, this.config.smalltalk);
    if (smalltalk)
      return strip(
        decide({
          agent: this.smalltalkAgent,
          confidence: 1,
          alternatives: [],
          reason: 'smalltalk',
          matched: [smalltalk],
        }),
      );

    // The English-only default embedder says nothing useful about other languages: keywords decide alone.
    const englishOnly = !this.multilingual && language !== undefined && language !== 'en';
    let outOfScope: boolean;
    let ranked: Scored[];
    let offTopic: number | undefined;
    ({ ranked, outOfScope, topic, offTopic } = this.topicModel
      ? this.scoreTopics(text, vector, englishOnly)
      : this.score(text, vector, englishOnly));
    const best = ranked[0];
    const alternatives = ranked.map((r) => ({ agent: r.agent, score: round(r.p) }));
    const hasKeyword = best.keyword > 0;
    if (englishOnly && !hasKeyword) return human('unsupported-language', 0, alternatives);
    // Keyword evidence at or above the veto (default: any keyword) keeps a message in scope: "how much does X cost"
    // is close to trivia questions in embedding space but is a billing question when X is ours.
    if (outOfScope && best.keyword < this.config.escalation.outOfScopeKeywordVeto)
      return human('out-of-scope', offTopic ?? 1 - best.p / 2, alternatives);

    // A short follow-up without its own keywords ("and how long?") continues the previous topic.
    const previous = previousRoute(input.history);
    if (previous && !hasKeyword && isFollowUp(text)) {
      const confidence = Math.max(previous.agent === best.agent ? best.p : 0, previous.confidence * 0.8);
      return strip(
        decide({
          agent: previous.agent,
          confidence: round(confidence),
          alternatives,
          reason: 'context',
          matched: best.matched,
        }),
      );
    }
    const threshold = this.config.agents.find((a) => a.name === best.agent)!.threshold;
    if (best.p < threshold) return human('low-confidence', best.p, alternatives);
    const reason: RoutingDecision['reason'] = !hasKeyword ? 'semantic' : englishOnly ? 'keyword' : 'hybrid';
    return strip(decide({ agent: best.agent, confidence: round(best.p), alternatives, reason, matched: best.matched }));
  }

  /** The topic model's calibrated agent probabilities; off-topic by its own calibrated probability and threshold. */
  private scoreTopics(
    text: string,
    vector: Float32Array,
    englishOnly: boolean,
  ): { ranked: Scored[]; outOfScope: boolean; topic?: string; offTopic?: number } {
    const s = this.topicModel!.score(text, vector, englishOnly);
    return {
      ranked: s.ranked,
      outOfScope: !englishOnly && s.offTopic >= this.config.escalation.offTopicThreshold,
      topic: englishOnly ? undefined : s.topic,
      offTopic: s.offTopic,
    };
  }

  /** Combine semantic logits with keyword evidence into a softmax over the agents; flag out-of-scope messages. */
  private score(
    text: string,
    vector: Float32Array,
    englishOnly: boolean,
  ): { ranked: Scored[]; outOfScope: boolean; topic?: string; offTopic?: number } {
    return scoreFixed(this.fixed!, this.config, text, vector, englishOnly);
  }
}

function isFollowUp(text: string): boolean {
  const t = text.trim();
  return FOLLOW_UP.test(t) || t.split(/\s+/).length <= 5;
}

function previousRoute(history: Message[] = []): { agent: string; confidence: number } | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const r = history[i].routing;
    if (history[i].role === 'customer' && r && r.agent !== 'human') return { agent: r.agent, confidence: r.confidence };
  }
  return undefined;
}

/** Drop undefined optional fields so decisions serialise cleanly. */
function strip<T extends object>(d: T): T {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as T;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
