import type { EntityManager } from '@mikro-orm/postgresql';
import type { DirectoryAgency } from '../../../auth/user-viewer.js';
import { isUuid } from '../../../ids.js';
import type { HubContext } from '../../context.js';
import { badInput, notFound } from '../../common/errors.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import type { Port } from '../port/index.js';
import { Agency } from './agency.entity.js';
import { agencyOrder, agencyWhere } from './agency.rows.js';
import type { AgencyFilter } from './agency.inputs.js';

export const agencyService = {
  list(ctx: HubContext, filter: AgencyFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, Agency, agencyWhere(filter), agencyOrder, page);
  },

  /** By id or by code: exactly one of them. */
  async get(ctx: HubContext, id?: string | null, code?: string | null): Promise<Agency> {
    if ((id == null) === (code == null)) {
      throw badInput({ field: id == null ? 'id' : 'code', message: 'give either id or code, not both' });
    }
    const agency = id != null ? await ctx.loaders.agency.byId.load(id) : await ctx.loaders.agency.byCode.load(code!);
    if (!agency) throw notFound('Agency', id ?? code!);
    return agency;
  },

  /**
   * The member agency a user's token names (by code or id) and its kind, for subgraph requests that carry the user's
   * own token; null when there is none. Outside a request: `em` is a fork of its own.
   */
  async member(em: EntityManager, codeOrId: string): Promise<DirectoryAgency | null> {
    const agency = await em.findOne(Agency, isUuid(codeOrId) ? { id: codeOrId } : { code: codeOrId }, { fields: ['id', 'kind'] });
    return agency ? { id: agency.id, kind: agency.kind } : null;
  },

  /** The agency a relation points at (always present: foreign keys are enforced). */
  async of(ctx: HubContext, agency: Agency): Promise<Agency> {
    return (await ctx.loaders.agency.byId.load(agency.id))!;
  },

  /** Agencies named by id in an input; an unknown id is BAD_USER_INPUT on `field`. */
  async requireByIds(ctx: HubContext, ids: readonly string[], field: string): Promise<Agency[]> {
    const agencies = await Promise.all(ids.map((id) => ctx.loaders.agency.byId.load(id)));
    const problems = ids.flatMap((id, i) => (agencies[i] ? [] : [{ field: `${field}[${i}]`, message: `no agency with id ${id}` }]));
    if (problems.length) throw badInput(problems);
    return agencies as Agency[];
  },

  /** Agencies serving a port (Agency.ports), batched across ports. */
  agenciesOfPort(ctx: HubContext, port: Port, filter: AgencyFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.agency.ofPort.load(port.id, filter, page);
  },

  /** Ports an agency serves, batched across agencies. */
  portsOfAgency(ctx: HubContext, agency: Agency, page: PageArgs) {
    return ctx.loaders.agency.ports.load(agency.id, null, page);
  },
};
