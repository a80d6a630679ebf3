// `npm run build` (after tsc): bundles the browser pages of the gateway (GraphiQL at /graphql, the statistics
// dashboard at /dashboard) with esbuild into dist/web/assets/, every file named by its content hash, and writes
// dist/web/manifest.json, which the gateway reads to link them. Everything the pages load is in that folder: no
// other host is ever asked (the pages' CSP forbids it anyway).
//
// Monaco (GraphiQL 5's editor) runs its language services in web workers: each worker is bundled as an entry of its
// own (a classic script, so `new Worker(url)` loads it from the hub) and the page learns the workers' hashed URLs
// from the manifest, through a data attribute of its HTML (no inline script).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import type { WebManifest } from '../web/manifest.js';

const root = process.cwd();
const outDir = path.join(root, 'dist/web');
const assetsDir = path.join(outDir, 'assets');
const PUBLIC_PATH = '/assets/';


function entryOutputs(metafile: Metafile): Map<string, { script: string; style?: string }> {
  const byEntry = new Map<string, { script: string; style?: string }>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint || !file.endsWith('.js')) continue;
    const name = path.basename(file).replace(/-[A-Z0-9]+\.js$/, '');
    byEntry.set(name, { script: PUBLIC_PATH + path.basename(file), style: output.cssBundle ? PUBLIC_PATH + path.basename(output.cssBundle) : undefined });
  }
  return byEntry;
}

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  metafile: true,
  outdir: assetsDir,
  publicPath: PUBLIC_PATH,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  target: ['chrome120', 'firefox120', 'safari17'],
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' } as const,
  logLevel: 'warning' as const,
  legalComments: 'linked' as const,
};

const started = Date.now();
await rm(outDir, { recursive: true, force: true });
await mkdir(assetsDir, { recursive: true });
const [pages, workers] = await Promise.all([
  build({
    ...common,
    format: 'esm',
    entryPoints: { graphiql: 'src/web/client/graphiql.tsx', dashboard: 'src/web/client/dashboard.ts' },
    jsx: 'automatic',
    tsconfig: 'src/web/client/tsconfig.json',
  }),
  build({
    ...common,
    format: 'iife',
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
  }),
]);
// metafile: true above, so both have one.
const metafiles = [pages.metafile!, workers.metafile!];
const pageFiles = entryOutputs(metafiles[0]!);
const workerFiles = entryOutputs(metafiles[1]!);
const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`build-web: no output for ${what}`);
  return value;
};
const manifest: WebManifest = {
  pages: { graphiql: need(pageFiles.get('graphiql'), 'graphiql'), dashboard: need(pageFiles.get('dashboard'), 'dashboard') },
  workers: {
    editor: need(workerFiles.get('editor.worker'), 'editor.worker').script,
    json: need(workerFiles.get('json.worker'), 'json.worker').script,
    graphql: need(workerFiles.get('graphql.worker'), 'graphql.worker').script,
  },
};
await writeFile(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
const outputs = metafiles.flatMap((m) => Object.values(m.outputs));
const bytes = outputs.reduce((sum, o) => sum + o.bytes, 0);
console.log(`web assets: ${outputs.length} files, ${(bytes / 1e6).toFixed(1)} MB in dist/web/assets (${Date.now() - started} ms)`);
