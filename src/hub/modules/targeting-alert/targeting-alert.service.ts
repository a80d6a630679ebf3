import type { HubContext } from '../../context.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import type { Agency } from '../agency/index.js';
import type { Port } from '../port/index.js';
import { riskIndicatorService, type RiskIndicator } from '../risk-indicator/index.js';
import type { Seizure } from '../seizure/index.js';
import { TargetingAlert, type TargetingAlertStatus } from './targeting-alert.entity.js';
import type { TargetingAlertFilter } from './targeting-alert.inputs.js';
import { targetingAlertOrder, targetingAlertWhere } from './targeting-alert.rows.js';
import { statusOf } from './targeting-alert.status.js';

const present = <T>(items: (T | Error | null)[]): T[] => items.filter((i): i is T => i !== null && !(i instanceof Error));

export const targetingAlertService = {
  list(ctx: HubContext, filter: TargetingAlertFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, TargetingAlert, targetingAlertWhere(ctx.viewer, filter, ctx.loaders.targetingAlert.clock), targetingAlertOrder, page);
  },

  get(ctx: HubContext, id: string): Promise<TargetingAlert> {
    return loadOrNotFound(ctx.loaders.targetingAlert.byId, id, 'TargetingAlert');
  },

  /** Alerts whose route includes the port, batched across ports. */
  ofPort(ctx: HubContext, port: Port, filter: TargetingAlertFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.targetingAlert.ofPort.load(port.id, filter, page);
  },

  /** On the request's clock, the same the status filter uses. */
  status(ctx: HubContext, alert: TargetingAlert): TargetingAlertStatus {
    return statusOf(alert, ctx.loaders.targetingAlert.clock);
  },

  async port(ctx: HubContext, ref: Port): Promise<Port> {
    return (await ctx.loaders.port.byId.load(ref.id))!;
  },

  async transshipmentPorts(ctx: HubContext, alert: TargetingAlert): Promise<Port[]> {
    const ids = await ctx.loaders.targetingAlert.transshipmentPortIds.load(alert.id);
    return present(await ctx.loaders.port.byId.loadMany(ids));
  },

  /** The cited indicators the viewer may see (a hidden one is left out, as if not cited). */
  async riskIndicators(ctx: HubContext, alert: TargetingAlert): Promise<RiskIndicator[]> {
    return riskIndicatorService.visibleByIds(ctx, await ctx.loaders.targetingAlert.riskIndicatorIds.load(alert.id));
  },

  async addressedAgencies(ctx: HubContext, alert: TargetingAlert): Promise<Agency[]> {
    const ids = await ctx.loaders.targetingAlert.addressedAgencyIds.load(alert.id);
    return present(await ctx.loaders.agency.byId.loadMany(ids)).sort((a, b) => a.name.localeCompare(b.name));
  },

  async acknowledgingAgency(ctx: HubContext, alert: TargetingAlert): Promise<Agency | null> {
    return alert.acknowledgingAgency ? ctx.loaders.agency.byId.load(alert.acknowledgingAgency.id) : null;
  },

  /** The seizure the control led to, if the viewer may see it: a hidden one reads as no link (null, no error). */
  async seizure(ctx: HubContext, alert: TargetingAlert): Promise<Seizure | null> {
    return alert.seizure ? ctx.loaders.seizure.byId.load(alert.seizure.id) : null;
  },

  /** The alert a seizure came of, if the viewer may see one. */
  alertOfSeizure(ctx: HubContext, seizure: Seizure): Promise<TargetingAlert | null> {
    return ctx.loaders.targetingAlert.ofSeizure.load(seizure.id);
  },
};
