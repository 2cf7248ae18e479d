import { describe, expect, it } from 'vitest';
import type { ConversationState } from 'switchboard-chat/protocol';
import { AppError } from '../util/errors.js';
import { checkTransition, fromStates, nextState, refusal, STATES, TRANSITION_EVENTS, TRANSITIONS } from './states.js';

// The whole table written out: for each event, where it leads from each state ('-' = refused). Changing the state
// machine means changing this on purpose.
const EXPECTED: Record<string, Record<ConversationState, ConversationState | '-'>> = {
  escalate: { ai: 'waiting_human', waiting_human: '-', human: '-', closed: '-' },
  claim: { ai: 'human', waiting_human: 'human', human: '-', closed: '-' },
  assign: { ai: '-', waiting_human: 'human', human: '-', closed: '-' },
  transfer: { ai: '-', waiting_human: '-', human: 'human', closed: '-' },
  release: { ai: '-', waiting_human: 'ai', human: 'ai', closed: '-' },
  requeue: { ai: '-', waiting_human: '-', human: 'waiting_human', closed: '-' },
  close: { ai: 'closed', waiting_human: 'closed', human: 'closed', closed: '-' },
  reopen: { ai: '-', waiting_human: '-', human: '-', closed: 'ai' },
};

describe('the transition table', () => {
  it('has exactly the events written out here', () => {
    expect([...TRANSITION_EVENTS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const event of TRANSITION_EVENTS)
    for (const from of STATES) {
      const expected = EXPECTED[event][from];
      it(`${event} from ${from}: ${expected === '-' ? 'refused' : `→ ${expected}`}`, () => {
        if (expected === '-') {
          expect(nextState(from, event)).toBeUndefined();
          expect(fromStates(event)).not.toContain(from);
          expect(() => checkTransition(from, event)).toThrow(AppError);
        } else {
          expect(nextState(from, event)).toBe(expected);
          expect(fromStates(event)).toContain(from);
          expect(checkTransition(from, event)).toBe(expected);
        }
      });
    }

  it('records each event under the type analytics and the audit log read', () => {
    expect(Object.fromEntries(TRANSITION_EVENTS.map((e) => [e, TRANSITIONS[e].type]))).toEqual({
      escalate: 'escalated',
      claim: 'claimed',
      assign: 'claimed',
      transfer: 'transferred',
      release: 'released',
      requeue: 'released',
      close: 'closed',
      reopen: 'reopened',
    });
  });

  it('refuses with already_claimed only a take of a held conversation, else invalid_transition', () => {
    expect(refusal('human', 'claim').code).toBe('already_claimed');
    expect(refusal('human', 'assign').code).toBe('already_claimed');
    expect(refusal('closed', 'claim').code).toBe('invalid_transition');
    expect(refusal('ai', 'transfer').code).toBe('invalid_transition');
    expect(refusal('ai', 'release').code).toBe('invalid_transition');
    expect(refusal('closed', 'close').message).toBe('Cannot move the conversation from closed to closed.');
  });

  it('hands out copies: a caller cannot widen the table', () => {
    fromStates('reopen').push('ai');
    expect(fromStates('reopen')).toEqual(['closed']);
  });
});
