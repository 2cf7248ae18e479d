// Test fixture: writes a tiny BERT-shaped feature-extraction model (ONNX + WordPiece tokenizer) to a folder,
// so the transformers.js loading code is exercised for real without any model download.
// The ONNX protobuf is encoded by hand (a handful of messages), so no protobuf library is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Field = [number, 'varint', number] | [number, 'bytes', Uint8Array | string];

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(n));
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

/** Encode a protobuf message from (field number, wire type, value) triples. */
function message(fields: Field[]): Uint8Array {
  const parts: number[] = [];
  for (const [num, type, value] of fields) {
    if (type === 'varint') parts.push(...varint((num << 3) | 0), ...varint(value));
    else {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      parts.push(...varint((num << 3) | 2), ...varint(bytes.length), ...bytes);
    }
  }
  return Uint8Array.from(parts);
}

const FLOAT = 1;
const INT64 = 7;

function valueInfo(name: string, elemType: number, dims: Array<number | string>): Uint8Array {
  const shape = message(
    dims.map((d) => [1, 'bytes', message(typeof d === 'number' ? [[1, 'varint', d]] : [[2, 'bytes', d]])] as Field),
  );
  const tensorType = message([
    [1, 'varint', elemType],
    [2, 'bytes', shape],
  ]);
  return message([
    [1, 'bytes', name],
    [2, 'bytes', message([[1, 'bytes', tensorType]])],
  ]);
}

function node(op: string, inputs: string[], outputs: string[], attrs: Field[][] = []): Uint8Array {
  return message([
    ...inputs.map((i) => [1, 'bytes', i] as Field),
    ...outputs.map((o) => [2, 'bytes', o] as Field),
    [3, 'bytes', `${op}_${outputs[0]}`],
    [4, 'bytes', op],
    ...attrs.map((a) => [5, 'bytes', message(a)] as Field),
  ]);
}

/** ONNX bytes: last_hidden_state = Gather(table, input_ids) × attention_mask (opset 13). */
export function tinyOnnxModel(table: Float32Array, vocabSize: number, dim: number): Uint8Array {
  const tableTensor = message([
    [1, 'varint', vocabSize],
    [1, 'varint', dim],
    [2, 'varint', FLOAT],
    [8, 'bytes', 'table'],
    [9, 'bytes', new Uint8Array(table.buffer.slice(0))],
  ]);
  const axes = message([
    [1, 'varint', 1],
    [2, 'varint', INT64],
    [8, 'bytes', 'axes'],
    [9, 'bytes', new Uint8Array(new BigInt64Array([-1n]).buffer)],
  ]);
  const graph = message([
    [
      1,
      'bytes',
      node(
        'Gather',
        ['table', 'input_ids'],
        ['gathered'],
        [
          [
            [1, 'bytes', 'axis'],
            [3, 'varint', 0],
            [20, 'varint', 2],
          ],
        ],
      ),
    ],
    [
      1,
      'bytes',
      node(
        'Cast',
        ['attention_mask'],
        ['mask_f'],
        [
          [
            [1, 'bytes', 'to'],
            [3, 'varint', FLOAT],
            [20, 'varint', 2],
          ],
        ],
      ),
    ],
    [1, 'bytes', node('Unsqueeze', ['mask_f', 'axes'], ['mask_3d'])],
    [1, 'bytes', node('Mul', ['gathered', 'mask_3d'], ['last_hidden_state'])],
    [2, 'bytes', 'tiny'],
    [5, 'bytes', tableTensor],
    [5, 'bytes', axes],
    [11, 'bytes', valueInfo('input_ids', INT64, ['batch', 'sequence'])],
    [11, 'bytes', valueInfo('attention_mask', INT64, ['batch', 'sequence'])],
    [12, 'bytes', valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dim])],
  ]);
  return message([
    [1, 'varint', 8],
    [2, 'bytes', 'switchboard-test'],
    [7, 'bytes', graph],
    [
      8,
      'bytes',
      message([
        [1, 'bytes', ''],
        [2, 'varint', 13],
      ]),
    ],
  ]);
}

/** A minimal BERT WordPiece tokenizer.json over `words`. */
export function tinyTokenizer(words: string[]): object {
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const vocab = Object.fromEntries([...specials, ...words].map((w, i) => [w, i]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [vocab[t]], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

/** Write `<dir>/<modelId>/` with config, tokenizer and `onnx/model.onnx`; returns the vocabulary size. */
export function writeTinyModel(dir: string, modelId: string, words: string[], dim = 16, seed = 7): number {
  const root = join(dir, modelId);
  mkdirSync(join(root, 'onnx'), { recursive: true });
  const vocabSize = words.length + 5;
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const table = Float32Array.from({ length: vocabSize * dim }, rand);
  writeFileSync(join(root, 'onnx', 'model.onnx'), tinyOnnxModel(table, vocabSize, dim));
  writeFileSync(join(root, 'tokenizer.json'), JSON.stringify(tinyTokenizer(words)));
  writeFileSync(
    join(root, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 128,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
  );
  writeFileSync(
    join(root, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: dim,
      vocab_size: vocabSize,
      max_position_embeddings: 128,
    }),
  );
  return vocabSize;
}
