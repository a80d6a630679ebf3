// What `npm run build` writes to dist/web/manifest.json (src/scripts/build-web.ts) and the gateway reads: the
// bundled, content-hashed files of each page and of Monaco's workers, as paths under /assets/.
export interface WebManifest {
  pages: Record<'graphiql' | 'dashboard', { script: string; style?: string }>;
  workers: Record<'editor' | 'graphql' | 'json', string>;
}
