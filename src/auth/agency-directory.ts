// Agency directories: where a verifier of users' tokens learns the facts it needs about the agency a token names
// (its id and kind). The core reads its own database; the hub gateway asks the core; a member subgraph, which has
// no database of the alliance, asks the alliance graph through its public address (the `agency` query is PUBLIC).
// Every directory is cached briefly: the directory changes rarely, and a removed agency stops working within a
// minute.
import { GraphQLError } from 'graphql';
import { isUuid } from '../ids.js';
import type { AgencyDirectory, DirectoryAgency } from './user-viewer.js';

/** How long a cached member stays usable while its source cannot be asked. */
const STALE_MS = 60 * 60_000;

const QUERY = 'query AgencyDirectoryLookup($id: ID, $code: String) { agency(id: $id, code: $code) { id code kind } }';

/**
 * Caches `lookup` for `ttlMs`. When the source fails, a member known a moment ago stays known (for up to an hour),
 * so signed-in users keep working through a restart of the source; an unknown one gets SUBGRAPH_UNAVAILABLE
 * (`source` names what could not be asked).
 */
export function cachedAgencyDirectory(lookup: AgencyDirectory, source: string, ttlMs = 60_000): AgencyDirectory {
  const cache = new Map<string, { at: number; agency: Promise<DirectoryAgency | null> }>();
  return (codeOrId) => {
    const hit = cache.get(codeOrId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.agency;
    const agency = lookup(codeOrId).catch((error: unknown) => {
      cache.delete(codeOrId);
      if (hit && Date.now() - hit.at < STALE_MS) {
        cache.set(codeOrId, hit);
        return hit.agency;
      }
      throw new GraphQLError(`Membership cannot be checked right now (${(error as Error).message}); retry shortly`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: source } });
    });
    cache.set(codeOrId, { at: Date.now(), agency });
    if (cache.size > 5000) cache.delete(cache.keys().next().value!);
    return agency;
  };
}

/**
 * The public `agency` query of a GraphQL endpoint that serves the core's graph: the core itself (the hub gateway
 * asks it with its signature in `headers`) or the alliance's router (a member subgraph asks it as anyone would).
 */
export function graphqlAgencyDirectory(target: { name: string; url: string; headers?: () => Promise<Record<string, string>> }, ttlMs = 60_000): AgencyDirectory {
  const ask = async (codeOrId: string): Promise<DirectoryAgency | null> => {
    const variables = isUuid(codeOrId) ? { id: codeOrId } : { code: codeOrId };
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await target.headers?.()) },
      body: JSON.stringify({ query: QUERY, variables }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: { agency: DirectoryAgency | null } | null; errors?: { extensions?: { code?: string } }[] };
    if (body.data?.agency) return body.data.agency;
    if (body.errors?.every((e) => e.extensions?.code === 'NOT_FOUND' || e.extensions?.code === 'BAD_USER_INPUT')) return null;
    throw new Error(`agency directory unavailable (HTTP ${res.status})`);
  };
  return cachedAgencyDirectory(ask, target.name, ttlMs);
}
