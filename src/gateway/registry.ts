// The member-state subgraphs the gateway composes: a JSON file ([{ "name": "...", "url": "http://...", "public"?: true }]),
// watched so that adding, changing or removing an entry takes effect without a restart.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SubgraphEntry {
  name: string;
  url: string;
  /**
   * `"public": true`: the subgraph deliberately answers requests without any credential (public data only); without
   * it, such a subgraph is refused.
   */
  public?: boolean;
}

export class RegistryError extends Error {}

const NAME = /^[a-z][a-z0-9-]{1,48}$/;

/**
 * `${NAME}` in a URL is replaced from `variables` (the demo's entry follows DEMO_MEMBER_PORT); an unknown name is
 * an error rather than a silently wrong URL.
 */
function expand(url: string, variables: Record<string, string>, where: string): string {
  return url.replace(/\$\{(\w+)\}/g, (_all, name: string) => {
    if (!(name in variables)) throw new RegistryError(`${where}: unknown variable \${${name}} in "url"`);
    return variables[name]!;
  });
}

export function parseRegistry(text: string, reserved: readonly string[] = [], variables: Record<string, string> = {}): SubgraphEntry[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    throw new RegistryError(`the registry is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new RegistryError('the registry must be a JSON array of { "name", "url" }');
  const seen = new Set<string>(reserved);
  return entries.map((entry: Record<string, unknown>, i) => {
    const { name, url, public: isPublic } = entry ?? {};
    if (typeof name !== 'string' || !NAME.test(name)) throw new RegistryError(`entry ${i}: "name" must be lower-case letters, digits and dashes`);
    if (seen.has(name)) throw new RegistryError(`entry ${i}: the name "${name}" is taken`);
    seen.add(name);
    const expanded = typeof url === 'string' ? expand(url, variables, `entry ${i} (${name})`) : url;
    if (typeof expanded !== 'string' || !/^https?:\/\/[^\s]+$/.test(expanded)) throw new RegistryError(`entry ${i} (${name}): "url" must be an http(s) URL`);
    if (isPublic !== undefined && typeof isPublic !== 'boolean') throw new RegistryError(`entry ${i} (${name}): "public" must be true or false`);
    return isPublic ? { name, url: expanded, public: true } : { name, url: expanded };
  });
}

export async function readRegistry(file: string, reserved: readonly string[] = [], variables: Record<string, string> = {}): Promise<SubgraphEntry[]> {
  return parseRegistry(await readFile(file, 'utf8'), reserved, variables);
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
