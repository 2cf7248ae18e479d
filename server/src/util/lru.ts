/** A bounded least-recently-used cache with hit/miss counters. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  hits = 0;
  misses = 0;
  constructor(private readonly max: number) {}

  /** The cached value, refreshed as most recent. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** Store a value, evicting the least recently used beyond the bound. */
  set(key: K, value: V): void {
    if (this.max <= 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }

  /** Hits / lookups, 0 when unused. */
  get hitRate(): number {
    const total = this.hits + this.misses;
    return total ? this.hits / total : 0;
  }
}
