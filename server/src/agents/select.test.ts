import { describe, expect, it } from 'vitest';
import type { Chunk, KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import { answerUnits } from '../knowledge/units.js';
import {
  answerType,
  ANSWER_MODEL,
  replyText,
  scoreCandidates,
  selectAnswer,
  UNIT_FEATURES,
  type Candidate,
} from './select.js';

const chunk = (id: string, heading: string, text: string): Chunk => ({
  id,
  docId: id.split('#')[0],
  title: 'Group classes',
  heading,
  text,
  collection: 'general',
  tags: [],
  hash: id,
});
const hit = (c: Chunk, score: number): SearchHit => ({ chunk: c, score, similarity: 0.5, bm25: 1 });
const kb = (chunks: Chunk[]): KnowledgeSearch => ({
  search: async () => [],
  embedQuery: async () => new Float32Array(1),
  document: (docId) => chunks.filter((c) => c.docId === docId),
  version: 1,
});

describe('answer selection', () => {
  it('ships a model whose features match the code', () => {
    expect(ANSWER_MODEL.features).toEqual([...UNIT_FEATURES]);
    expect(ANSWER_MODEL.unit.weights).toHaveLength(UNIT_FEATURES.length);
  });

  it('recognises the kind of fact a question asks for', () => {
    expect(answerType('whats the fee if i cancel a class late', 'Cancelled late; Fee: €5')).toEqual([1, 0]);
    expect(answerType('whats the fee if i cancel a class late', 'Cancel in the app under Classes.')).toEqual([0, 1]);
    expect(answerType('cancel my class', 'anything')).toEqual([0, 0]);
    // A price question wants the amount; "no extra cost" in passing answers only whether something is charged.
    expect(answerType('how much is the plus plan', 'Every plan includes 5G at no extra cost.')).toEqual([0, 1]);
    expect(answerType('how much is the plus plan', 'Plus: £14 a month')).toEqual([1, 0]);
    expect(answerType('is there a charge for 5G', 'Every plan includes 5G at no extra cost.')).toEqual([1, 0]);
  });

  it('answers with the unit that states the fee, not the introduction of the top chunk', async () => {
    const intro = chunk(
      'classes#0',
      '',
      'Group classes are included in every membership. Because spaces are limited, we have booking rules.',
    );
    const fees = chunk(
      'classes#1',
      'Late cancellations and no-shows',
      '| What happened | Fee |\n|---|---|\n| Cancelled less than 2 hours before the class | €5 |\n| Booked but did not attend | €5 |',
    );
    const candidates = await scoreCandidates(kb([intro, fees]), 'what is the fee if i cancel a class late', undefined, [
      hit(intro, 1),
      hit(fees, 0.9),
    ]);
    const chosen = selectAnswer(candidates)!;
    expect(chosen.text).toMatch(/Cancelled less than 2 hours before the class; Fee: €5/);
    expect(chosen.confidence).toBeGreaterThan(0);
    expect(chosen.confidence).toBeLessThan(1);
  });

  it('runs a lead-in with a colon on into the small table after it, and lets a table or a row stand alone', () => {
    const section = answerUnits(
      'Calls abroad are not in your allowance:\n| where | per minute |\n|---|---|\n| Zone A | 65p |\n| Zone B | £1.50 |\nCalls to 0800 numbers are free.',
    );
    const reply = (i: number) => replyText({ unit: section[i], section } as Candidate);
    expect(section.map((u) => u.kind)).toEqual(['sentence', 'table', 'row', 'row', 'sentence']);
    expect(reply(0)).toBe(
      'Calls abroad are not in your allowance:\n- where: Zone A; per minute: 65p\n- where: Zone B; per minute: £1.50',
    );
    expect(reply(1)).toBe(section[1].text);
    expect(reply(2)).toBe('where: Zone A; per minute: 65p');
    // A sentence without a colon does not run on into a table.
    const plain = answerUnits(
      'Prices are below.\n| where | per minute |\n|---|---|\n| Zone A | 65p |\n| Zone B | £1.50 |',
    );
    expect(replyText({ unit: plain[0], section: plain } as Candidate)).toBe('Prices are below.');
  });
});
