import { describe, expect, it } from 'vitest';
import { chunkDocument } from './ingest/chunk.js';
import { answerUnits, sectionText, sentences } from './units.js';

describe('answer units', () => {
  it('never splits decimals, e-mail addresses, web addresses or a step number from its step', () => {
    expect(
      sentences('Vans up to 7.5-tonne are fine. Mail help@pulse.ie or go to pulse.ie/cancel. It costs €49.99 a month.'),
    ).toEqual([
      'Vans up to 7.5-tonne are fine.',
      'Mail help@pulse.ie or go to pulse.ie/cancel.',
      'It costs €49.99 a month.',
    ]);
  });

  it('keeps a list whole with its lead-in sentence, and a numbered procedure whole', () => {
    const units = answerUnits(
      'Cancel any time. You can cancel in any of these ways:\n1. In the app: Account > Cancel.\n2. Online at pulse.ie/cancel.\nWe email a confirmation.',
    );
    expect(units.map((u) => u.kind)).toEqual(['sentence', 'list', 'sentence']);
    expect(units[1].text).toBe(
      'You can cancel in any of these ways:\n1. In the app: Account > Cancel.\n2. Online at pulse.ie/cancel.',
    );
  });

  it('reads each table row with its header, after the small table as a whole', () => {
    const units = answerUnits('Fees:\n| What happened | Fee |\n|---|---|\n| Cancelled late | €5 |\n| No-show | €5 |');
    expect(units.map((u) => u.text)).toEqual([
      'Fees:',
      '- What happened: Cancelled late; Fee: €5\n- What happened: No-show; Fee: €5',
      'What happened: Cancelled late; Fee: €5',
      'What happened: No-show; Fee: €5',
    ]);
    expect(units.map((u) => u.kind)).toEqual(['sentence', 'table', 'row', 'row']);
  });

  it('gives a long table only its rows, and a one-row table no table unit', () => {
    const row = (i: number) => `| Plan ${i} | €${i} |`;
    const long = answerUnits(
      ['| Plan | Price |', '|---|---|', ...Array.from({ length: 7 }, (_, i) => row(i))].join('\n'),
    );
    expect(long.map((u) => u.kind)).toEqual(Array(7).fill('row'));
    expect(answerUnits(['| Plan | Price |', '|---|---|', row(1)].join('\n')).map((u) => u.kind)).toEqual(['row']);
  });

  it('rebuilds a section from overlapping chunks', () => {
    const text = Array.from({ length: 150 }, (_, i) => `w${i}${i % 20 === 19 ? '.\n' : ''}`).join(' ');
    const chunks = chunkDocument({
      id: 'd',
      title: 'T',
      collection: 'c',
      tags: [],
      source: 's',
      sections: [{ heading: 'H', text }],
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(sectionText(chunks, chunks[1]).replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
  });
});
