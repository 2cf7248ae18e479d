// The staff console: one ES module bundle plus its stylesheet, written to server/dist/console/ and served at /console.
// Imported by the root rollup.config.mjs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const PROTOCOL = here('../../../widget/src/protocol/index.ts');

/** Resolve the shared protocol from source, so the console never depends on the widget having been built first. */
const protocolFromSource = () => ({
  name: 'switchboard-protocol-source',
  resolveId: (id) => (id === 'switchboard-chat/protocol' ? PROTOCOL : null),
});

/** Copy the stylesheet next to the bundle. */
const stylesheet = () => ({
  name: 'switchboard-console-css',
  buildStart() {
    this.addWatchFile(here('./styles.css'));
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'console.css', source: readFileSync(here('./styles.css'), 'utf8') });
  },
});

export default [
  {
    input: here('./main.tsx'),
    output: {
      dir: here('../../dist/console'),
      format: 'es',
      entryFileNames: 'console.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [
      protocolFromSource(),
      // 'production' pinned: otherwise NODE_ENV (e.g. 'test' under vitest) selects socket.io's debug builds.
      resolve({ browser: true, exportConditions: ['browser', 'import', 'default', 'production'] }),
      typescript({
        tsconfig: here('./tsconfig.json'),
        include: [here('./**/*.ts'), here('./**/*.tsx'), here('../../../widget/src/protocol/**/*.ts')],
        compilerOptions: { noEmit: false, declaration: false, sourceMap: true },
      }),
      terser({ ecma: 2020, format: { comments: false } }),
      stylesheet(),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  },
];
