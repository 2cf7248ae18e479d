// Widget builds: the script-tag loader and the lazily loaded widget (IIFE, minified), the npm SDK (ESM + .d.ts) and
// the protocol (ESM, used by the server and by other clients). `bench/widget-size.mjs` checks the size budgets.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import consoleBuilds from './server/src/console/rollup.console.mjs';

const ts = (extra = {}) =>
  typescript({ tsconfig: './widget/tsconfig.json', include: ['widget/src/**/*.ts', 'widget/src/**/*.tsx'], exclude: ['**/*.test.ts', '**/*.test.tsx', 'widget/src/testing/**'], compilerOptions: { noEmit: false, declaration: false, paths: {}, ...extra } });
const min = () => terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false } });
const browser = () => resolve({ browser: true, exportConditions: ['browser', 'import', 'default'] });
const quiet = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

export default [
  {
    input: 'widget/src/loader.ts',
    output: { file: 'widget/dist/switchboard-loader.js', format: 'iife' },
    plugins: [ts(), min()],
    onwarn: quiet,
  },
  {
    input: 'widget/src/widget.ts',
    output: { file: 'widget/dist/switchboard-widget.js', format: 'iife' },
    plugins: [browser(), ts(), min()],
    onwarn: quiet,
  },
  {
    input: { index: 'widget/src/index.ts', protocol: 'widget/src/protocol/index.ts' },
    output: { dir: 'widget/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external: [/^preact/, /^@lit\//, /^socket\.io-client/, /^zod/],
    plugins: [ts({ declaration: true, declarationDir: 'widget/dist/types', outDir: 'widget/dist' })],
    onwarn: quiet,
  },
  ...consoleBuilds,
];
