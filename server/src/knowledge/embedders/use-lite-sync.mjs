// The synchronous graph run for USE-lite, used by the embedding worker. TensorFlow.js must run this graph with
// `executeAsync` because of its two `Where` ops (their output shapes depend on the data); that path costs about as
// much in per-node bookkeeping as the kernels cost. Both `Where`s only list the token positions that survive the
// 128-token clip and the padding mask, which the tokenizer's output already tells us, so we compute them here and
// feed them to the nodes that read them: the graph then runs with the synchronous `execute`, with identical vectors.
// Plain JavaScript, like the worker that imports it.
const P = 'module_apply_default/Encoder_en/KonaTransformer/';
const CLIP_WHERE = `${P}ClipToMaxLength/Where`;
const MASK_WHERE = `${P}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/StoreMask/Where`;
// The only readers of the two `Where`s: fed directly, so the executor never reaches a dynamic op.
const KEPT_ROWS = `${P}ClipToMaxLength/Reshape`; // Where(position < clip) as a flat list of sparse rows
const KEPT_CELLS = `${P}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/StoreMask/ToInt32`; // [batch, position]
const KEPT_POSITIONS = `${P}Encode/TransformerStack/Layer_0/AddTimingSignal/strided_slice_2`; // their positions

/** The node's single input, if it has exactly that op. */
function inputOf(node, op) {
  return node?.op === op && node.inputs.length > 0 ? node.inputs : undefined;
}

/** A scalar constant of the graph (a weight after conversion), or undefined. */
function scalar(weights, node) {
  const t = weights[node?.name]?.[0];
  return t && t.size === 1 ? t.dataSync()[0] : undefined;
}

/**
 * The shape this code expects, read from the loaded graph: the clip length and the padding threshold, or the reason
 * the graph does not look like the one this was written for (a new model version): then the worker stays on
 * `executeAsync`.
 */
export function readGraphShape(graphModel) {
  const nodes = graphModel?.executor?.graph?.nodes;
  const weights = graphModel?.weights;
  if (!nodes || !weights) return { reason: 'no graph to inspect' };
  const where = Object.values(nodes).filter((n) => n.op === 'Where');
  if (where.length !== 2 || !nodes[CLIP_WHERE] || !nodes[MASK_WHERE]) return { reason: 'the Where ops changed' };
  const less = inputOf(nodes[CLIP_WHERE], 'Where')?.[0];
  const [slice, clipConst] = inputOf(less, 'Less') ?? [];
  if (slice?.op !== 'StridedSlice' || slice.inputs[0]?.name !== 'indices') return { reason: 'the clip changed' };
  const greater = inputOf(nodes[MASK_WHERE], 'Where')?.[0];
  const [dense, padConst] = inputOf(greater, 'Greater') ?? [];
  if (dense?.op !== 'SparseToDense') return { reason: 'the padding mask changed' };
  const readers = (n) => n.children.map((c) => c.name).sort();
  if (readers(nodes[CLIP_WHERE]).join() !== KEPT_ROWS) return { reason: 'the clip is read elsewhere' };
  if (readers(nodes[MASK_WHERE]).join() !== [KEPT_POSITIONS, KEPT_CELLS].sort().join())
    return { reason: 'the padding mask is read elsewhere' };
  const clip = scalar(weights, clipConst);
  const padding = scalar(weights, padConst);
  if (!Number.isInteger(clip) || !Number.isInteger(padding)) return { reason: 'the clip constants changed' };
  return { clip, padding };
}

/**
 * The synchronous embed for a model whose graph has the expected shape: texts in, one flat Float32Array of
 * `texts.length × 512` raw (not yet normalised) values out, as `model.embed` gives them.
 */
export function createSyncEmbed(model, tf, { clip, padding }) {
  return (texts) => {
    const encodings = texts.map((t) => model.tokenizer.encode(t));
    let total = 0;
    for (const ids of encodings) total += ids.length;
    const indices = new Int32Array(total * 2);
    const values = new Int32Array(total);
    const keptRows = [];
    const keptCells = [];
    const keptPositions = [];
    let row = 0;
    encodings.forEach((ids, b) =>
      ids.forEach((id, p) => {
        indices[row * 2] = b;
        indices[row * 2 + 1] = p;
        values[row] = id;
        // In the graph: Where(indices[:, 1] < clip), then Where(dense ids > padding) over the clipped batch.
        if (p < clip) {
          keptRows.push(row);
          if (id > padding) (keptCells.push(b, p), keptPositions.push(p));
        }
        row++;
      }),
    );
    const feeds = {
      indices: tf.tensor2d(indices, [total, 2], 'int32'),
      values: tf.tensor1d(values, 'int32'),
      [KEPT_ROWS]: tf.tensor1d(keptRows, 'int32'),
      [KEPT_CELLS]: tf.tensor2d(keptCells, [keptPositions.length, 2], 'int32'),
      [KEPT_POSITIONS]: tf.tensor1d(keptPositions, 'int32'),
    };
    try {
      const out = model.model.execute(feeds);
      // A copy the worker can transfer; reading a WebAssembly tensor copies it anyway.
      const flat = new Float32Array(out.dataSync());
      out.dispose();
      return flat;
    } finally {
      for (const t of Object.values(feeds)) t.dispose();
    }
  };
}

/**
 * Batches the sync path must embed exactly as `executeAsync` does before the worker trusts it: tiny, non-Latin and
 * unknown-only texts of unequal lengths (padding), and one past the 128-token clip. No bigger than everyday batches:
 * TensorFlow.js's WebAssembly heap grows to the largest batch it ran and keeps that size.
 */
export const PROBE_BATCHES = [
  ['I forgot my password', ' ', '我的订单在哪里？', 'Где мой заказ? مرحبا', '🙂🙂'],
  ['refund delivery invoice tracking password export '.repeat(30)],
];

/**
 * The sync embed if the graph has the expected shape and gives bit-identical vectors to `model.embed` on the probe
 * batches; otherwise `{ reason }` and the worker keeps `executeAsync`.
 */
export async function trySyncEmbed(model, tf) {
  const shape = readGraphShape(model.model);
  if (shape.reason) return shape;
  const embed = createSyncEmbed(model, tf, shape);
  try {
    for (const texts of PROBE_BATCHES) {
      const expected = (await model.embed(texts)).flat();
      const got = embed(texts);
      if (got.length !== expected.length || expected.some((v, i) => Math.fround(v) !== got[i]))
        return { reason: 'its vectors differ from executeAsync' };
    }
  } catch (err) {
    return { reason: `it failed: ${String(err?.message ?? err)}` };
  }
  return { embed };
}
