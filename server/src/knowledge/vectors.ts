import { dot } from './embedders/normalize.js';

/**
 * A flat Float32Array of unit vectors scanned exhaustively: measured several times faster than Orama's own
 * vector search for brute-force top-k, and exact. Rows are rebuilt lazily after changes.
 */
export class FlatVectors {
  private rows: Float32Array = new Float32Array(0);
  private ids: string[] = [];
  private groups: Uint16Array = new Uint16Array(0);
  private readonly groupIds = new Map<string, number>();
  private dirty = true;
  private readonly byId = new Map<string, { vector: Float32Array; group: string }>();

  constructor(readonly dim: number) {}

  set(id: string, vector: Float32Array, group: string): void {
    this.byId.set(id, { vector, group });
    this.dirty = true;
  }

  delete(id: string): void {
    if (this.byId.delete(id)) this.dirty = true;
  }

  get(id: string): Float32Array | undefined {
    return this.byId.get(id)?.vector;
  }

  get size(): number {
    return this.byId.size;
  }

  private build(): void {
    if (!this.dirty) return;
    const n = this.byId.size;
    this.rows = new Float32Array(n * this.dim);
    this.ids = new Array(n);
    this.groups = new Uint16Array(n);
    let i = 0;
    for (const [id, { vector, group }] of this.byId) {
      this.rows.set(vector, i * this.dim);
      this.ids[i] = id;
      let g = this.groupIds.get(group);
      if (g === undefined) this.groupIds.set(group, (g = this.groupIds.size));
      this.groups[i] = g;
      i++;
    }
    this.dirty = false;
  }

  /** The k most similar rows (cosine), optionally only within some groups (collections). */
  topK(query: Float32Array, k: number, groups?: string[]): Array<{ id: string; score: number }> {
    this.build();
    const allowed = groups ? new Uint8Array(this.groupIds.size) : undefined;
    if (allowed) for (const g of groups!) if (this.groupIds.has(g)) allowed[this.groupIds.get(g)!] = 1;
    if (allowed && !allowed.includes(1)) return [];
    const dim = this.dim;
    const rows = this.rows;
    const groupOf = this.groups;
    const n = this.ids.length;
    // Bounded top-k kept sorted descending; most rows fall below the floor and cost only the dot product.
    const topIdx = new Int32Array(k);
    const topScore = new Float64Array(k).fill(-Infinity);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (allowed && !allowed[groupOf[i]]) continue;
      const off = i * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < dim; j += 4) {
        s0 += rows[off + j] * query[j];
        s1 += rows[off + j + 1] * query[j + 1];
        s2 += rows[off + j + 2] * query[j + 2];
        s3 += rows[off + j + 3] * query[j + 3];
      }
      for (; j < dim; j++) s0 += rows[off + j] * query[j];
      const s = s0 + s1 + s2 + s3;
      if (count === k && s <= topScore[k - 1]) continue;
      let pos = count < k ? count++ : k - 1;
      while (pos > 0 && topScore[pos - 1] < s) {
        topScore[pos] = topScore[pos - 1];
        topIdx[pos] = topIdx[pos - 1];
        pos--;
      }
      topScore[pos] = s;
      topIdx[pos] = i;
    }
    const out: Array<{ id: string; score: number }> = [];
    for (let r = 0; r < count; r++) out.push({ id: this.ids[topIdx[r]], score: topScore[r] });
    return out;
  }

  /** Cosine similarity of one stored row to a query. */
  similarity(id: string, query: Float32Array): number | undefined {
    const v = this.byId.get(id)?.vector;
    return v ? dot(v, query) : undefined;
  }
}
