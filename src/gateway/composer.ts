// Local composition of the supergraph (@apollo/composition; no cloud service): the core subgraph plus the
// member-state subgraphs of the registry (the file, and the administrators' registrations in the database). A
// subgraph that fails composition, or breaks the hub's rules, is refused with a readable report while the last good
// supergraph keeps serving.
import { composeServices } from '@apollo/composition';
import type { SupergraphManager } from '@apollo/gateway';
import { parse, type DocumentNode } from 'graphql';
import { anonymousViewer } from '../auth/viewer.js';
import { secretFromEnv } from '../config.js';
import type { GatewaySigner } from '../auth/gateway-token.js';
import { readRegistry, watchRegistry } from './registry.js';
import { describeFetchFailure, policyProblems } from './subgraph-checks.js';
import type { DatabaseRegistry } from './registry-database.js';
import { headerProblems, MissingSecretError, resolveHeaders, SUBGRAPH_NAME, SUBGRAPH_URL, type SubgraphEntry } from './subgraph-entry.js';

export { describeFetchFailure, policyProblems } from './subgraph-checks.js';

export type SubgraphState = 'serving' | 'refused' | 'unreachable';
/** Where a subgraph's registration comes from. */
export type SubgraphSource = 'core' | 'file' | 'database';

export interface SubgraphStatus {
  name: string;
  url: string;
  state: SubgraphState;
  /** Why it is refused or unreachable, one readable line each. */
  problems: string[];
  /** In the supergraph now being served (a refused new version may leave its previous one serving). */
  inSupergraph: boolean;
  source: SubgraphSource;
  checkedAt: string;
}

export interface ComposerOptions {
  core: SubgraphEntry;
  /** The registry file of member subgraphs (watched; `${NAME}` in URLs from `variables`), or a fixed list. */
  registry: { file: string; variables?: Record<string, string> } | { entries: SubgraphEntry[] };
  /**
   * The registrations administrators manage in the core's database, polled every `pollMs` (0: read only when the
   * supergraph is recomposed for another reason). A name the file lists too is served from the file.
   */
  database?: { registry: DatabaseRegistry; pollMs: number };
  signer: GatewaySigner;
  /** Where the values of registrations' headers come from, read at each call (default: the gateway's environment). */
  env?: (name: string) => string | undefined;
  /** How long to wait for a subgraph (its SDL, its probes, its calls) unless its registration says otherwise. */
  timeoutMs?: number;
  /** Re-read every subgraph's SDL this often (0: only when the registry changes). */
  pollMs?: number;
  /** Check that each registered subgraph answers this often (0 or absent: off), so /readyz sees outages early. */
  healthMs?: number;
  log?: (line: string) => void;
}

const SDL_QUERY = '{ _service { sdl } }';
const TYPENAME_QUERY = '{ __typename }';

class HttpStatusError extends Error {}

