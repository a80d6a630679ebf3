import type { HubContext } from '../../context.js';
import { publishedRowCount } from '../../common/disclosure.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Investigation } from '../investigation/index.js';
import type { Port } from '../port/index.js';
import { Seizure } from './seizure.entity.js';
import { countInCells } from './seizure.counts.js';
import { seizureCellsWhere, seizureOrder, seizureWhere } from './seizure.rows.js';
import type { SeizureFilter } from './seizure.inputs.js';

async function portOf(ctx: HubContext, ref: Port | null | undefined): Promise<Port | null> {
  return ref ? ctx.loaders.port.byId.load(ref.id) : null;
}

export const seizureService = {
  /**
   * The totalCount is published under disclosure control outside law enforcement (common/disclosure.ts), counted in
   * the rollup's cells when the filter allows (seizure.counts.ts), else over the rows.
   */
  list(ctx: HubContext, filter: SeizureFilter | null | undefined, page: PageArgs) {
    const where = seizureWhere(ctx.viewer, filter);
    const cells = seizureCellsWhere(ctx.viewer, filter);
    return findPage(ctx.em, Seizure, where, seizureOrder, page, cells ? { total: () => countInCells(ctx.em, ctx.viewer, cells) } : publishedRowCount(ctx.viewer));
  },

  /** One seizure by id, withdrawn or not. */
  async get(ctx: HubContext, id: string): Promise<Seizure> {
    return loadOrNotFound(ctx.loaders.seizure.byId, id, 'Seizure');
  },

  ofPort(ctx: HubContext, port: Port, filter: SeizureFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.seizure.ofPort.load(port.id, filter, page);
  },

  reportedBy(ctx: HubContext, agency: Agency, filter: SeizureFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.seizure.ofAgency.load(agency.id, filter, page);
  },

  ofInvestigation(ctx: HubContext, investigation: Investigation, filter: SeizureFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.seizure.ofInvestigation.load(investigation.id, filter, page);
  },

  /** The port of the seizure (always present: the foreign key is enforced). */
  async port(ctx: HubContext, seizure: Seizure): Promise<Port> {
    return (await portOf(ctx, seizure.port))!;
  },

  originPort: (ctx: HubContext, seizure: Seizure) => portOf(ctx, seizure.originPort),
  destinationPort: (ctx: HubContext, seizure: Seizure) => portOf(ctx, seizure.destinationPort),
  transitPorts: (ctx: HubContext, seizure: Seizure) => ctx.loaders.seizure.transitPorts.load(seizure.id),

  /** Origin, transits and destination in route order; missing ends are skipped. */
  async route(ctx: HubContext, seizure: Seizure): Promise<Port[]> {
    const [origin, transits, destination] = await Promise.all([
      portOf(ctx, seizure.originPort),
      ctx.loaders.seizure.transitPorts.load(seizure.id),
      portOf(ctx, seizure.destinationPort),
    ]);
    return [origin, ...transits, destination].filter((p): p is Port => p !== null);
  },
};
