// The member-state subgraphs the gateway composes: a JSON file ([{ "name": "...", "url": "http://..." }]),
// watched so that adding, changing or removing an entry takes effect without a restart.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SubgraphEntry {
  name: string;
  url: string;
}

export class RegistryError extends Error {}

const NAME = /^[a-z][a-z0-9-]{1,48}$/;

export function parseRegistry(text: string, reserved: readonly string[] = []): SubgraphEntry[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    throw new RegistryError(`the registry is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new RegistryError('the registry must be a JSON array of { "name", "url" }');
  const seen = new Set<string>(reserved);
  return entries.map((entry: Record<string, unknown>, i) => {
    const { name, url } = entry ?? {};
    if (typeof name !== 'string' || !NAME.test(name)) throw new RegistryError(`entry ${i}: "name" must be lower-case letters, digits and dashes`);
    if (seen.has(name)) throw new RegistryError(`entry ${i}: the name "${name}" is taken`);
    seen.add(name);
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) throw new RegistryError(`entry ${i} (${name}): "url" must be an http(s) URL`);
    return { name, url };
  });
}

export async function readRegistry(file: string, reserved: readonly string[] = []): Promise<SubgraphEntry[]> {
  return parseRegistry(await readFile(file, 'utf8'), reserved);
}

/** Calls `onChange` (debounced) when the file changes; editors often replace files, so the folder is watched. */
export function watchRegistry(file: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(path.dirname(file), (_event, changed) => {
    if (changed && path.basename(String(changed)) !== path.basename(file)) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 150);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
