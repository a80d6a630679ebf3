import type { FilterQuery } from '@mikro-orm/postgresql';
import { forbidden } from '../../common/errors.js';
import { isLawEnforcement } from '../../../auth/audience.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import type { GroupedPages } from '../../common/grouped-pages.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs, type SortKeys } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Investigation } from '../investigation/index.js';
import type { Port } from '../port/index.js';
import { Seizure } from './seizure.entity.js';
import { visibleSeizures } from './seizure.visibility.js';
import type { RecordSeizureInput, SeizureFilter } from './seizure.inputs.js';
import { correctSeizure, recordSeizure, withdrawSeizure } from './seizure.writes.js';

/** Latest first; id breaks ties so pages never overlap. */
export const seizureOrder: SortKeys<Seizure> = [['seizedOn', 'desc']];

/** Filtering on operational details is law enforcement only, like the fields: else a filter would reveal them. */
function requireMayFilterOnOperationalDetails(viewer: Viewer, filter: SeizureFilter | null | undefined): void {
  if (!filter || isLawEnforcement(viewer)) return;
  const used = filter.containerNumber != null ? 'containerNumber' : filter.concealments?.length ? 'concealments' : null;
  if (used) {
    throw forbidden(`Not allowed to filter seizures by ${used}`, `filter.${used}`);
  }
}

/** The one place seizure lists are filtered: the viewer's visibility, then the filter. */
export function seizureWhere(viewer: Viewer, filter: SeizureFilter | null | undefined): FilterQuery<Seizure> {
  requireMayFilterOnOperationalDetails(viewer, filter);
  const where: FilterQuery<Seizure>[] = [visibleSeizures(viewer)];
  if (!filter?.includeWithdrawn) where.push({ withdrawnAt: null });
  if (filter?.ports?.length) where.push({ port: { unlocode: { $in: filter.ports } } });
  if (filter?.country) where.push({ port: { country: filter.country } });
  if (filter?.agencyIds?.length) where.push({ originAgency: { $in: filter.agencyIds } });
  if (filter?.drugTypes?.length) where.push({ drugType: { $in: filter.drugTypes } });
  if (filter?.seizedFrom) where.push({ seizedOn: { $gte: filter.seizedFrom } });
  if (filter?.seizedTo) where.push({ seizedOn: { $lte: filter.seizedTo } });
  if (filter?.concealments?.length) where.push({ concealment: { $in: filter.concealments } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  if (filter?.containerNumber) where.push({ containerNumber: filter.containerNumber });
  return where.length ? { $and: where } : {};
}

/** A nested page of seizures under one parent, batched with its siblings that ask with the same filter. */
function groupedPage(ctx: HubContext, loader: GroupedPages<Seizure>, parentId: string, filter: SeizureFilter | null | undefined, page: PageArgs) {
  return loader.load(parentId, seizureWhere(ctx.viewer, filter), page, filter);
}

async function portOf(ctx: HubContext, ref: Port | null | undefined): Promise<Port | null> {
  return ref ? ctx.loaders.port.byId.load(ref.id) : null;
}

export const seizureService = {
  list(ctx: HubContext, filter: SeizureFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, Seizure, seizureWhere(ctx.viewer, filter), seizureOrder, page);
  },

  /** One seizure by id, withdrawn or not. */
  async get(ctx: HubContext, id: string): Promise<Seizure> {
    return loadOrNotFound(ctx.loaders.seizure.byId, id, 'Seizure');
  },

  record(ctx: HubContext, input: RecordSeizureInput): Promise<Seizure> {
    return recordSeizure(ctx, input, (id) => seizureService.get(ctx, id));
  },
  correct: correctSeizure,
  withdraw: withdrawSeizure,

  ofPort(ctx: HubContext, port: Port, filter: SeizureFilter | null | undefined, page: PageArgs) {
    return groupedPage(ctx, ctx.loaders.seizure.ofPort, port.id, filter, page);
  },

  reportedBy(ctx: HubContext, agency: Agency, filter: SeizureFilter | null | undefined, page: PageArgs) {
    return groupedPage(ctx, ctx.loaders.seizure.ofAgency, agency.id, filter, page);
  },

  ofInvestigation(ctx: HubContext, investigation: Investigation, filter: SeizureFilter | null | undefined, page: PageArgs) {
    return groupedPage(ctx, ctx.loaders.seizure.ofInvestigation, investigation.id, filter, page);
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

  async investigation(ctx: HubContext, seizure: Seizure): Promise<Investigation | null> {
    return seizure.investigation ? ctx.loaders.investigation.byId.load(seizure.investigation.id) : null;
  },
};
