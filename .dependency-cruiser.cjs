/**
 * The one-way house: which folder may import which (docs/architecture.md, "Layering").
 * Checked by server/src/architecture.test.ts (which also finds cycles between folders of one layer); known exceptions live in architecture.known.json and may only shrink.
 */

// Lowest first; a module may import its own layer (no cycle between folders) or any layer below, never one above.
const SERVER_LAYERS = [
  ['util', ['util']],
  ['storage', ['storage']],
  ['conversations', ['conversations']],
  ['domain', ['router', 'knowledge']],
  ['agents', ['agents']],
  ['services', ['handoff', 'security', 'analytics', 'attachments', 'email']],
  ['transports', ['http', 'realtime', 'console', 'scale']],
  ['wiring', ['index\\.ts', 'ai\\.ts', 'config\\.ts', 'settings', 'wiring', 'security-wiring\\.ts']],
  ['entries', ['cli', 'public\\.ts']],
];
const WIDGET_LAYERS = [
  ['protocol', ['protocol']],
  ['core', ['core']],
  ['ui', ['ui']],
  ['element', ['element\\.ts']],
  ['entries', ['loader\\.ts', 'index\\.ts', 'sdk\\.ts', 'widget\\.ts']],
];

// Test code (tests, test helpers, the testing folders) may reach anything; production code may not reach it.
const TEST_CODE =
  '(\\.test\\.tsx?$|\\.test-helpers\\.ts$|\\.corpus\\.ts$|browser-world\\.ts$|^(server|widget)/src/testing/)';

const folder = (root, names) => `^${root}/src/(${names.join('|')})(/|$)`;

/** One rule per layer: nothing in it imports a layer above it. */
function layerRules(root, layers) {
  return layers.slice(0, -1).map(([label, names], i) => {
    const above = layers.slice(i + 1).flatMap(([, n]) => n);
    return {
      name: `${root}-${label}-imports-upward`,
      comment: `${root}/src/{${names.join(',')}} may not import a layer above it (${above.join(', ')})`,
      severity: 'error',
      from: { path: folder(root, names), pathNot: TEST_CODE },
      to: { path: folder(root, above), pathNot: TEST_CODE },
    };
  });
}

module.exports = {
  /** Read by the architecture test, which finds cycles between folders of one layer (rules above catch the rest). */
  layers: { server: SERVER_LAYERS.map(([, n]) => n), widget: WIDGET_LAYERS.map(([, n]) => n) },
  forbidden: [
    ...layerRules('server', SERVER_LAYERS),
    ...layerRules('widget', WIDGET_LAYERS),
    {
      name: 'no-test-code-in-production',
      comment: 'Production code never imports tests, test helpers or the testing folders.',
      severity: 'error',
      from: { path: '^(server|widget)/src/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'widget-never-imports-server',
      severity: 'error',
      from: { path: '^widget/src/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/|\\.d\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'server/tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
