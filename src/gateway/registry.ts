// The member-state subgraphs the gateway composes from a JSON file ([{ "name", "url", "public"?, "headers"?,
// "timeoutMs"? }]), watched so that adding, changing or removing an entry takes effect without a restart. The
// administrators' registrations in the database come on top (registry-database.ts).
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { headerProblems, MAX_HEADERS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, repeatedHeader, RESERVED_SUBGRAPH_NAMES, SUBGRAPH_NAME, SUBGRAPH_URL, type SubgraphEntry, type SubgraphHeader } from './subgraph-entry.js';

export type { SubgraphEntry, SubgraphHeader } from './subgraph-entry.js';

export class RegistryError extends Error {}

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

/** `headers` of a file entry: a list of { "name", "fromEnv" } (a reference to a variable, never the secret). */
function parseHeaders(headers: unknown, where: string): SubgraphHeader[] | undefined {
  if (headers === undefined) return undefined;
  if (!Array.isArray(headers) || headers.length > MAX_HEADERS) throw new RegistryError(`${where}: "headers" must be a list of at most ${MAX_HEADERS} { "name", "fromEnv" }`);
  const parsed = headers.map((header: Record<string, unknown>, j) => {
    const problem = headerProblems(header ?? {})[0];
    if (problem) throw new RegistryError(`${where}: headers[${j}].${problem.field} ${problem.message}`);
    return { name: header.name as string, fromEnv: header.fromEnv as string };
  });
  const repeated = repeatedHeader(parsed);
  if (repeated !== null) throw new RegistryError(`${where}: headers[${repeated}] names "${parsed[repeated]!.name}" a second time`);
  return parsed;
}

export function parseRegistry(text: string, reserved: readonly string[] = RESERVED_SUBGRAPH_NAMES, variables: Record<string, string> = {}): SubgraphEntry[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    throw new RegistryError(`the registry is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new RegistryError('the registry must be a JSON array of { "name", "url" }');
  const seen = new Set<string>(reserved);
  return entries.map((entry: Record<string, unknown>, i) => {
    const { name, url, public: isPublic, headers, timeoutMs } = entry ?? {};
    if (typeof name !== 'string' || !SUBGRAPH_NAME.test(name)) throw new RegistryError(`entry ${i}: "name" must be lower-case letters, digits and dashes`);
    if (seen.has(name)) throw new RegistryError(`entry ${i}: the name "${name}" is taken`);
    seen.add(name);
    const expanded = typeof url === 'string' ? expand(url, variables, `entry ${i} (${name})`) : url;
    if (typeof expanded !== 'string' || !SUBGRAPH_URL.test(expanded)) throw new RegistryError(`entry ${i} (${name}): "url" must be an http(s) URL`);
    if (isPublic !== undefined && typeof isPublic !== 'boolean') throw new RegistryError(`entry ${i} (${name}): "public" must be true or false`);
    const where = `entry ${i} (${name})`;
    const parsedHeaders = parseHeaders(headers, where);
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || (timeoutMs as number) < MIN_TIMEOUT_MS || (timeoutMs as number) > MAX_TIMEOUT_MS)) {
      throw new RegistryError(`${where}: "timeoutMs" must be an integer from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`);
    }
    return {
      name, url: expanded,
      ...(isPublic ? { public: true } : {}),
      ...(parsedHeaders?.length ? { headers: parsedHeaders } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs: timeoutMs as number } : {}),
    };
  });
}

export async function readRegistry(file: string, reserved: readonly string[] = RESERVED_SUBGRAPH_NAMES, variables: Record<string, string> = {}): Promise<SubgraphEntry[]> {
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
