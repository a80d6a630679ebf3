// The agency directory as the gateway sees it: the core subgraph's public `agency` query, asked with the
// gateway's own signature, cached briefly (the directory changes rarely; a removed agency stops working within
// a minute).
import { anonymousViewer } from '../auth/viewer.js';
import type { GatewaySigner } from '../auth/gateway-token.js';
import { isUuid } from '../ids.js';
import type { AgencyDirectory, DirectoryAgency } from './identity.js';

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
    const agency = ask(codeOrId);
    cache.set(codeOrId, { at: Date.now(), agency });
    agency.catch(() => cache.delete(codeOrId)); // do not remember an outage
    if (cache.size > 5000) cache.delete(cache.keys().next().value!);
    return agency;
  };
}
