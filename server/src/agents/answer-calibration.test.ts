import { describe, expect, it } from 'vitest';
import {
  ANSWER_CALIBRATION,
  CALIBRATION_FEATURES,
  calibrateAnswer,
  withAnswerCalibration,
  type AnswerCalibration,
} from './answer-calibration.js';
import type { AgentReply, AnswerTraits } from './types.js';

const traits = (o: Partial<AnswerTraits> = {}): AnswerTraits => ({
  model: 0.7,
  margin: 0,
  share: 0.9,
  unit: 'sentence',
  parts: 1,
  fallback: false,
  followUp: false,
  contextRetry: false,
  bridged: false,
  ...o,
});

describe('answer calibration', () => {
  it('ships a file that loads, names known features and has one weight per feature', () => {
    expect(ANSWER_CALIBRATION.features.length).toBeGreaterThan(0);
    expect(ANSWER_CALIBRATION.weights).toHaveLength(ANSWER_CALIBRATION.features.length);
    for (const f of ANSWER_CALIBRATION.features) expect(Object.keys(CALIBRATION_FEATURES)).toContain(f);
    expect(ANSWER_CALIBRATION.features).toContain('model');
  });

  it('is monotone in the answer model confidence, whatever the other traits', () => {
    const kinds: Array<Partial<AnswerTraits>> = [
      {},
      { followUp: true },
      { contextRetry: true, followUp: true },
      { bridged: true },
      { parts: 2 },
      { unit: 'row', fallback: true },
      { unit: 'list', margin: 1, share: 0.2 },
    ];
    for (const kind of kinds) {
      let last = -1;
      for (let p = 0.01; p < 1; p += 0.01) {
        const c = calibrateAnswer(traits({ ...kind, model: p }));
        expect(c).toBeGreaterThanOrEqual(last);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        last = c;
      }
    }
  });

  it('maps the traits through σ(w·features + b)', () => {
    const calibration: AnswerCalibration = {
      version: 't',
      features: ['model', 'follow_up'],
      weights: [1, -1],
      bias: 0,
    };
    expect(calibrateAnswer(traits({ model: 0.5 }), calibration)).toBe(0.5);
    expect(calibrateAnswer(traits({ model: 0.5, followUp: true }), calibration)).toBe(0.269);
  });

  it('recalibrates only sourced answers that carry traits', async () => {
    const calibration: AnswerCalibration = { version: 't', features: ['model'], weights: [0], bias: 0 };
    const base = (reply: Partial<AgentReply>) =>
      withAnswerCalibration(
        {
          reply: async () => ({
            routing: { agent: 'general', confidence: 0.9, alternatives: [], reason: 'semantic' },
            agent: 'general',
            sources: [{ id: 'a', title: 'A' }],
            escalate: false,
            text: 'x',
            ...reply,
          }),
        },
        calibration,
      );
    const request = {} as Parameters<ReturnType<typeof base>['reply']>[0];
    expect((await base({ confidence: 0.9, traits: traits({ model: 0.9 }) }).reply(request)).confidence).toBe(0.5);
    expect((await base({ confidence: 0.9 }).reply(request)).confidence).toBe(0.9);
    expect((await base({ confidence: 0.9, sources: [], traits: traits() }).reply(request)).confidence).toBe(0.9);
  });
});
