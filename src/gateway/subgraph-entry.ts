// What a member subgraph's registration holds, and the rules every source of registrations checks alike: the JSON
// file (registry.ts), the table the core's administrators manage (registry-database.ts reads it; the core's
// subgraph-registry module writes it, with these same rules). No dependency: the core may import it.

/** A header the gateway adds to every call to a subgraph, its value read from the gateway's environment. */
export interface SubgraphHeader {
  name: string;
  /** The environment variable holding the value (a secret): only its name is ever stored or shown. */
  fromEnv: string;
}

export interface SubgraphEntry {
  name: string;
  url: string;
  /**
   * `"public": true`: the subgraph deliberately answers requests without any credential (public data only); without
   * it, such a subgraph is refused.
   */
  public?: boolean;
  /** Sent on every call to this subgraph (SDL reads, health probes, queries). */
  headers?: SubgraphHeader[];
  /** How long the gateway waits for this subgraph (SUBGRAPH_TIMEOUT_MS otherwise). */
  timeoutMs?: number;
}

export const SUBGRAPH_NAME = /^[a-z][a-z0-9-]{1,48}$/;
export const SUBGRAPH_NAME_RULE = 'lower-case letters, digits and dashes, 2 to 49 characters, starting with a letter';
/** Names no registration may take: the core's. */
export const RESERVED_SUBGRAPH_NAMES: readonly string[] = ['core'];

export const SUBGRAPH_URL = /^https?:\/\/[^\s/]+[^\s]*$/;
export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 60000;
export const MAX_HEADERS = 10;

/** An HTTP field name (RFC 9110 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
/**
 * Headers the gateway sets itself, or that change how HTTP carries the request: a registration must not replace
 * them (the gateway's signature, the trace, the idempotency key, framing).
 */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'authorization', 'proxy-authorization', 'host', 'content-type', 'content-length', 'content-encoding', 'accept', 'accept-encoding',
  'traceparent', 'tracestate', 'idempotency-key', 'cookie', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'expect', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto',
]);
export const ENV_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Why a header reference is not acceptable (none: it is), by field of the reference. */
export function headerProblems(header: { name?: unknown; fromEnv?: unknown }): { field: 'name' | 'fromEnv'; message: string }[] {
  const problems: { field: 'name' | 'fromEnv'; message: string }[] = [];
  if (typeof header.name !== 'string' || !HEADER_NAME.test(header.name)) {
    problems.push({ field: 'name', message: 'must be an HTTP header name (letters, digits and !#$%&\'*+.^_`|~-, at most 64)' });
  } else if (RESERVED_HEADERS.has(header.name.toLowerCase())) {
    problems.push({ field: 'name', message: `"${header.name.toLowerCase()}" is set by the gateway or HTTP itself and cannot be configured` });
  }
  if (typeof header.fromEnv !== 'string' || !ENV_NAME.test(header.fromEnv)) {
    problems.push({ field: 'fromEnv', message: 'must name an environment variable: capitals, digits and _, starting with a capital (the secret itself is never stored)' });
  }
  return problems;
}

/** The index of the first header a list names a second time (case-insensitively), or null. */
export function repeatedHeader(headers: readonly { name: string }[]): number | null {
  const seen = new Set<string>();
  for (const [i, header] of headers.entries()) {
    const name = header.name.toLowerCase();
    if (seen.has(name)) return i;
    seen.add(name);
  }
  return null;
}

export class MissingSecretError extends Error {}

/**
 * The headers of an entry with their values, read from the environment now (variables may be set or rotated while
 * the gateway runs). A variable that is unset or empty is a MissingSecretError naming the header and the variable,
 * never a value.
 */
export function resolveHeaders(entry: Pick<SubgraphEntry, 'headers'>, env: (name: string) => string | undefined): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const header of entry.headers ?? []) {
    const value = env(header.fromEnv);
    if (!value) throw new MissingSecretError(`header "${header.name}" takes its value from the environment variable ${header.fromEnv}, which is not set on the gateway`);
    resolved[header.name.toLowerCase()] = value;
  }
  return resolved;
}
