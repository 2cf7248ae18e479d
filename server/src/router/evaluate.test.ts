import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { loadRouterConfig } from './config.js';
import { evaluateRouting } from './evaluate.js';
import { Router } from './router.js';

describe('evaluateRouting', () => {
  it('scores a message that needs a person on its routed agent and reports the hand-overs apart', async () => {
    const router = await Router.create(loadRouterConfig(), createHashEmbedder());
    const report = await evaluateRouting(router, [
      { text: 'I was double charged and want a refund', agent: 'billing' },
      { text: 'how long does a refund take, I was charged on my card', agent: 'billing' },
      { text: 'I want to talk to a human', agent: 'human' },
    ]);
    expect(report.accuracy).toBe(1);
    expect(report.human_recall).toBe(1);
    expect(report.handoff).toEqual({
      needs_person: 1,
      rate: 0.3333,
      by_policy: { 'account-specific': 1 },
      agent_accuracy: 1,
    });
  });
});
