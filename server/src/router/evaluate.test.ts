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

  it('scores "goes to a person" against person labels, with misses per reason and false alarms per cause', async () => {
    const router = await Router.create(loadRouterConfig(), createHashEmbedder());
    const report = await evaluateRouting(router, [
      // To a person: an explicit request (routed to human) and a team policy (kept with billing, needs a person).
      { text: 'I want to talk to a human', agent: 'human', person: true, reason: 'explicit' },
      { text: 'I was double charged and want a refund', agent: 'billing', person: true, reason: 'account-specific' },
      // A question the help centre answers, labelled as needing nobody.
      { text: 'how long does a refund take', agent: 'billing', person: false },
      // Needs a person but reads like an ordinary question: a miss, counted under its reason.
      { text: 'how do I reset my password', agent: 'technical', person: true, reason: 'vulnerable' },
    ]);
    expect(report.person).toMatchObject({ n: 4, precision: 1, recall: 0.6667, missed_by_reason: { vulnerable: 1 } });
    expect(report.person!.false_alarms_by_cause).toEqual({});
    // Without any person label there is no such section.
    const plain = await evaluateRouting(router, [{ text: 'I want to talk to a human', agent: 'human' }]);
    expect(plain.person).toBeUndefined();
  });
});