export class SupergraphComposer implements SupergraphManager {
  private readonly statuses = new Map<string, SubgraphStatus>();
  /** The member SDLs in the supergraph now served. */
  private readonly accepted = new Map<string, { entry: SubgraphEntry; typeDefs: DocumentNode }>();
  private coreTypeDefs?: DocumentNode;
  private supergraphSdl?: string;
  private update?: (sdl: string) => void;
  private running: Promise<void> = Promise.resolve();
  /** Why the file or the database could not be read (the last entries read from it are kept meanwhile). */
  private readonly registryProblems: { file: string | null; database: string | null } = { file: null, database: null };
  private fileEntries: SubgraphEntry[] = [];
  private databaseEntries: SubgraphEntry[] = [];
  /** The registrations in force, by name, with where each comes from (for probes and calls). */
  private current = new Map<string, { entry: SubgraphEntry; source: SubgraphSource }>();
  /** Database registrations not composed: their name is the core's or the file's, or the row is not valid. */
  private shadowed: SubgraphStatus[] = [];
  /** The database's fingerprint when it was last read; undefined: read it at the next poll. */
  private databaseFingerprint?: string;
  /** Subgraphs the health check found down (a recomposition follows when they answer again). */
  private readonly downByHealth = new Set<string>();
  /** Subgraphs refused because a header's variable is not set (a recomposition follows once it is). */
  private readonly waitingForSecret = new Set<string>();
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
    const database = this.options.database;
    let polling = false;
    const databasePoll = database?.pollMs
      ? setInterval(() => {
          if (polling) return;
          polling = true;
          void this.pollDatabase(database.registry).finally(() => (polling = false));
        }, database.pollMs)
      : undefined;
    databasePoll?.unref();
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
        clearInterval(databasePoll);
        clearInterval(health);
      },
    };
  }

  /** The state of each subgraph and of the registry, for /readyz. */
  report() {
    const { file, database } = this.registryProblems;
    return {
      composed: this.supergraphSdl !== undefined,
      registry: [file, database].filter(Boolean).join('; ') || null,
      subgraphs: [...this.statuses.values(), ...this.shadowed],
    };
  }

  /**
   * What a call to a subgraph carries beyond the gateway's own headers, read now (registrations change while the
   * gateway runs, and secrets may be rotated): its headers with their values, and its time limit. A header whose
   * variable is not set is a MissingSecretError.
   */
  callSettings(name: string): { headers: Record<string, string>; timeoutMs: number } {
    // The registration in force, even when its new version was not composed (a slow SDL read must not keep the old
    // time limit); the URL is the served supergraph's.
    const entry = name === this.options.core.name ? this.options.core : (this.current.get(name)?.entry ?? this.accepted.get(name)?.entry);
    if (!entry) return { headers: {}, timeoutMs: this.timeoutMs };
    return { headers: resolveHeaders(entry, this.env), timeoutMs: this.timeoutOf(entry) };
  }

  /** Recomposes when the database's registrations changed since they were last read. */
  private async pollDatabase(registry: DatabaseRegistry): Promise<void> {
    try {
      const fingerprint = await registry.fingerprint();
      if (fingerprint === this.databaseFingerprint) return;
      await this.refresh();
    } catch (error) {
      this.noteDatabaseProblem(error);
    }
  }

  private noteDatabaseProblem(error: unknown): void {
    const problem = `the registrations in the database cannot be read (${(error as Error).message}); the last ones read are kept`;
    if (problem !== this.registryProblems.database) this.log(problem);
    this.registryProblems.database = problem;
    this.databaseFingerprint = undefined; // read again at the next poll
  }

  /** Re-reads the registry and the subgraphs' SDL, and recomposes; calls are serialised. */
  refresh(): Promise<void> {
    this.running = this.running.then(() => this.recompose()).catch((error) => this.log(`composition: ${(error as Error).message}`));
    return this.running;
  }

  private async readFile(): Promise<SubgraphEntry[]> {
    if ('entries' in this.options.registry) return this.options.registry.entries;
    try {
      this.fileEntries = await readRegistry(this.options.registry.file, [this.options.core.name], this.options.registry.variables);
      this.registryProblems.file = null;
    } catch (error) {
      // A broken registry file changes nothing: the entries last read from it stay.
      this.registryProblems.file = (error as Error).message;
      this.log(`registry refused: ${this.registryProblems.file}`);
    }
    return this.fileEntries;
  }

  private async readDatabase(): Promise<SubgraphEntry[]> {
    const registry = this.options.database?.registry;
    if (!registry) return [];
    try {
      // The fingerprint first: a change made between the two reads is then seen again at the next poll.
      const fingerprint = await registry.fingerprint();
      this.databaseEntries = await registry.entries();
      this.databaseFingerprint = fingerprint;
      this.registryProblems.database = null;
    } catch (error) {
      this.noteDatabaseProblem(error);
    }
    return this.databaseEntries;
  }

  /**
   * The registrations in force: the file's, then the database's. The file wins a name both hold: it is the
   * deployment's own configuration, which an administrator's registration must not replace (nor take the core's
   * name); the database's registration is reported refused, saying why.
   */
  private async entries(): Promise<SubgraphEntry[]> {
    const [file, database] = await Promise.all([this.readFile(), this.readDatabase()]);
    const current = new Map<string, { entry: SubgraphEntry; source: SubgraphSource }>(file.map((entry) => [entry.name, { entry, source: 'file' }]));
    const shadowed: SubgraphStatus[] = [];
    const refuse = (entry: SubgraphEntry, problem: string) =>
      shadowed.push({ name: entry.name, url: entry.url, state: 'refused', problems: [problem], inSupergraph: false, source: 'database', checkedAt: new Date().toISOString() });
    for (const entry of database) {
      // Written through the core's checks; checked again, as a row may have been written by hand.
      const invalid = !SUBGRAPH_NAME.test(entry.name) ? 'its name' : !SUBGRAPH_URL.test(entry.url) ? 'its URL' : entry.headers?.some((h) => headerProblems(h).length) ? 'its headers' : null;
      if (invalid) refuse(entry, `the registration in the database is not valid (${invalid}); correct it with updateSubgraph`);
      else if (entry.name === this.options.core.name) refuse(entry, `the name "${entry.name}" is the core's`);
      else if (current.has(entry.name)) {
        refuse(entry, `the subgraphs file (SUBGRAPHS_FILE) lists "${entry.name}" too, and the file's entry is served: retire this registration, or remove the file's entry`);
      } else current.set(entry.name, { entry, source: 'database' });
    }
    this.current = current;
    this.shadowed = shadowed;
    return [...current.values()].map((c) => c.entry);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 5000;
  }

  private timeoutOf(entry: SubgraphEntry): number {
    return entry.timeoutMs ?? this.timeoutMs;
  }

  private get env(): (name: string) => string | undefined {
    return this.options.env ?? secretFromEnv;
  }

  /** POST a query to a subgraph, signed by the gateway unless `signed` is false; fetch failures described. */
  /**
   * POST a query to a subgraph, signed by the gateway and with the registration's headers unless `signed` is false
   * (then with no credential at all); fetch failures described.
   */
  private async post(entry: SubgraphEntry, query: string, signed = true): Promise<Response> {
    const headers: Record<string, string> = signed ? resolveHeaders(entry, this.env) : {};
    headers['content-type'] = 'application/json';
    if (signed) headers.authorization = `Bearer ${await this.options.signer.sign(anonymousViewer, entry.name)}`;
    const timeoutMs = this.timeoutOf(entry);
    try {
      return await fetch(entry.url, { method: 'POST', headers, body: JSON.stringify({ query }), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Error(describeFetchFailure(error, entry.url, timeoutMs), { cause: error });
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
    const headers = resolveHeaders(entry, this.env);
    const timeoutMs = this.timeoutOf(entry);
    let res: Response;
    try {
      res = await fetch(healthz, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Error(describeFetchFailure(error, healthz, timeoutMs), { cause: error });
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
    let cameBack = [...this.waitingForSecret].some((name) => {
      const entry = this.current.get(name)?.entry;
      try {
        return !!entry && !!resolveHeaders(entry, this.env);
      } catch {
        return false;
      }
    });
    await Promise.all(statuses.map(async (status) => {
      const entry = status.name === this.options.core.name ? this.options.core : this.current.get(status.name)?.entry;
      if (!entry) return;
      try {
        await this.probe(entry);
        if (this.downByHealth.delete(status.name)) cameBack = true;
      } catch (error) {
        const current = this.statuses.get(status.name);
        // The registry may have changed meanwhile.
        if (!current || current.url !== status.url || current.state === 'refused') return;
        const problem = (error as Error).message;
        // An unset secret is the gateway's configuration, not an outage: refused until it is set (then recomposed).
        const state = error instanceof MissingSecretError ? 'refused' : 'unreachable';
        this.downByHealth.add(status.name);
        if (current.state !== state) this.log(`subgraph "${status.name}" ${state}: ${problem}`);
        this.statuses.set(status.name, { ...current, state, problems: [problem], checkedAt: new Date().toISOString() });
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
    const source = entry.name === this.options.core.name ? 'core' : (this.current.get(entry.name)?.source ?? 'file');
    this.statuses.set(entry.name, { name: entry.name, url: entry.url, state, problems, inSupergraph, source, checkedAt: new Date().toISOString() });
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
    type Fetched = { entry: SubgraphEntry; typeDefs: DocumentNode; open: string | null } | { entry: SubgraphEntry; error: string; refuse: boolean };
    const fetched = await Promise.all(entries.map(async (entry): Promise<Fetched> => {
      try {
        const [typeDefs, open] = await Promise.all([this.fetchTypeDefs(entry), this.answersUnsigned(entry)]);
        return { entry, typeDefs, open };
      } catch (error) {
        return { entry, error: (error as Error).message, refuse: error instanceof MissingSecretError };
      }
    }));
    // The subgraphs already served go first: a conflicting newcomer is refused, whatever its place in the file, and
    // never evicts them. On first start, with nothing served yet, the file's order decides.
    const served = (name: string) => (this.accepted.has(name) ? 0 : 1);
    fetched.sort((a, b) => served(a.entry.name) - served(b.entry.name));

    // Add members one at a time, so one bad subgraph cannot take the others out with it.
    const members: { entry: SubgraphEntry; typeDefs: DocumentNode }[] = [];
    this.waitingForSecret.clear();
    for (const candidate of fetched) {
      const previous = this.accepted.get(candidate.entry.name);
      if ('error' in candidate && !candidate.refuse) {
        // Down now: keep its last schema so the graph stays the same; its fields fail at run time instead.
        if (previous) members.push(previous);
        this.setStatus(candidate.entry, 'unreachable', [candidate.error], !!previous);
        continue;
      }
      // A secret that is not set refuses it: nothing can be asked of it (a previous schema keeps its place; its
      // calls fail until the variable is set).
      if ('error' in candidate) this.waitingForSecret.add(candidate.entry.name);
      const problems = 'error' in candidate ? [candidate.error] : policyProblems(candidate.entry.name, candidate.typeDefs);
      if (!('error' in candidate) && candidate.open) {
        if (candidate.entry.public) this.log(`subgraph "${candidate.entry.name}" answers requests without any credential (listed "public": true)`);
        else problems.push(candidate.open);
      }
      if (!problems.length && !('error' in candidate)) {
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
