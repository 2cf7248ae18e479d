import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';
import { findViolations, type Layers, type Violation } from './testing/layering.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const knownFile = fileURLToPath(new URL('../../architecture.known.json', import.meta.url));
const known = (JSON.parse(readFileSync(knownFile, 'utf8')) as { violations: string[] }).violations;

const config = createRequire(import.meta.url)(`${root}.dependency-cruiser.cjs`) as {
  options: ICruiseOptions;
  forbidden: IForbiddenRuleType[];
  layers: Layers;
};

async function cruiseHouse(): Promise<ICruiseResult> {
  const previous = process.cwd();
  // depcruise reports paths relative to the working directory; the rules are written from the repository root.
  process.chdir(root);
  try {
    const out = await cruise(['server/src', 'widget/src'], {
      ...config.options,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
    });
    return out.output as ICruiseResult;
  } finally {
    process.chdir(previous);
  }
}

describe('the one-way house (.dependency-cruiser.cjs)', () => {
  let violations: Violation[] = [];
  beforeAll(async () => {
    violations = findViolations(await cruiseHouse(), config.layers);
  });

  it('has no import that breaks the layering or closes a cycle between folders, beyond the known list', () => {
    const fresh = violations.filter((v) => !known.includes(v.key));
    expect(
      fresh.map((v) => `${v.key}  (${v.example})`),
      'new violations: fix them, do not add them to architecture.known.json',
    ).toEqual([]);
  });

  it('keeps no stale entry in architecture.known.json (the list only shrinks)', () => {
    const stale = known.filter((k) => !violations.some((v) => v.key === k));
    expect(stale, 'fixed: remove these lines from architecture.known.json').toEqual([]);
  });
});
