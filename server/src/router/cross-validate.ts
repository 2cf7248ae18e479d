import type { Embedder } from '../knowledge/types.js';
import { stratifiedFolds } from './classifier.js';
import type { RouterConfig } from './config.js';
import { evaluateRouting, type LabelledRow, type RoutingReport } from './evaluate.js';
import { Router } from './router.js';

/** The owner's own examples (site topics and loose agent examples) as labelled rows, or every example when none. */
export function ownExamples(config: RouterConfig): { rows: Array<LabelledRow & { topic: string }>; own: boolean } {
  const site = config.agents.flatMap((a) => [
    ...a.examples.map((text) => ({ text, agent: a.name, topic: a.name })),
    ...a.topics
      .filter((t) => t.source === 'site')
      .flatMap((t) => t.examples.map((text) => ({ text, agent: a.name, topic: t.name }))),
  ]);
  if (site.length) return { rows: site, own: true };
  return {
    rows: config.agents.flatMap((a) =>
      a.topics.flatMap((t) => t.examples.map((text) => ({ text, agent: a.name, topic: t.name }))),
    ),
    own: false,
  };
}

/** `config` without the given example texts (held out of training). */
function without(config: RouterConfig, held: Set<string>): RouterConfig {
  const keep = (xs: string[]) => xs.filter((x) => !held.has(x));
  return {
    ...config,
    agents: config.agents.map((a) => ({
      ...a,
      examples: keep(a.examples),
      topics: a.topics.map((t) => ({ ...t, examples: keep(t.examples) })).filter((t) => t.examples.length),
    })),
  };
}

/**
 * k-fold cross-validation of the whole router (rules, topic model, calibration, thresholds) on the configured
 * examples: each fold's examples are routed by a router trained without them, so an owner can check their own
 * examples without a separate test set.
 */
export async function crossValidateRouting(
  config: RouterConfig,
  embedder: Embedder,
  folds: number,
  onFold?: (fold: number) => void,
): Promise<RoutingReport & { own_examples: boolean }> {
  const { rows, own } = ownExamples(config);
  const topicIds = [...new Set(rows.map((r) => `${r.agent}/${r.topic}`))];
  const fold = stratifiedFolds(
    Int32Array.from(rows, (r) => topicIds.indexOf(`${r.agent}/${r.topic}`)),
    folds,
  );
  const routers: Router[] = [];
  for (let f = 0; f < folds; f++) {
    const held = new Set(rows.filter((_, i) => fold[i] === f).map((r) => r.text));
    routers.push(
      await Router.create({ ...without(config, held), routing: { ...config.routing, method: 'auto' } }, embedder, {
        inline: true,
      }),
    );
    onFold?.(f + 1);
  }
  const report = await evaluateRouting(routers[0], rows, (i) => routers[fold[i]]);
  return { ...report, own_examples: own };
}
