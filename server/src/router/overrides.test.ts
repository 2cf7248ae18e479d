import { describe, expect, it } from 'vitest';
import { AppError } from '../util/errors.js';
import { routerConfigSchema } from './config.js';
import {
  activeConfig,
  agentPatchSchema,
  applyOverride,
  patchOverride,
  withOverrides,
  type AgentOverride,
} from './overrides.js';

const config = routerConfigSchema.parse({
  agents: [
    {
      name: 'shipping',
      description: 'Parcels',
      examples: ['where is my parcel'],
      topics: [{ name: 'customs', examples: ['stuck in customs', 'import duty'] }],
    },
    { name: 'returns', description: 'Refunds', examples: ['I want my money back'] },
  ],
  human: {},
});
const shipping = config.agents[0];

describe('agent overrides over the agents file', () => {
  it('folds patches into added/removed lists: adding back a removed example cancels the removal', () => {
    let o = patchOverride(undefined, { topics: [{ name: 'customs', remove: ['import duty'] }] });
    o = patchOverride(o, { threshold: 0.7, topics: [{ name: 'customs', add: ['customs fees', 'import duty'] }] });
    expect(o).toEqual({
      threshold: 0.7,
      examples: { customs: { added: ['customs fees', 'import duty'], removed: [] } },
    });
    expect(applyOverride(shipping, o).topics[0].examples).toEqual(['stuck in customs', 'import duty', 'customs fees']);
  });

  it("edits the agent's loose examples under the topic named after it, and keeps untouched fields from the file", () => {
    const merged = applyOverride(
      shipping,
      patchOverride(undefined, { topics: [{ name: 'shipping', add: ['my box is late'] }] }),
    );
    expect(merged.examples).toEqual(['where is my parcel', 'my box is late']);
    expect(merged).toMatchObject({ description: 'Parcels', threshold: 0.45, enabled: true });
  });

  it('refuses what the file could not hold, with invalid_payload and the field', () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return (err as AppError).code;
      }
      return 'accepted';
    };
    expect(
      refused(() => applyOverride(shipping, patchOverride(undefined, { topics: [{ name: 'nope', add: ['x'] }] }))),
    ).toBe('invalid_payload');
    const emptied = patchOverride(undefined, {
      topics: [{ name: 'customs', remove: ['stuck in customs', 'import duty'] }],
    });
    expect(refused(() => applyOverride(shipping, emptied))).toBe('invalid_payload');
    expect(agentPatchSchema.safeParse({ threshold: 1.2 }).success).toBe(false);
    expect(agentPatchSchema.safeParse({}).success).toBe(false);
    expect(agentPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
    const allOff = new Map([
      ['shipping', { enabled: false, examples: {} }],
      ['returns', { enabled: false, examples: {} }],
    ]);
    expect(refused(() => activeConfig(withOverrides(config, allOff)))).toBe('invalid_payload');
  });

  it('leaves a disabled agent out of the running configuration, and a stale override out with a warning', () => {
    const warned: string[] = [];
    const full = withOverrides(
      config,
      new Map<string, AgentOverride>([
        ['returns', { enabled: false, examples: {} }],
        ['shipping', { examples: { renamed: { added: ['x'], removed: [] } } }],
      ]),
      (agent) => warned.push(agent),
    );
    expect(full.agents.map((a) => [a.name, a.enabled])).toEqual([
      ['shipping', true],
      ['returns', false],
    ]);
    expect(activeConfig(full).agents.map((a) => a.name)).toEqual(['shipping']);
    expect(warned).toEqual(['shipping']);
  });
});
