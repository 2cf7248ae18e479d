/**
 * Fit the pipeline's answer calibration (`agents/answer-calibration.json`) on what the server actually replied: the
 * turns files of `switchboard eval conversations --turns` (each sourced answer's traits and whether it was right).
 * Run: `npx tsx server/src/cli/fit-answer-calibration.ts --turns telecom=/tmp/t.jsonl --turns fitness=/tmp/f.jsonl
 * [--features model,follow_up,…] [--folds 5] [--l2 0.01] [--out server/src/agents/answer-calibration.json] [--version 1]`.
 * It prints the cross-validated errors (k folds by conversation, and leave one set out) of the uncalibrated answer
 * model, of Platt scaling alone and of the chosen features, with a bootstrap spread of the ECE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CALIBRATION_FEATURES, type CalibrationFeature } from '../agents/answer-calibration.js';
import type { AnswerTraits } from '../agents/types.js';
import {
  bootstrapEce,
  fitCalibration,
  outOfFold,
  predictCalibrated,
  scoreBySet,
  scoreCalibration,
  type CalibrationExample,
} from './calibration-cv.js';

const { values } = parseArgs({
  options: {
    turns: { type: 'string', multiple: true },
    features: { type: 'string', default: 'model,follow_up,context_retry,two_part,bridged' },
    folds: { type: 'string', default: '5' },
    l2: { type: 'string', default: '0.01' },
    out: { type: 'string' },
    version: { type: 'string', default: '1' },
  },
});
const folds = Number(values.folds);
const l2 = Number(values.l2);
const chosen = values.features!.split(',').map((f) => f.trim()) as CalibrationFeature[];
for (const f of chosen)
  if (!(f in CALIBRATION_FEATURES)) throw new Error(`unknown feature ${f}: ${Object.keys(CALIBRATION_FEATURES)}`);

const examples: CalibrationExample[] = [];
for (const spec of values.turns ?? []) {
  const [set, file] = spec.includes('=') ? spec.split('=') : [spec, spec];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const t = JSON.parse(line) as {
      id?: string;
      conversation?: string | null;
      text: string;
      pass: boolean;
      outcome: { sourced: boolean; handedOff: boolean; confidence?: number; traits?: AnswerTraits };
    };
    // Exactly the answers whose calibration the eval reports: sourced, not handed over, with a confidence.
    if (!t.outcome.sourced || t.outcome.handedOff || t.outcome.confidence === undefined || !t.outcome.traits) continue;
    examples.push({ set, group: `${set}#${t.conversation ?? t.id ?? t.text}`, traits: t.outcome.traits, y: t.pass ? 1 : 0 });
  }
}
if (!examples.length) throw new Error('no sourced answers with traits: give --turns files of eval conversations');

const uncalibrated = examples.map((e) => ({ p: e.traits.model, y: e.y, set: e.set }));
const report = (preds: Array<{ p: number; y: number; set: string }>) => ({
  scores: scoreBySet(preds),
  ece_90: bootstrapEce(preds),
});
const crossValidated = (features: readonly CalibrationFeature[]) => ({
  kfold: report(outOfFold(examples, features, folds, l2)),
  sets: report(outOfFold(examples, features, 'sets', l2)),
});
const cv = {
  uncalibrated: { kfold: report(uncalibrated), sets: report(uncalibrated) },
  platt: crossValidated(['model']),
  chosen: crossValidated(chosen),
};
const model = fitCalibration(examples, chosen, l2);
const inSample = scoreCalibration(examples.map((e) => ({ p: predictCalibrated(model, e.traits), y: e.y })));
const fitted = {
  answers: examples.length,
  right: examples.filter((e) => e.y).length,
  sets: values.turns,
  folds,
  l2,
  cv_kfold: cv.chosen.kfold.scores.all,
  cv_kfold_ece_90: cv.chosen.kfold.ece_90,
  cv_leave_one_set_out: cv.chosen.sets.scores,
  in_sample: inSample,
  date: new Date().toISOString().slice(0, 10),
};
process.stdout.write(`${JSON.stringify({ cv, weights: model.weights, bias: model.bias }, null, 1)}\n`);
if (values.out)
  writeFileSync(values.out, `${JSON.stringify({ version: values.version, ...model, fitted }, null, 2)}\n`);
