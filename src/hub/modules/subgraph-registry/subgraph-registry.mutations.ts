// Administrators manage the member subgraphs the gateway composes. Every gateway instance reads the table within
// REGISTRY_POLL_MS; headers are references to the gateway's environment, so no secret is ever written here (nor, the
// inputs holding none, in the audit trail).
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../context.js';
import { badInput, conflict, notFound, staleVersion } from '../../common/errors.js';
import { idempotent, inTransaction, setGiven } from '../../common/mutations.js';
import { MemberSubgraph, type SubgraphHeader } from './subgraph-registry.entity.js';
import type { RegisterSubgraphInput, RetireSubgraphInput, SubgraphHeaderInput, UpdateSubgraphInput } from './subgraph-registry.inputs.js';
import { subgraphRegistryService } from './subgraph-registry.service.js';

/** Plain objects for the jsonb column (the input's are class instances). */
const plainHeaders = (headers: readonly SubgraphHeaderInput[] | null | undefined): SubgraphHeader[] =>
  (headers ?? []).map((h) => ({ name: h.name.toLowerCase(), fromEnv: h.fromEnv }));

/**
 * The registration for a change, by name, at the version the client read; NOT_FOUND for a name nobody registered,
 * CONFLICT for a stale version (and, through the lock, for a change committed between this read and the write).
 */
async function loadByName(em: EntityManager, name: string, version: number): Promise<MemberSubgraph> {
  const registration = await subgraphRegistryService.byName(em, name);
  if (!registration) throw notFound('MemberSubgraph', name);
  if (registration.version !== version) throw staleVersion('MemberSubgraph', name);
  await em.lock(registration, LockMode.OPTIMISTIC, version);
  return registration;
}

export const subgraphRegistryMutations = {
  /** A retry with the same idempotency key gets the registration the first request made. */
  async register(ctx: HubContext, input: RegisterSubgraphInput): Promise<MemberSubgraph> {
    const replay = (id: string) => subgraphRegistryService.get(ctx, id);
    return idempotent(ctx, { operation: 'registerSubgraph', key: input.idempotencyKey, input, replay }, async (key) =>
      inTransaction(ctx, async (em) => {
        const fields = { url: input.url, isPublic: input.public ?? false, headers: plainHeaders(input.headers), timeoutMs: input.timeoutMs ?? null };
        const existing = await subgraphRegistryService.byName(em, input.name);
        if (existing && !existing.retiredAt) throw conflict(`A subgraph named ${input.name} is already registered; change it with updateSubgraph`);
        if (existing) {
          // A retired name comes back in place: one row per name, its history in the audit trail.
          setGiven(existing, { ...fields, retiredAt: null, registeredBy: ctx.viewer.subject! });
          existing.updatedAt = new Date();
          await em.flush();
          return existing;
        }
        const registration = new MemberSubgraph({ name: input.name, ...fields, registeredBy: ctx.viewer.subject! });
        await em.persist(registration).flush();
        return registration;
      }, key));
  },

  async update(ctx: HubContext, input: UpdateSubgraphInput): Promise<MemberSubgraph> {
    if (input.url === null) throw badInput({ field: 'input.url', message: 'a subgraph keeps a URL; leave it out to keep the current one' });
    return inTransaction(ctx, async (em) => {
      const registration = await loadByName(em, input.name, input.version);
      if (registration.retiredAt) throw conflict(`The subgraph ${input.name} is retired; register it again to bring it back`);
      setGiven(registration, {
        url: input.url ?? undefined,
        isPublic: input.public === undefined ? undefined : (input.public ?? false),
        headers: input.headers === undefined ? undefined : plainHeaders(input.headers),
        timeoutMs: input.timeoutMs,
      });
      registration.updatedAt = new Date(); // bumps the version (and the gateways' fingerprint) even when nothing else changed
      await em.flush();
      return registration;
    });
  },

  async retire(ctx: HubContext, input: RetireSubgraphInput): Promise<MemberSubgraph> {
    return inTransaction(ctx, async (em) => {
      const registration = await loadByName(em, input.name, input.version);
      if (registration.retiredAt) throw conflict(`The subgraph ${input.name} is already retired`);
      registration.retiredAt = new Date();
      registration.updatedAt = new Date();
      await em.flush();
      return registration;
    });
  },
};
