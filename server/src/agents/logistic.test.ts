import { describe, expect, it } from 'vitest';
import { fitLogistic, fitLogisticNewton, fitSoftmaxRanking, foldOf, predict } from './logistic.js';

describe('logistic models', () => {
  it('fits a separable one-feature problem and predicts probabilities on the right side', () => {
    const x = [[0], [0.1], [0.2], [0.8], [0.9], [1]];
    const model = fitLogistic(x, [0, 0, 0, 1, 1, 1], { steps: 2000, rate: 1 });
    expect(predict(model, [0.05])).toBeLessThan(0.3);
    expect(predict(model, [0.95])).toBeGreaterThan(0.7);
  });

  it('learns a ranking that puts the right candidate of each group first', () => {
    // Feature 0 marks the right candidate; feature 1 is noise that favours a wrong one.
    const groups = [
      {
        x: [
          [1, 0],
          [0, 1],
          [0, 0.5],
        ],
        y: [1, 0, 0],
      },
      {
        x: [
          [0, 1],
          [1, 0.2],
        ],
        y: [0, 1],
      },
    ];
    const model = fitSoftmaxRanking(groups, { steps: 500 });
    expect(model.weights[0]).toBeGreaterThan(model.weights[1]);
    for (const g of groups) {
      const scores = g.x.map((row) => predict(model, row));
      expect(scores.indexOf(Math.max(...scores))).toBe(g.y.indexOf(1));
    }
  });

  it('assigns a group key to one stable fold', () => {
    expect(foldOf('C12', 5)).toBe(foldOf('C12', 5));
    expect(new Set(Array.from({ length: 50 }, (_, i) => foldOf(`q${i}`, 5))).size).toBe(5);
  });

  it('fits by Newton towards a starting model: near the data with a weak prior, at the start with a strong one', () => {
    // y = 1 exactly when x > 0.5, with two exceptions so the fit stays finite.
    const x = Array.from({ length: 40 }, (_, i) => [i / 40]);
    const y = x.map(([v], i) => (v > 0.5 !== (i === 5 || i === 30) ? 1 : 0));
    const weak = fitLogisticNewton(x, y, { start: [0, 0], prior: 0.01 });
    expect(predict(weak, [0.1])).toBeLessThan(0.3);
    expect(predict(weak, [0.9])).toBeGreaterThan(0.7);
    const strong = fitLogisticNewton(x, y, { start: [2, -1], prior: 1e6 });
    expect(strong.weights[0]).toBeCloseTo(2, 2);
    expect(strong.bias).toBeCloseTo(-1, 2);
  });
});
