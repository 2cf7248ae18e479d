// Widget builds: the script-tag loader and the lazily loaded widget (IIFE, minified), the npm SDK (ESM + .d.ts) and
// the protocol (ESM, used by the server and by other clients). Runs on `npm run build` at the root and on `prepack`
// here, so a tarball packed from a fresh clone always has dist/. `bench/widget-size.mjs` checks the size budgets.
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

// Paths from this file, not the working directory: the config runs from the root and from widget/.
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const ts = (extra = {}) =>
  typescript({
    tsconfig: here('./tsconfig.json'),
    include: [here('./src/**/*.ts'), here('./src/**/*.tsx')],
    exclude: ['**/*.test.ts', '**/*.test.tsx', here('./src/testing/**')],
    compilerOptions: { noEmit: false, declaration: false, paths: {}, ...extra },
  });
const min = () => terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false } });
const browser = () => resolve({ browser: true, exportConditions: ['browser', 'import', 'default'] });
const quiet = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

export default [
  {
    input: here('./src/loader.ts'),
    output: { file: here('./dist/switchboard-loader.js'), format: 'iife' },
    plugins: [ts(), min()],
    onwarn: quiet,
  },
  {
    input: here('./src/widget.ts'),
    output: { file: here('./dist/switchboard-widget.js'), format: 'iife' },
    plugins: [browser(), ts(), min()],
    onwarn: quiet,
  },
  {
    input: { index: here('./src/index.ts'), protocol: here('./src/protocol/index.ts') },
    output: {
      dir: here('./dist'),
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    external: [/^preact/, /^@lit\//, /^socket\.io-client/, /^zod/],
    plugins: [ts({ declaration: true, declarationDir: here('./dist/types'), outDir: here('./dist') })],
    onwarn: quiet,
  },
];
