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
  log?: (line: string) => void;
}

const SDL_QUERY = '{ _service { sdl } }';

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
    return {
      supergraphSdl: this.supergraphSdl,
      cleanup: async () => {
        stopWatching();
        clearInterval(poll);
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

  private async fetchTypeDefs(entry: SubgraphEntry): Promise<DocumentNode> {
    const token = await this.options.signer.sign(anonymousViewer, entry.name);
    const res = await fetch(entry.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SDL_QUERY }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
    });
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
    type Fetched = { entry: SubgraphEntry; typeDefs: DocumentNode } | { entry: SubgraphEntry; error: string };
    const fetched = await Promise.all(entries.map(async (entry): Promise<Fetched> => {
      try {
        return { entry, typeDefs: await this.fetchTypeDefs(entry) };
      } catch (error) {
        return { entry, error: (error as Error).message };
      }
    }));

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
      if (!problems.length) {
        const result = this.compose([...members, candidate]);
        if (!result.errors) {
          members.push(candidate);
          this.setStatus(candidate.entry, 'serving', [], true);
          continue;
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
