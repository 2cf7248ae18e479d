import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25.js';

const doc = (title: string, text: string, heading = '') => ({ title, heading, text });

describe('Bm25Index (BM25F)', () => {
  it('stems, ignores stop words, weights the title, and removes documents', () => {
    const idx = new Bm25Index();
    idx.set('a', doc('Refund policy', 'Refunds are paid within 30 days.'));
    idx.set('b', doc('Invoices', 'Each invoice lists the refunded amount once.'));
    idx.set('c', doc('Password', 'Reset the password from the sign-in page.'));
    expect(idx.search('refunding', 10).map((h) => h.id)).toEqual(['a', 'b']);
    expect(idx.search('the and of', 10)).toEqual([]);
    expect(idx.search('password reset', 10, (id) => id !== 'c')).toEqual([]);
    idx.set('a', doc('Shipping', 'Keys ship in three days.'));
    expect(idx.search('refund', 10).map((h) => h.id)).toEqual(['b']);
    idx.delete('b');
    expect(idx.search('refund', 10)).toEqual([]);
    expect(idx.size).toBe(2);
  });

  it('saturates term frequency so repeating a word does not win outright', () => {
    const idx = new Bm25Index();
    idx.set('spam', doc('Billing', 'invoice invoice invoice invoice invoice invoice invoice invoice'));
    idx.set('good', doc('Download an invoice PDF', 'Open billing history and download the invoice PDF.'));
    expect(idx.search('download invoice pdf', 10)[0].id).toBe('good');
  });
});

describe('Bm25Index under churn', () => {
  it('keeps document frequencies exact and results correct across many replacements', () => {
    const idx = new Bm25Index();
    const fresh = new Bm25Index();
    for (let round = 0; round < 30; round++)
      for (let i = 0; i < 20; i++) idx.set(`d${i}`, doc(`title ${i}`, `common word${(i + round) % 7} round${round}`));
    for (let i = 0; i < 20; i++) fresh.set(`d${i}`, doc(`title ${i}`, `common word${(i + 29) % 7} round29`));
    idx.delete('d0');
    fresh.delete('d0');
    for (const q of ['common', 'word3', 'round29 word1', 'round5'])
      expect(idx.search(q, 50)).toEqual(fresh.search(q, 50));
    expect(idx.search('round5', 10)).toEqual([]);
  });
});

describe('Bm25Index with misspelt queries', () => {
  it('matches an unknown word to its nearest indexed word only when fuzzy matching is on', () => {
    const fuzzy = new Bm25Index({ boost: { title: 2, heading: 1, text: 1 }, k1: 1.2, b: 0.75, fuzzy: 0.8 });
    const exact = new Bm25Index();
    for (const idx of [fuzzy, exact]) {
      idx.set('lost', doc('Lost or stolen phone', 'Call us to block the SIM.'));
      idx.set('bill', doc('Your bill', 'The bill arrives monthly.'));
    }
    expect(fuzzy.search('my phnoe got stollen', 10).map((h) => h.id)).toEqual(['lost']);
    expect(exact.search('my phnoe got stollen', 10)).toEqual([]);
    // A known word is never replaced by a neighbour.
    expect(fuzzy.search('bill', 10).map((h) => h.id)).toEqual(['bill']);
  });
});
