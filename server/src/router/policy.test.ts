import { describe, expect, it } from 'vitest';
import { loadRouterConfig } from './config.js';
import { DEFAULT_POLICIES, matchPolicy, mergePolicies } from './policy.js';

const policies = loadRouterConfig().policies;

describe('escalation policies', () => {
  it('ships legal, compensation, staff, fraud, safety, account-specific and vulnerable-customer policies', () => {
    expect(DEFAULT_POLICIES.map((p) => p.reason)).toEqual([
      'legal',
      'compensation',
      'staff-complaint',
      'fraud',
      'safety',
      'account-specific',
      'vulnerable',
    ]);
  });

  // The examples in policies.default.json are the documentation; each must trigger its own policy.
  it.each(DEFAULT_POLICIES.flatMap((p) => p.examples.map((e) => [p.reason, e])))('%s: "%s"', (reason, example) => {
    expect(matchPolicy(example, policies)?.reason).toBe(reason);
  });

  it.each([
    'how do I cancel my membership?',
    'can I get a refund if I cancel within 14 days?',
    'what happens if my direct debit fails?',
    'where are you based?',
    'where is my order, the tracking says nothing',
    'how long does delivery take to Ireland?',
    'is there a fee to cancel?',
    'I have a knee injury, can I freeze my membership?',
    'am I entitled to compensation when my broadband is down?',
    'do I need to show my order confirmation at the desk?',
    '¿Cómo cancelo mi membresía?',
    'Combien coûte l’abonnement mensuel ?',
    'Kann ich meine Mitgliedschaft pausieren?',
    'كيف ألغي اشتراكي؟',
    // Words inside other words and product questions about the same subjects (found by running the policies over the
    // shared routing data and the fitness-club set).
    'Brauche ich ein eigenes Vorhängeschloss für den Spind?',
    'Welches Gericht könnt ihr für Vegetarier empfehlen?',
    'how does your fraud protection work for online payments?',
    'how can I see my bill?',
    'why was my card declined?',
    'am I still charged while my membership is frozen?',
    "ma connexion est coupée depuis 4 jours, est-ce que j'ai droit à un dédommagement ?",
    '',
    '!'.repeat(4000),
  ])('leaves an ordinary question to the assistant: "%s"', (text) => {
    expect(matchPolicy(text, policies)).toBeUndefined();
  });

  it('lets an owner replace a shipped policy and add one of their own', () => {
    const merged = mergePolicies(DEFAULT_POLICIES, [
      { reason: 'legal', description: '', patterns: ['\\bombudsman\\b'], examples: [], handoff: 'human' },
      {
        reason: 'recall',
        description: 'product safety recalls',
        patterns: ['\\brecall(ed)?\\b'],
        examples: [],
        handoff: 'human',
      },
    ]);
    expect(matchPolicy('my lawyer will call', merged)).toBeUndefined();
    expect(matchPolicy('I will write to the ombudsman', merged)?.reason).toBe('legal');
    expect(matchPolicy('is my kettle part of the recall?', merged)).toEqual({ reason: 'recall', matched: 'recall' });
  });

  it('reads policies from the agents file, rejecting a bad pattern with the file and field', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'sb-policy-'));
    writeFileSync(join(dir, 'ok.yaml'), 'policies:\n  - reason: recall\n    patterns: ["\\\\brecall\\\\b"]\n');
    expect(loadRouterConfig(join(dir, 'ok.yaml')).policies.map((p) => p.reason)).toContain('recall');
    writeFileSync(join(dir, 'bad.yaml'), 'policies:\n  - reason: recall\n    patterns: ["(unclosed"]\n');
    expect(() => loadRouterConfig(join(dir, 'bad.yaml'))).toThrow(
      /bad\.yaml: policies\.0\.patterns\.0: not a valid regular expression/,
    );
  });
});
