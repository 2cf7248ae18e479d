/**
 * Fit the pipeline's answer calibration (`agents/answer-calibration.json`) on what the server actually replied: the
 * turns files of `switchboard eval conversations --turns` (each sourced answer's traits and whether it was right).
 * Run: `npx tsx server/src/cli/fit-answer-calibration.ts --turns telecom=/tmp/t.jsonl --turns fitness=/tmp/f.jsonl
 * [--features model,follow_up,…] [--folds 5] [--prior 4] [--out server/src/agents/answer-calibration.json] [--version 1]`.
 * It cross-validates (k folds by conversation, and leave one set out) the identity (the answer model's confidence as
 * it is), Platt scaling of it and a fit on the chosen features, with a bootstrap spread of the ECE, and writes the one
 * with the lowest out-of-fold log-loss: fewer parameters unless more of them help on answers they were not fitted on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CALIBRATION_FEATURES, type CalibrationFeature } from '../agents/answer-calibration.js';
import {
  bootstrapEce,
  calibrationExamples,
  fitCalibration,
  outOfFold,
  predictCalibrated,
  scoreBySet,
  scoreCalibration,
} from './calibration-cv.js';

const { values } = parseArgs({
  options: {
    turns: { type: 'string', multiple: true },
    features: { type: 'string', default: 'model,margin,follow_up,context_retry,two_part,bridged' },
    folds: { type: 'string', default: '5' },
    prior: { type: 'string', default: '4' },
    out: { type: 'string' },
    version: { type: 'string', default: '1' },
  },
});
const folds = Number(values.folds);
const prior = Number(values.prior);
const chosen = values.features!.split(',').map((f) => f.trim()) as CalibrationFeature[];
for (const f of chosen)
  if (!(f in CALIBRATION_FEATURES)) throw new Error(`unknown feature ${f}: ${Object.keys(CALIBRATION_FEATURES)}`);

const examples = (values.turns ?? []).flatMap((spec) => {
  const [set, file] = spec.includes('=') ? spec.split('=') : [spec, spec];
  return calibrationExamples(set, readFileSync(file, 'utf8'));
});
if (!examples.length) throw new Error('no sourced answers with traits: give --turns files of eval conversations');

const report = (preds: Array<{ p: number; y: number; set: string }>) => ({
  scores: scoreBySet(preds),
  ece_90: bootstrapEce(preds),
});
// The identity (the answer model's confidence as it is) competes too: a fit must beat it out of fold to be shipped.
const identity = { features: ['model'] as CalibrationFeature[], weights: [1], bias: 0 };
const unfitted = examples.map((e) => ({ p: predictCalibrated(identity, e.traits), y: e.y, set: e.set }));
const variants = [
  { name: 'identity', kfold: report(unfitted), sets: report(unfitted), fit: () => identity },
  ...[['model'], chosen].map((features) => ({
    name: features.join('+'),
    kfold: report(outOfFold(examples, features as CalibrationFeature[], folds, prior)),
    sets: report(outOfFold(examples, features as CalibrationFeature[], 'sets', prior)),
    fit: () => fitCalibration(examples, features as CalibrationFeature[], prior),
  })),
];
// Log-loss is a proper score; the ECE of ~100 answers per set moves by several points by chance alone.
const loss = (v: (typeof variants)[number]) => (v.kfold.scores.all.log_loss + v.sets.scores.all.log_loss) / 2;
const best = variants.reduce((a, b) => (loss(b) < loss(a) ? b : a));
const model = best.fit();
const fitted = {
  answers: examples.length,
  right: examples.filter((e) => e.y).length,
  sets: (values.turns ?? []).map((s) => s.split('=')[0]),
  folds,
  prior,
  chosen: best.name,
  cv: Object.fromEntries(
    variants.map((v) => [
      v.name,
      {
        kfold: v.kfold.scores,
        kfold_ece_90: v.kfold.ece_90,
        leave_one_set_out: v.sets.scores,
      },
    ]),
  ),
  in_sample: scoreCalibration(examples.map((e) => ({ p: predictCalibrated(model, e.traits), y: e.y }))),
  date: new Date().toISOString().slice(0, 10),
};
process.stdout.write(`${JSON.stringify(fitted)}\n`);
if (values.out)
  writeFileSync(values.out, `${JSON.stringify({ version: values.version, ...model, fitted }, null, 2)}\n`);
