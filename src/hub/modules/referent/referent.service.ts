import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import { type Agency, agencyService } from '../agency/index.js';
import type { Port } from '../port/index.js';
import { Referent } from './referent.entity.js';
import { referentOrder, referentWhere } from './referent.rows.js';
import type { ReferentFilter } from './referent.inputs.js';

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

  /** Ports a referent covers (Referent.ports), batched across referents. */
  portsOf(ctx: HubContext, referent: Referent, page: PageArgs) {
    return ctx.loaders.referent.ports.load(referent.id, null, page);
  },

  /** Referents covering a port, batched across ports. */
  ofPort(ctx: HubContext, port: Port, filter: ReferentFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.referent.ofPort.load(port.id, filter, page);
  },

  /** Referents of an agency, batched across agencies. */
  ofAgency(ctx: HubContext, agency: Agency, filter: ReferentFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.referent.ofAgency.load(agency.id, filter, page);
  },
};
