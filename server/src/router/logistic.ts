/** Dense rows: `n` vectors of `dim` floats, one flat array (cache-friendly loops, transferable to a worker). */
export interface Rows {
  n: number;
  dim: number;
  data: Float32Array;
}

/** Weights of a multinomial logistic regression: `classes` × `dim` plus one bias per class. */
export interface LogisticWeights {
  classes: number;
  dim: number;
  w: Float32Array;
  b: Float32Array;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (per unit of total sample weight). */
  l2: number;
  /** Passes over the data (epochs). */
  iterations?: number;
  rate?: number;
}

/** Pack vectors into one flat array. */
export function toRows(vectors: Float32Array[], dim = vectors[0]?.length ?? 0): Rows {
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => data.set(v, i * dim));
  return { n: vectors.length, dim, data };
}

/** The logits of row `i` of `x` (or of a single vector) into `out`. */
export function logisticLogits(
  m: LogisticWeights,
  x: Float32Array,
  offset = 0,
  out = new Float64Array(m.classes),
): Float64Array {
  const { w, b, dim } = m;
  for (let c = 0; c < m.classes; c++) {
    let s = b[c];
    const base = c * dim;
    for (let i = 0; i < dim; i++) s += w[base + i] * x[offset + i];
    out[c] = s;
  }
  return out;
}

/**
 * Weighted multinomial logistic regression with an L2 penalty, trained by mini-batch Adam over a fixed, seeded
 * order (the same examples always give the same model on every node). A dozen passes suffice for this convex
 * problem, which keeps 5,000 examples × 100 topics within seconds.
 */
export function trainLogistic(
  x: Rows,
  y: ArrayLike<number>,
  weight: ArrayLike<number>,
  classes: number,
  o: LogisticOptions,
): LogisticWeights {
  const { n, dim, data } = x;
  // About 200+ mini-batch steps whatever the size: 12 passes over 500 examples, 4 over 5,000.
  const epochs = o.iterations ?? Math.min(12, Math.max(4, Math.ceil(8000 / Math.max(1, n))));
  const rate = o.rate ?? 0.05;
  const batch = 32;
  const m: LogisticWeights = { classes, dim, w: new Float32Array(classes * dim), b: new Float32Array(classes) };
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i];
  const mean = total / Math.max(1, n);
  const gw = new Float64Array(classes * dim);
  const gb = new Float64Array(classes);
  const mw = new Float64Array(classes * dim);
  const vw = new Float64Array(classes * dim);
  const mb = new Float64Array(classes);
  const vb = new Float64Array(classes);
  const z = new Float64Array(classes);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const order = Array.from({ length: n }, (_, i) => i);
  const steps = epochs * Math.ceil(n / batch);
  let t = 0;
  let seed = 12345;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < n; start += batch) {
      t++;
      gw.fill(0);
      gb.fill(0);
      const end = Math.min(n, start + batch);
      for (let q = start; q < end; q++) {
        const r = order[q];
        const off = r * dim;
        logisticLogits(m, data, off, z);
        softmaxInPlace(z);
        const wr = weight[r] / mean / (end - start);
        for (let c = 0; c < classes; c++) {
          const err = (z[c] - (y[r] === c ? 1 : 0)) * wr;
          if (Math.abs(err) < 1e-5 * wr) continue; // already fitted: skipping it saves most of the time
          gb[c] += err;
          const base = c * dim;
          for (let i = 0; i < dim; i++) gw[base + i] += err * data[off + i];
        }
      }
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      const lr = rate * (1 - (0.9 * t) / steps); // linear decay: settles without a schedule search
      for (let j = 0; j < gw.length; j++) {
        const g = gw[j] + o.l2 * m.w[j];
        mw[j] = b1 * mw[j] + (1 - b1) * g;
        vw[j] = b2 * vw[j] + (1 - b2) * g * g;
        m.w[j] -= (lr * (mw[j] / c1)) / (Math.sqrt(vw[j] / c2) + eps);
      }
      for (let c = 0; c < classes; c++) {
        mb[c] = b1 * mb[c] + (1 - b1) * gb[c];
        vb[c] = b2 * vb[c] + (1 - b2) * gb[c] * gb[c];
        m.b[c] -= (lr * (mb[c] / c1)) / (Math.sqrt(vb[c] / c2) + eps);
      }
    }
  }
  return m;
}

/** Numerically stable softmax, in place. */
export function softmaxInPlace(z: Float64Array | number[]): void {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i] > max) max = z[i];
  let s = 0;
  for (let i = 0; i < z.length; i++) s += z[i] = Math.exp(z[i] - max);
  for (let i = 0; i < z.length; i++) z[i] /= s;
}
