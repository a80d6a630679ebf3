// The agency directory as the gateway sees it: the core subgraph's public `agency` query, asked with the
// gateway's own signature, cached briefly (the directory changes rarely; a removed agency stops working within
// a minute).
import { GraphQLError } from 'graphql';
import { anonymousViewer } from '../auth/viewer.js';
import type { GatewaySigner } from '../auth/gateway-token.js';
import { isUuid } from '../ids.js';
import type { AgencyDirectory, DirectoryAgency } from './identity.js';

/** How long a cached member stays usable while the core cannot be asked. */
const STALE_MS = 60 * 60_000;

const QUERY = 'query GatewayAgencyLookup($id: ID, $code: String) { agency(id: $id, code: $code) { id code kind } }';

export function coreAgencyDirectory(core: { name: string; url: string }, signer: GatewaySigner, ttlMs = 60_000): AgencyDirectory {
  const cache = new Map<string, { at: number; agency: Promise<DirectoryAgency | null> }>();
  const ask = async (codeOrId: string): Promise<DirectoryAgency | null> => {
    const token = await signer.sign(anonymousViewer, core.name);
    const variables = isUuid(codeOrId) ? { id: codeOrId } : { code: codeOrId };
    const res = await fetch(core.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY, variables }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { data?: { agency: DirectoryAgency | null } | null; errors?: { extensions?: { code?: string } }[] };
    if (body.data?.agency) return body.data.agency;
    if (body.errors?.every((e) => e.extensions?.code === 'NOT_FOUND' || e.extensions?.code === 'BAD_USER_INPUT')) return null;
    throw new Error(`agency directory unavailable (${res.status})`);
  };
  return (codeOrId) => {
    const hit = cache.get(codeOrId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.agency;
    const agency = ask(codeOrId).catch((error: unknown) => {
      // The core is down or restarting: a member known a moment ago stays known (for up to STALE_MS), so
      // signed-in users keep reaching the subgraphs that are up; an unknown one waits for the core.
      cache.delete(codeOrId);
      if (hit && Date.now() - hit.at < STALE_MS) {
        cache.set(codeOrId, hit);
        return hit.agency;
      }
      throw new GraphQLError(`Membership cannot be checked right now (${(error as Error).message}); retry shortly`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: core.name } });
    });
    cache.set(codeOrId, { at: Date.now(), agency });
    if (cache.size > 5000) cache.delete(cache.keys().next().value!);
    return agency;
  };
}
