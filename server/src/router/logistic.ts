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
  /** Full-batch Adam iterations. */
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
export function logisticLogits(m: LogisticWeights, x: Float32Array, offset = 0, out = new Float64Array(m.classes)): Float64Array {
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
 * Weighted multinomial logistic regression with an L2 penalty, trained by full-batch Adam. Full batch keeps the
 * result deterministic (the same examples always give the same model on every node); gradient terms below 1e-6
 * are skipped, which makes later iterations cheap when most examples are already fitted.
 */
export function trainLogistic(x: Rows, y: ArrayLike<number>, weight: ArrayLike<number>, classes: number, o: LogisticOptions): LogisticWeights {
  const { n, dim, data } = x;
  const iterations = o.iterations ?? 120;
  const rate = o.rate ?? 0.1;
  const m: LogisticWeights = { classes, dim, w: new Float32Array(classes * dim), b: new Float32Array(classes) };
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i];
  const gw = new Float64Array(classes * dim);
  const gb = new Float64Array(classes);
  const mw = new Float64Array(classes * dim);
  const vw = new Float64Array(classes * dim);
  const mb = new Float64Array(classes);
  const vb = new Float64Array(classes);
  const z = new Float64Array(classes);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= iterations; t++) {
    gw.fill(0);
    gb.fill(0);
    for (let r = 0; r < n; r++) {
      const off = r * dim;
      logisticLogits(m, data, off, z);
      softmaxInPlace(z);
      const wr = weight[r] / total;
      for (let c = 0; c < classes; c++) {
        const err = (z[c] - (y[r] === c ? 1 : 0)) * wr;
        if (Math.abs(err) < 1e-6 * wr) continue;
        gb[c] += err;
        const base = c * dim;
        for (let i = 0; i < dim; i++) gw[base + i] += err * data[off + i];
      }
    }
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    const lr = rate * (1 - (0.9 * t) / iterations); // linear decay: settles without a schedule search
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
