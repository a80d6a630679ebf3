// Local composition of the supergraph (@apollo/composition; no cloud service): the core subgraph plus the
// member-state subgraphs of the registry. A subgraph that fails composition, or breaks the hub's rules, is
// refused with a readable report while the last good supergraph keeps serving.
import { composeServices } from '@apollo/composition';
import type { SupergraphManager } from '@apollo/gateway';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
import { anonymousViewer } from '../auth/viewer.js';
import type { GatewaySigner } from '../auth/gateway-token.js';
import { readRegistry, watchRegistry, type SubgraphEntry } from './registry.js';

export type SubgraphState = 'serving' | 'refused' | 'unreachable';

export interface SubgraphStatus {
  name: string;
  url: string;
  state: SubgraphState;
  /** Why it is refused or unreachable, one readable line each. */
  problems: string[];
  /** In the supergraph now being served (a refused new version may leave its previous one serving). */
  inSupergraph: boolean;
  checkedAt: string;
}

export interface ComposerOptions {
  core: SubgraphEntry;
  /** The registry file of member subgraphs (watched; `${NAME}` in URLs from `variables`), or a fixed list. */
  registry: { file: string; variables?: Record<string, string> } | { entries: SubgraphEntry[] };
  signer: GatewaySigner;
  /** How long to wait for a subgraph's SDL. */
  timeoutMs?: number;
  /** Re-read every subgraph's SDL this often (0: only when the registry changes). */
  pollMs?: number;
  /** Check that each registered subgraph answers this often (0 or absent: off), so /readyz sees outages early. */
  healthMs?: number;
  log?: (line: string) => void;
}

const SDL_QUERY = '{ _service { sdl } }';
const TYPENAME_QUERY = '{ __typename }';

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

class HttpStatusError extends Error {}

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

export class SupergraphComposer implements SupergraphManager {
  private readonly statuses = new Map<string, SubgraphStatus>();
  /** The member SDLs in the supergraph now served. */
  private readonly accepted = new Map<string, { entry: SubgraphEntry; typeDefs: DocumentNode }>();
  private coreTypeDefs?: DocumentNode;
  private supergraphSdl?: string;
  private update?: (sdl: string) => void;
  private running: Promise<void> = Promise.resolve();
  private registryProblem: string | null = null;
  /** Subgraphs the health check found down (a recomposition follows when they answer again). */
  private readonly downByHealth = new Set<string>();
  private readonly log: (line: string) => void;

  constructor(private readonly options: ComposerOptions) {
    this.log = options.log ?? ((line) => console.log(line));
  }

  async initialize({ update }: Parameters<SupergraphManager['initialize']>[0]) {
    this.update = update;
    await this.refresh();
    if (!this.supergraphSdl) throw new Error('no supergraph: the core subgraph is not reachable');
    const stopWatching = 'file' in this.options.registry ? watchRegistry(this.options.registry.file, () => void this.refresh()) : () => undefined;
    const poll = this.options.pollMs ? setInterval(() => void this.refresh(), this.options.pollMs) : undefined;
    poll?.unref();
    let checking = false;
    const health = this.options.healthMs
      ? setInterval(() => {
          if (checking) return;
          checking = true;
          void this.checkHealth().catch((error) => this.log(`health check: ${(error as Error).message}`)).finally(() => (checking = false));
        }, this.options.healthMs)
      : undefined;
    health?.unref();
    return {
      supergraphSdl: this.supergraphSdl,
      cleanup: async () => {
        stopWatching();
        clearInterval(poll);
        clearInterval(health);
      },
    };
  }

  /** The state of each subgraph and of the registry, for /readyz. */
  report() {
    return {
      composed: this.supergraphSdl !== undefined,
      registry: this.registryProblem,
      subgraphs: [...this.statuses.values()],
    };
  }

  /** Re-reads the registry and the subgraphs' SDL, and recomposes; calls are serialised. */
  refresh(): Promise<void> {
    this.running = this.running.then(() => this.recompose()).catch((error) => this.log(`composition: ${(error as Error).message}`));
    return this.running;
  }

