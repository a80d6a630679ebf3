// The boundaries of src/, checked by `npm run boundaries` (part of `npm test`). Each rule says why it exists.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and hides which module owns what.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'member-kit-stands-alone',
      comment: 'Member states run the member kit without the hub: it may use the shared pieces (auth, limits, observability, http), never the hub or the gateway.',
      severity: 'error',
      from: { path: '^src/member-subgraph/' },
      to: { path: '^src/(hub|gateway|db|supervisor|run|scripts)/' },
    },
    {
      name: 'gateway-knows-no-hub',
      comment: 'The gateway speaks to the core over HTTP like to any subgraph; it must run without the core\'s code.',
      severity: 'error',
      from: { path: '^src/gateway/' },
      to: { path: '^src/(hub|db|member-subgraph|scripts)/' },
    },
    {
      name: 'core-knows-no-gateway',
      comment: 'The core is a subgraph like any other, fronted by any router: of the gateway it shares only the registration rules (a file without dependencies), so both check registrations alike.',
      severity: 'error',
      from: { path: '^src/hub/' },
      to: { path: '^src/gateway/', pathNot: '^src/gateway/subgraph-entry\\.ts$' },
    },
    {
      name: 'audit-log-is-shared',
      comment: 'The audit trail\'s one INSERT is used by the core and the gateway alike: it knows neither, nor any ORM or server library.',
      severity: 'error',
      from: { path: '^src/audit-log/' },
      to: { path: ['type-graphql', '@apollo/', 'express', 'graphql-shield', '@mikro-orm/', '^src/(hub|gateway|member-subgraph|db|supervisor|run|scripts)/'] },
    },
    {
      name: 'auth-loads-no-graphql-server',
      comment: 'Identity is shared by the gateway, the subgraphs and scripts: it loads no schema or server library.',
      severity: 'error',
      from: { path: '^src/auth/' },
      to: { path: ['type-graphql', '@apollo/', 'express', 'graphql-shield', '@mikro-orm/', '^src/(hub|gateway|member-subgraph|db)/'] },
    },
    {
      name: 'modules-meet-through-their-index',
      comment: 'A domain module is used by others through its index.ts (its public face); entities are excepted, as MikroORM relations need the classes.',
      severity: 'error',
      from: { path: '^src/hub/modules/([^/]+)/' },
      to: {
        path: '^src/hub/modules/([^/]+)/',
        pathNot: ['^src/hub/modules/$1/', '^src/hub/modules/[^/]+/index\\.ts$', '^src/hub/modules/[^/]+/[^/]+\\.entity\\.ts$'],
      },
    },
    {
      name: 'server-never-loads-browser-code',
      comment: 'src/web/client/ is bundled for browsers (DOM, React, Monaco) by npm run build; no server module may import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/web/client/' },
      to: { path: '^src/web/client/' },
    },
    {
      name: 'browser-code-stands-alone',
      comment: 'Browser code reaches the hub over HTTP like any client: it imports no server module (they need Node and would be bundled into the pages).',
      severity: 'error',
      from: { path: '^src/web/client/' },
      to: { path: '^src/', pathNot: '^src/web/client/' },
    },
    {
      name: 'web-pages-are-gateway-side',
      comment: 'The pages are served by the gateway, which runs without the core\'s code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(hub|db|member-subgraph|scripts)/' },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'What runs in production never loads the tests, their support or the benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports vanish when compiled: they are no dependency at run time.
    tsPreCompilationDeps: false,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    exclude: { path: '^dist/' },
  },
};
