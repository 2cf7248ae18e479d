import { describe, expect, it } from 'vitest';
import type { RoutingDecision } from 'switchboard-chat/protocol';
import type { KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import { loadRouterConfig } from '../router/config.js';
import { DEFAULT_RELEVANCE } from './answerer.js';
import { searchBeforeHandoff } from '../router/verdict.js';
import { answerDespiteRoute } from './scope.js';

const hit = (text: string, similarity: number): SearchHit => ({
  chunk: {
    id: 'lockers#0',
    docId: 'lockers',
    title: 'Lockers',
    heading: '',
    text,
    collection: 'general',
    tags: [],
    hash: 'h',
  },
  score: 1,
  similarity,
  bm25: 3,
});
const knowledge = (h: SearchHit): KnowledgeSearch => ({
  version: 1,
  search: async () => [h],
  embedQuery: async () => new Float32Array(4),
});
const offTopic: RoutingDecision = {
  agent: 'human',
  confidence: 0.8,
  alternatives: [{ agent: 'general', score: 0.3 }],
  reason: 'out-of-scope',
};
const agents = loadRouterConfig().agents.map((a) => ({ ...a, collections: [] }));
// Two of the four content words and a moderate similarity: relevant, but not the strong match an off-topic verdict needs.
const question = 'what does a locker cost at the gym today';
const moderate = hit('A locker costs €2 a day.', 0.45);

describe('scope after search', () => {
  it('lets the help centre overrule only the verdicts it can', () => {
    expect(searchBeforeHandoff(offTopic)).toBe(true);
    expect(searchBeforeHandoff({ ...offTopic, reason: 'explicit-human' })).toBe(false);
  });

  it('keeps an off-topic verdict against a moderate match unless the answer confidence reaches scopeConfidence', async () => {
    const strictOnly = await answerDespiteRoute(offTopic, agents, knowledge(moderate), question, undefined, {
      ...DEFAULT_RELEVANCE,
      scopeConfidence: 2,
    });
    expect(strictOnly).toBeUndefined();
    const sure = await answerDespiteRoute(offTopic, agents, knowledge(moderate), question, undefined, {
      ...DEFAULT_RELEVANCE,
      scopeConfidence: 0,
    });
    expect(sure?.answer.text).toContain('€2');
    expect(sure?.routing).toMatchObject({ reason: 'fallback', agent: 'general' });
  });

  it('always yields to a strong match', async () => {
    const strong = await answerDespiteRoute(
      offTopic,
      agents,
      knowledge(hit('A locker costs €2 a day.', 0.7)),
      question,
      undefined,
      { ...DEFAULT_RELEVANCE, scopeConfidence: 2 },
    );
    expect(strong?.answer.gap).toBe(false);
  });
});
