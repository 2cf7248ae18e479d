import { describe, expect, it } from 'vitest';
import { wholeMessagePhrase } from './keywords.js';

const SMALLTALK = ['hi', 'ok', 'thanks', 'thank you', 'that helped', 'great', 'bye'];

describe('wholeMessagePhrase', () => {
  it('matches a message that is one phrase, give or take filler and punctuation', () => {
    expect(wholeMessagePhrase('Hi there!', SMALLTALK)).toBe('hi');
    expect(wholeMessagePhrase('thank you so much', SMALLTALK)).toBe('thank you');
  });

  it('matches a message made only of several phrases', () => {
    expect(wholeMessagePhrase('ok, thanks - that helped', SMALLTALK)).toBe('ok + thanks + that helped');
    expect(wholeMessagePhrase('great thank you, bye!', SMALLTALK)).toBe('great + thank you + bye');
  });

  it('leaves anything with a real question or complaint in it alone', () => {
    expect(wholeMessagePhrase('thanks, but my invoice is wrong', SMALLTALK)).toBeUndefined();
    expect(wholeMessagePhrase('no that did not help', SMALLTALK)).toBeUndefined();
    expect(wholeMessagePhrase('hi '.repeat(30), SMALLTALK)).toBeUndefined();
  });
});
