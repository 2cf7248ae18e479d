import { describe, expect, it } from 'vitest';
import { partQuery, questionParts } from './questions.js';

describe('questionParts', () => {
  it('finds two questions with or without punctuation', () => {
    expect(questionParts('how much is a replacement sim and how fast')).toEqual([
      'how much is a replacement sim',
      'how fast',
    ]);
    expect(partQuery(['how much is a replacement sim', 'how fast'], 1)).toBe('how fast much replacement sim');
    expect(questionParts('Do I have to return the router? What happens if I keep it?')).toEqual([
      'Do I have to return the router?',
      'What happens if I keep it?',
    ]);
  });

  it('keeps one question (with context) as one', () => {
    expect(questionParts('my direct debit failed, what happens now?')).toHaveLength(1);
    expect(questionParts('hello')).toEqual([]);
  });
});
