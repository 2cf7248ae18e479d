import type { ICruiseResult } from 'dependency-cruiser';

/** One import that breaks the house rules; `key` is what architecture.known.json lists. */
export interface Violation {
  key: string;
  example: string;
}

// Tests and test helpers may import anything; they are no part of the layering.
const TEST_CODE =
  /(\.test\.tsx?$|\.test-helpers\.ts$|\.corpus\.ts$|browser-world\.ts$|^(server|widget)\/src\/testing\/)/;

/** `server/src/router/config.ts` → `server/src/router`; a top-level file is its own room. */
export function roomOf(path: string): string | undefined {
  const m = /^((?:server|widget)\/src\/[^/]+)/.exec(path);
  return m?.[1];
}

/** Per workspace (`server`, `widget`), its layers lowest first, as regular expressions of folder or file names. */
export type Layers = Record<string, string[][]>;

/** Rule violations reported by depcruise, plus every cross-folder import inside a cycle between folders of one layer. */
export function findViolations(result: ICruiseResult, layers: Layers): Violation[] {
  const out = new Map<string, Violation>();
  for (const v of result.summary.violations) {
    const key = `${v.rule.name}: ${v.from} -> ${v.to}`;
    out.set(key, { key, example: v.rule.name });
  }
  for (const v of folderCycles(result, layers)) out.set(v.key, v);
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The layer index of a room (`server/src/router` → 3), or undefined outside the table. */
function layerOf(room: string, layers: Layers): string | undefined {
  const [root, , name] = room.split('/');
  const i = (layers[root] ?? []).findIndex((names) => names.some((n) => new RegExp(`^${n}$`).test(name)));
  return i < 0 ? undefined : `${root}:${i}`;
}

/**
 * Cross-folder imports whose two folders reach each other through folders of the same layer. A cycle that leaves the
 * layer needs an upward import, which the layer rules report already.
 */
export function folderCycles(result: ICruiseResult, layers: Layers): Violation[] {
  const edges: Array<{ from: string; to: string; a: string; b: string }> = [];
  for (const m of result.modules) {
    const a = roomOf(m.source);
    if (!a || TEST_CODE.test(m.source)) continue;
    for (const d of m.dependencies) {
      const b = roomOf(d.resolved);
      if (!b || b === a || TEST_CODE.test(d.resolved)) continue;
      const layer = layerOf(a, layers);
      if (layer && layer === layerOf(b, layers)) edges.push({ from: m.source, to: d.resolved, a, b });
    }
  }
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.a, (next.get(e.a) ?? new Set()).add(e.b));
  const reach = (from: string, to: string): boolean => {
    const seen = new Set<string>([from]);
    const todo = [from];
    while (todo.length) {
      for (const n of next.get(todo.pop()!) ?? []) {
        if (n === to) return true;
        if (!seen.has(n)) (seen.add(n), todo.push(n));
      }
    }
    return false;
  };
  return edges
    .filter((e) => reach(e.b, e.a))
    .map((e) => ({ key: `folder-cycle: ${e.from} -> ${e.to}`, example: `${e.b} imports ${e.a} back` }));
}
