// What the composer tells of a subgraph: why a call failed, in one readable line, and which of the hub's own rules
// (on top of composition's) its schema breaks.
import { Kind, visit, type DocumentNode } from 'graphql';

/**
 * One readable cause for a failed call to a subgraph, from the error chain: `ECONNREFUSED 10.0.0.5:4002`,
 * `timeout after 5000 ms`, `ENOTFOUND graph.example.be`, or the innermost message.
 */
export function describeFetchFailure(error: unknown, url: string, timeoutMs?: number): string {
  const chain: Record<string, unknown>[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 10) {
    const e = current as Record<string, unknown>;
    chain.push(e);
    // Happy eyeballs: undici wraps each address's failure in an AggregateError.
    const errors = e.errors;
    current = Array.isArray(errors) && errors.length ? errors[0] : e.cause;
  }
  if (chain.some((e) => e.name === 'TimeoutError' || e.code === 'UND_ERR_CONNECT_TIMEOUT' || e.code === 'ETIMEDOUT')) {
    return timeoutMs ? `timeout after ${timeoutMs} ms` : 'timeout';
  }
  const coded = chain.find((e) => typeof e.code === 'string' && !String(e.code).startsWith('UND_ERR_') && e.code !== 'ABORT_ERR') ?? chain.find((e) => typeof e.code === 'string');
  if (coded) {
    let where: string;
    if (typeof coded.address === 'string') where = coded.port !== undefined ? `${coded.address}:${String(coded.port)}` : coded.address;
    else if (typeof coded.hostname === 'string') where = coded.hostname;
    else {
      try {
        where = new URL(url).host;
      } catch {
        where = url;
      }
    }
    return `${String(coded.code)} ${where}`;
  }
  const innermost = chain.at(-1);
  return typeof innermost?.message === 'string' && innermost.message ? innermost.message : String(error);
}

/** The hub's own rules for member subgraphs, on top of composition's. */
export function policyProblems(name: string, typeDefs: DocumentNode): string[] {
  const problems: string[] = [];
  visit(typeDefs, {
    FieldDefinition(field, _key, _parent, _path, ancestors) {
      const owner = ancestors.at(-1) as { name?: { value: string } } | undefined;
      const where = `${owner?.name?.value ?? '?'}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        if (directive.name.value === 'sensitivity' && field.type.kind === Kind.NON_NULL_TYPE) {
          problems.push(`[SENSITIVE_FIELD_NOT_NULLABLE] ${where} is marked @sensitivity but is non-null: the gateway withholds it as null, so it must be nullable`);
        }
        if (directive.name.value === 'override' && name !== 'core') {
          problems.push(`[OVERRIDE_REFUSED] ${where} uses @override: member subgraphs may add fields, not take over fields of other subgraphs`);
        }
      }
    },
  });
  return problems;
}