  private async entries(): Promise<SubgraphEntry[]> {
    if ('entries' in this.options.registry) return this.options.registry.entries;
    try {
      const entries = await readRegistry(this.options.registry.file, [this.options.core.name], this.options.registry.variables);
      this.registryProblem = null;
      return entries;
    } catch (error) {
      // A broken registry file changes nothing: the subgraphs served so far keep serving.
      this.registryProblem = (error as Error).message;
      this.log(`registry refused: ${this.registryProblem}`);
      return [...this.accepted.values()].map((a) => a.entry);
    }
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 5000;
  }

  /** POST a query to a subgraph, signed by the gateway unless `signed` is false; fetch failures described. */
  private async post(entry: SubgraphEntry, query: string, signed = true): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signed) headers.authorization = `Bearer ${await this.options.signer.sign(anonymousViewer, entry.name)}`;
    try {
      return await fetch(entry.url, { method: 'POST', headers, body: JSON.stringify({ query }), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new Error(describeFetchFailure(error, entry.url, this.timeoutMs), { cause: error });
    }
  }

  /**
   * Whether the subgraph answers a request that carries no credential at all (it must refuse it: every request
   * should come through the gateway, signed). Returns the problem, or null.
   */
  private async answersUnsigned(entry: SubgraphEntry): Promise<string | null> {
    let res: Response;
    try {
      res = await this.post(entry, TYPENAME_QUERY, false);
    } catch {
      return null; // unreachable now: the SDL read says so
    }
    if (!res.ok) return null;
    const body = (await res.json().catch(() => null)) as { data?: unknown } | null;
    if (!body?.data) return null;
    return `answers requests without any credential: POST ${TYPENAME_QUERY} without Authorization got HTTP ${res.status} with data; it must check the gateway's signature (or be listed with "public": true)`;
  }

  /** Is the subgraph up? GET /healthz when it serves one, else a signed `{ __typename }`. Throws the cause. */
  private async probe(entry: SubgraphEntry): Promise<void> {
    const healthz = new URL('/healthz', entry.url).toString();
    let res: Response;
    try {
      res = await fetch(healthz, { method: 'GET', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new Error(describeFetchFailure(error, healthz, this.timeoutMs), { cause: error });
    }
    await res.body?.cancel();
    if (res.ok) return;
    const typename = await this.post(entry, TYPENAME_QUERY);
    await typename.body?.cancel();
    if (!typename.ok) throw new HttpStatusError(`HTTP ${typename.status}`);
  }

  /** Updates each registered subgraph's state from a cheap probe; recomposes when one comes back. */
  async checkHealth(): Promise<void> {
    const statuses = [...this.statuses.values()].filter((s) => s.state !== 'refused');
    let cameBack = false;
    await Promise.all(statuses.map(async (status) => {
      try {
        await this.probe({ name: status.name, url: status.url });
        if (this.downByHealth.delete(status.name)) cameBack = true;
      } catch (error) {
        const current = this.statuses.get(status.name);
        // The registry may have changed meanwhile.
        if (!current || current.url !== status.url || current.state === 'refused') return;
        const problem = (error as Error).message;
        this.downByHealth.add(status.name);
        if (current.state !== 'unreachable') this.log(`subgraph "${status.name}" unreachable: ${problem}`);
        this.statuses.set(status.name, { ...current, state: 'unreachable', problems: [problem], checkedAt: new Date().toISOString() });
      }
    }));
    if (cameBack) await this.refresh();
  }

  private async fetchTypeDefs(entry: SubgraphEntry): Promise<DocumentNode> {
    const res = await this.post(entry, SDL_QUERY);
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${entry.url}`);
    const body = (await res.json()) as { data?: { _service?: { sdl?: string } } };
    const sdl = body.data?._service?.sdl;
    if (!sdl) throw new Error(`${entry.url} did not answer { _service { sdl } }`);
    return parse(sdl);
  }

  private setStatus(entry: SubgraphEntry, state: SubgraphState, problems: string[], inSupergraph: boolean): void {
    this.statuses.set(entry.name, { name: entry.name, url: entry.url, state, problems, inSupergraph, checkedAt: new Date().toISOString() });
  }

  private compose(members: { entry: SubgraphEntry; typeDefs: DocumentNode }[]) {
    return composeServices([
      { name: this.options.core.name, url: this.options.core.url, typeDefs: this.coreTypeDefs! },
      ...members.map((m) => ({ name: m.entry.name, url: m.entry.url, typeDefs: m.typeDefs })),
    ]);
  }

  private async recompose(): Promise<void> {
    const { core } = this.options;
    try {
      this.coreTypeDefs = await this.fetchTypeDefs(core);
      this.setStatus(core, 'serving', [], true);
    } catch (error) {
      this.setStatus(core, 'unreachable', [(error as Error).message], this.supergraphSdl !== undefined);
      if (!this.coreTypeDefs) return;
    }
    const entries = await this.entries();
    type Fetched = { entry: SubgraphEntry; typeDefs: DocumentNode; open: string | null } | { entry: SubgraphEntry; error: string };
    const fetched = await Promise.all(entries.map(async (entry): Promise<Fetched> => {
      try {
        const [typeDefs, open] = await Promise.all([this.fetchTypeDefs(entry), this.answersUnsigned(entry)]);
        return { entry, typeDefs, open };
      } catch (error) {
        return { entry, error: (error as Error).message };
      }
    }));
    // The subgraphs already served go first: a conflicting newcomer is refused, whatever its place in the file, and
    // never evicts them. On first start, with nothing served yet, the file's order decides.
    const served = (name: string) => (this.accepted.has(name) ? 0 : 1);
    fetched.sort((a, b) => served(a.entry.name) - served(b.entry.name));

    // Add members one at a time, so one bad subgraph cannot take the others out with it.
    const members: { entry: SubgraphEntry; typeDefs: DocumentNode }[] = [];
    for (const candidate of fetched) {
      const previous = this.accepted.get(candidate.entry.name);
      if ('error' in candidate) {
        // Down now: keep its last schema so the graph stays the same; its fields fail at run time instead.
        if (previous) members.push(previous);
        this.setStatus(candidate.entry, 'unreachable', [candidate.error], !!previous);
        continue;
      }
      const problems = policyProblems(candidate.entry.name, candidate.typeDefs);
      if (candidate.open) {
        if (candidate.entry.public) this.log(`subgraph "${candidate.entry.name}" answers requests without any credential (listed "public": true)`);
        else problems.push(candidate.open);
      }
      if (!problems.length) {
        const result = this.compose([...members, candidate]);
        if (!result.errors) {
          members.push(candidate);
          this.setStatus(candidate.entry, 'serving', [], true);
          continue;
        }
        if (!previous && this.supergraphSdl !== undefined) {
          const others = [core.name, ...members.map((m) => m.entry.name)].join(', ');
          problems.push(`does not compose with the subgraphs already served (${others}): a newcomer is refused, they keep serving`);
        }
        problems.push(...result.errors.map((e) => `[${String(e.extensions?.code ?? 'COMPOSITION_ERROR')}] ${e.message}`));
      }
      const keepPrevious = previous && !this.compose([...members, previous]).errors;
      if (keepPrevious) members.push(previous);
      this.setStatus(candidate.entry, 'refused', problems, !!keepPrevious);
      this.log(`subgraph "${candidate.entry.name}" refused:\n  ${problems.join('\n  ')}`);
    }
    for (const name of this.statuses.keys()) {
      if (name !== core.name && !entries.some((e) => e.name === name)) this.statuses.delete(name);
    }

    const result = this.compose(members);
    if (result.errors) {
      this.log(`composition failed, the last good supergraph keeps serving:\n  ${result.errors.map((e) => e.message).join('\n  ')}`);
      return;
    }
    this.accepted.clear();
    for (const m of members) this.accepted.set(m.entry.name, m);
    const supergraphSdl = result.supergraphSdl!;
    if (supergraphSdl !== this.supergraphSdl) {
      const first = this.supergraphSdl === undefined;
      this.supergraphSdl = supergraphSdl;
      if (!first) this.update?.(supergraphSdl);
      this.log(`supergraph composed from ${[core.name, ...members.map((m) => m.entry.name)].join(', ')}`);
    }
  }
}
