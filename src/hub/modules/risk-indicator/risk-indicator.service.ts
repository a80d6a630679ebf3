import type { HubContext } from '../../context.js';
import { badInput } from '../../common/errors.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import { RiskIndicator } from './risk-indicator.entity.js';
import type { LocalizedText, RiskIndicatorFilter } from './risk-indicator.inputs.js';
import { riskIndicatorOrder, riskIndicatorWhere } from './risk-indicator.rows.js';

export const riskIndicatorService = {
  list(ctx: HubContext, filter: RiskIndicatorFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, RiskIndicator, riskIndicatorWhere(ctx.viewer, filter), riskIndicatorOrder, page);
  },

  get(ctx: HubContext, id: string): Promise<RiskIndicator> {
    return loadOrNotFound(ctx.loaders.riskIndicator.byId, id, 'RiskIndicator');
  },

  /**
   * The indicators an input cites by code, among those the viewer may see: any other code is "no indicator", whether
   * it exists or not (BAD_USER_INPUT on `field[i]`).
   */
  async requireByCodes(ctx: HubContext, codes: readonly string[], field: string): Promise<RiskIndicator[]> {
    const found = await Promise.all(codes.map((code) => ctx.loaders.riskIndicator.byCode.load(code)));
    const problems = codes.flatMap((code, i) => (found[i] ? [] : [{ field: `${field}[${i}]`, message: `no risk indicator with code ${code}` }]));
    if (problems.length) throw badInput(problems);
    return found as RiskIndicator[];
  },

  /** Indicators by id, those the viewer may see only (a hidden one is left out), in the given order. */
  async visibleByIds(ctx: HubContext, ids: readonly string[]): Promise<RiskIndicator[]> {
    const found = await ctx.loaders.riskIndicator.byId.loadMany([...ids]);
    return found.filter((i): i is RiskIndicator => i instanceof RiskIndicator);
  },

  /** Descriptions by language, in language order. */
  descriptions(indicator: RiskIndicator): LocalizedText[] {
    return Object.entries(indicator.descriptions ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([language, text]) => ({ language, text }));
  },
};
