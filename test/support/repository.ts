// The repository's root folder, found from this file whether it runs from test/support (jest) or from
// dist/test/support (benchmarks run from the build): the nearest folder above with a package.json.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const REPOSITORY_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
