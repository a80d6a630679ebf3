// What the gateway's /readyz asks of the core: its own /readyz (PostgreSQL reachable), cached for a moment so
// that a load balancer polling every second costs the core one check, and answered within a second.
const CHECK_TIMEOUT_MS = 1000;

export interface CoreReadiness {
  ready: boolean;
  /** Why not (for administrators and the local host). */
  reason?: string;
}

export function coreReadiness(coreGraphqlUrl: string, cacheMs: number): () => Promise<CoreReadiness> {
  const url = new URL('/readyz', coreGraphqlUrl);
  let cached: { at: number; answer: Promise<CoreReadiness> } | undefined;
  const ask = async (): Promise<CoreReadiness> => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      if (res.ok) return { ready: true };
      const body = (await res.json().catch(() => ({}))) as { reason?: string; database?: string };
      return { ready: false, reason: body.reason ?? (body.database === 'down' ? 'the core cannot reach PostgreSQL' : `the core answered HTTP ${res.status}`) };
    } catch (error) {
      return { ready: false, reason: `the core subgraph does not answer (${(error as Error).name === 'TimeoutError' ? `no answer within ${CHECK_TIMEOUT_MS} ms` : (error as Error).message})` };
    }
  };
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > cacheMs) cached = { at: now, answer: ask() };
    return cached.answer;
  };
}
