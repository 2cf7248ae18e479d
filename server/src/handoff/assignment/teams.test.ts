import { describe, expect, it } from 'vitest';
import { parseAssignment } from './config.js';
import { EVERYONE, eligibleMembers, strategyOf, teamFor } from './teams.js';

const config = parseAssignment({
  capacity: 4,
  defaultTeam: 'general',
  teams: [
    { name: 'general', members: ['maria@example.test', { email: 'Tom@Example.test', capacity: 1 }] },
    { name: 'billing', members: ['s_ana'], agents: ['billing'], strategy: 'least-busy' },
    { name: 'refunds', members: ['s_ana'], topics: ['billing/refunds'] },
    { name: 'vip', members: ['s_ana'] },
  ],
  rules: [{ attribute: 'plan', equals: 'enterprise', team: 'vip' }],
});

describe('teams', () => {
  it('places by signed attribute rule, then routed topic, then routed agent, then the default team', () => {
    expect(teamFor(config, { id: 'c', signed: { plan: 'enterprise' }, routed: [{ agent: 'billing' }] })).toBe('vip');
    // A page-set (unverified) attribute does not count unless the rule says so.
    expect(teamFor(config, { id: 'c', unsigned: { plan: 'enterprise' }, routed: [] })).toBe('general');
    expect(
      teamFor(config, { id: 'c', routed: [{ agent: 'human' }, { agent: 'billing', topic: 'billing/refunds' }] }),
    ).toBe('refunds');
    expect(
      teamFor(config, { id: 'c', routed: [{ agent: 'human' }, { agent: 'billing', topic: 'billing/invoices' }] }),
    ).toBe('billing');
    expect(teamFor(config, { id: 'c', routed: [{ agent: 'technical' }] })).toBe('general');
    expect(teamFor(parseAssignment({}), { id: 'c', routed: [] })).toBe(EVERYONE);
    expect(strategyOf(config, 'billing')).toBe('least-busy');
    expect(strategyOf(config, 'general')).toBe('round-robin');
  });

  it('honours unverified attributes only when a rule allows them', () => {
    const loose = parseAssignment({
      teams: [{ name: 'vip' }],
      rules: [{ attribute: 'plan', equals: 'enterprise', team: 'vip', unverified: true }],
    });
    expect(teamFor(loose, { id: 'c', unsigned: { plan: 'enterprise' }, routed: [] })).toBe('vip');
  });

  it('offers only online members, by e-mail (any case) or id, with their own capacity', () => {
    const staff = [
      { id: 's_maria', email: 'maria@example.test' },
      { id: 's_tom', email: 'tom@example.test' },
      { id: 's_ana', email: 'ana@example.test' },
    ];
    const online = [
      { id: 's_tom', name: 'Tom' },
      { id: 's_ana', name: 'Ana' },
      { id: 's_x', name: 'X' },
    ];
    expect(eligibleMembers(config, 'general', online, staff)).toEqual([{ id: 's_tom', name: 'Tom', capacity: 1 }]);
    expect(eligibleMembers(config, 'billing', online, staff)).toEqual([{ id: 's_ana', name: 'Ana', capacity: 4 }]);
    expect(eligibleMembers(config, EVERYONE, online, staff)).toHaveLength(3);
  });

  it('refuses rules and a default team naming no team', () => {
    expect(() => parseAssignment({ defaultTeam: 'nope' })).toThrow(/defaultTeam "nope" is not a team/);
    expect(() =>
      parseAssignment({ teams: [{ name: 'a' }], rules: [{ attribute: 'plan', equals: 'x', team: 'b' }] }),
    ).toThrow(/rules\.0\.team/);
  });
});
