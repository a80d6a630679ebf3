import { forbidden } from '../../common/errors.js';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { isAdmin } from '../../../auth/audience.js';
import { actingAgencyId, type Viewer } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { idempotent, inTransaction, loadForUpdate } from '../../common/mutations.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs, type SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import { Agency, agencyService } from '../agency/index.js';
import { Port, portService } from '../port/index.js';
import { Referent } from './referent.entity.js';
import { visibleReferents } from './referent.visibility.js';
import type { ReferentFilter, RegisterReferentInput, UpdateReferentInput } from './referent.inputs.js';

export const referentOrder: SortKeys<Referent> = [['fullName', 'asc']];

export function referentWhere(viewer: Viewer, filter: ReferentFilter | null | undefined): FilterQuery<Referent> {
  const where: FilterQuery<Referent>[] = [visibleReferents(viewer)];
  if (filter?.ports?.length) where.push({ ports: { $some: { unlocode: { $in: filter.ports } } } });
  if (filter?.country) where.push({ agency: { country: filter.country } });
  if (filter?.agencyIds?.length) where.push({ agency: { $in: filter.agencyIds } });
  if (filter?.expertise?.length) where.push({ expertise: { $overlap: filter.expertise } });
  if (filter?.languages?.length) where.push({ languages: { $overlap: filter.languages } });
  if (filter?.search) where.push({ fullName: { $ilike: `%${escapeLike(filter.search)}%` } });
  return where.length ? { $and: where } : {};
}


export const referentService = {
  list(ctx: HubContext, filter: ReferentFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, Referent, referentWhere(ctx.viewer, filter), referentOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<Referent> {
    return loadOrNotFound(ctx.loaders.referent.byId, id, 'Referent');
  },

  agencyOf(ctx: HubContext, referent: Referent): Promise<Agency> {
    return agencyService.of(ctx, referent.agency);
  },

  /** Ports a referent covers (pivot referent_port), batched across referents. */
  portsOf(ctx: HubContext, referent: Referent, page: PageArgs) {
    return ctx.loaders.referent.ports.load(referent.id, {}, page);
  },

  /** Referents covering a port, batched across ports. */
  ofPort(ctx: HubContext, port: Port, filter: ReferentFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.referent.ofPort.load(port.id, referentWhere(ctx.viewer, filter), page, filter);
  },

  /** Referents of an agency, batched across agencies. */
  ofAgency(ctx: HubContext, agency: Agency, filter: ReferentFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.referent.ofAgency.load(agency.id, referentWhere(ctx.viewer, filter), page, filter);
  },

  /** A new referent in the acting (administrator's) agency; a retry with the same idempotency key gets the first one. */
  async register(ctx: HubContext, input: RegisterReferentInput): Promise<Referent> {
    const agencyId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => referentService.get(ctx, id);
    return idempotent(ctx, { operation: 'registerReferent', key: input.idempotencyKey, input, replay }, async (key) => {
      const ports = await portService.requireByUnlocodes(ctx, input.ports, 'input.ports');
      return inTransaction(ctx, async (em) => {
        const referent = Object.assign(new Referent(), {
          fullName: input.fullName,
          agency: em.getReference(Agency, agencyId),
          expertise: input.expertise,
          languages: input.languages,
          email: input.email ?? null,
          phone: input.phone ?? null,
          activeSince: input.activeSince,
          subject: input.subject ?? null,
        });
        referent.ports.set(ports.map((port) => em.getReference(Port, port.id)));
        em.persist(referent);
        return referent;
      }, key);
    });
  },

  /** Referents edit their own profile; an administrator edits the profiles of the agency's referents. */
  async update(ctx: HubContext, input: UpdateReferentInput): Promise<Referent> {
    actingAgencyId(ctx.viewer);
    const ports = input.ports ? await portService.requireByUnlocodes(ctx, input.ports, 'input.ports') : null;
    return inTransaction(ctx, async (em) => {
      const referent = await loadForUpdate(em, Referent, input.id, input.version, visibleReferents(ctx.viewer), (record) => {
        const ownProfile = record.subject != null && record.subject === ctx.viewer.subject;
        const agencyAdmin = isAdmin(ctx.viewer) && record.agency.id === ctx.viewer.agencyId;
        if (!ownProfile && !agencyAdmin) {
          throw forbidden("Referents edit their own profile; administrators their agency's referents");
        }
      });
      if (input.fullName != null) referent.fullName = input.fullName;
      if (input.expertise != null) referent.expertise = input.expertise;
      if (input.languages != null) referent.languages = input.languages;
      if (input.email !== undefined) referent.email = input.email;
      if (input.phone !== undefined) referent.phone = input.phone;
      if (input.activeSince != null) referent.activeSince = input.activeSince;
      if (ports) {
        await referent.ports.init();
        referent.ports.set(ports.map((port) => em.getReference(Port, port.id)));
      }
      // Every accepted update is a new version, even one that only changes the ports (a pivot-only change).
      referent.updatedAt = new Date();
      return referent;
    });
  },
};
