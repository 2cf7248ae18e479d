import { readFileSync } from 'node:fs';
import { createEmbedder } from '../server/src/knowledge/embedders/index.js';
import { loadRouterConfig } from '../server/src/router/config.js';
import { evaluateRouting } from '../server/src/router/evaluate.js';
import { embedExamples } from '../server/src/router/example-cache.js';
import { Router } from '../server/src/router/router.js';
const [cfg, ...files] = process.argv.slice(2);
const embedder = await createEmbedder('use-lite');
const config = loadRouterConfig(cfg === '-' ? undefined : cfg);
const t = performance.now();
const router = await Router.create(config, embedder, { cacheFile: '/tmp/routing-scratch/ex.json', inline: true });
console.log('train ms', Math.round(performance.now() - t), JSON.stringify(router.modelInfo()));
const m = (router as any).topicModel;
if (m)
  console.log(
    m.trained.topic.cv.candidates.sort((a: any, b: any) => b.accuracy - a.accuracy).slice(0, 8),
    m.trained.offTopic.cv,
  );
for (const f of files) {
  const rows = readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const vs = await embedExamples(
    rows.map((r: any) => r.text),
    embedder,
    `/tmp/routing-scratch/${f.split('/').pop()}.vec.json`,
  );
  const map = new Map(rows.map((r: any, i: number) => [r.text, vs[i]]));
  const orig = router.route.bind(router);
  (router as any).route = (inp: any) => orig({ ...inp, vector: map.get(inp.text) });
  const rep = await evaluateRouting(router, rows);
  const { per_agent, confusion, ...rest } = rep;
  console.log(
    f.split('/').pop(),
    JSON.stringify(rest),
    JSON.stringify(Object.fromEntries(Object.entries(per_agent).map(([k, v]) => [k, [v.precision, v.recall]]))),
  );
  (router as any).route = orig;
}
await embedder.close();
