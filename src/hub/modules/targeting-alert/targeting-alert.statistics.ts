// Targeting statistics: what the alerts of the loop give, per risk indicator and/or per port of loading — alerts,
// controlled, seizures, hit rate (seizures per controlled alert) and the median hours from alert to control. ONE
// grouped SQL statement over the alerts `targetingAlertWhere` selects (row visibility, the list filter), so they never
// count an alert the viewer could not list; by indicator, only the indicators the viewer may see make buckets (an
// alert citing two counts in both). Disclosure control is the seizure statistics' (common/disclosure.ts): exact for
// law enforcement; for anyone else buckets under 5 alerts are suppressed and every count is rounded on the cell key
// of its own records, and rates and medians (drawn from a few records) are not published. Alerts are law enforcement
// only, so outside it the answer is empty: the control is there so that no future widening can bypass it.
import type { HubContext } from '../../context.js';
import { figuresFor, SMALLEST_PUBLISHED_BUCKET } from '../../common/disclosure.js';
import { badInput, type FieldProblem } from '../../common/errors.js';
import { columnOf, executeRaw, pivotOf, quoteIdentifier as quote, tableOf } from '../../common/sql.js';
import { Port } from '../port/index.js';
import { RiskIndicator, visibleRiskIndicators } from '../risk-indicator/index.js';
import { ControlOutcome, ControlResult, TargetingAlert } from './targeting-alert.entity.js';
import type { TargetingAlertFilter } from './targeting-alert.inputs.js';
import { targetingAlertWhere } from './targeting-alert.rows.js';

export enum TargetingStatisticsDimension {
  RISK_INDICATOR = 'RISK_INDICATOR',
  PORT_OF_LOADING = 'PORT_OF_LOADING',
}

export const DEFAULT_TARGETING_BUCKETS = 100;
export const MAX_TARGETING_BUCKETS = 1000;

export interface TargetingBucketData {
  riskIndicatorId: string | null;
  portOfLoadingId: string | null;
  alerts: number;
  controlled: number;
  seizures: number;
  hitRate: number | null;
  medianHoursToControl: number | null;
}

export interface TargetingStatisticsData {
  buckets: TargetingBucketData[];
  suppressedBuckets: number;
  hasMoreBuckets: boolean;
}

function requireValidArguments(groupBy: readonly TargetingStatisticsDimension[], first: number | null | undefined): number {
  const problems: FieldProblem[] = [];
  if (groupBy.length < 1 || groupBy.length > 2) problems.push({ field: 'groupBy', message: 'must name 1 or 2 dimensions' });
  else if (new Set(groupBy).size !== groupBy.length) problems.push({ field: 'groupBy', message: 'must not name a dimension twice' });
  const size = first ?? DEFAULT_TARGETING_BUCKETS;
  if (!Number.isInteger(size) || size < 1 || size > MAX_TARGETING_BUCKETS) problems.push({ field: 'first', message: `must be between 1 and ${MAX_TARGETING_BUCKETS}` });
  if (problems.length) throw badInput(problems);
  return size;
}

interface Row {
  riskIndicatorId?: string | null;
  portOfLoadingId?: string | null;
  alerts: number | null;
  controlled: number | null;
  seizures: number | null;
  hitRate: number | null;
  median: number | null;
  suppressed: number;
  shown: number;
}

async function aggregate(ctx: HubContext, groupBy: readonly TargetingStatisticsDimension[], filter: TargetingAlertFilter | null | undefined, first: number): Promise<Row[]> {
  const { em, viewer } = ctx;
  const col = (property: string) => `x.${quote(columnOf(em, TargetingAlert, property))}`;
  const alerts = em.createQueryBuilder(TargetingAlert, 't').select('t.*').where(targetingAlertWhere(viewer, filter, ctx.loaders.targetingAlert.clock) as never).toQuery();
  const params: unknown[] = [...alerts.params];
  const byIndicator = groupBy.includes(TargetingStatisticsDimension.RISK_INDICATOR);
  let join = '';
  if (byIndicator) {
    const pivot = pivotOf(em, TargetingAlert, 'riskIndicators');
    const visible = em.createQueryBuilder(RiskIndicator, 'r').select('r.id').where(visibleRiskIndicators(viewer) as never).toQuery();
    join = `join ${quote(pivot.table)} ri on ri.${quote(pivot.parentColumn)} = ${col('id')} and ri.${quote(pivot.childColumn)} in (${visible.sql})`;
    params.push(...visible.params);
  }
  const dimensions: [alias: string, expression: string, order: string][] = [];
  const indicatorTable = quote(tableOf(em, RiskIndicator));
  const portTable = quote(tableOf(em, Port));
  for (const dimension of groupBy) {
    if (dimension === TargetingStatisticsDimension.RISK_INDICATOR) {
      const pivot = pivotOf(em, TargetingAlert, 'riskIndicators');
      dimensions.push(['riskIndicatorId', `ri.${quote(pivot.childColumn)}`, `(select i.${quote(columnOf(em, RiskIndicator, 'code'))} from ${indicatorTable} i where i.${quote(columnOf(em, RiskIndicator, 'id'))} = "riskIndicatorId") collate "C"`]);
    } else {
      dimensions.push(['portOfLoadingId', col('portOfLoading'), `(select p.${quote(columnOf(em, Port, 'unlocode'))} from ${portTable} p where p.${quote(columnOf(em, Port, 'id'))} = "portOfLoadingId") collate "C"`]);
    }
  }
  const figures = figuresFor(viewer);
  const controlled = `${col('controlOutcome')} = '${ControlOutcome.CONTROLLED}'`;
  const seized = `${col('controlResult')} = '${ControlResult.SEIZURE}'`;
  // Each count keyed on its own records (a null id adds nothing to a key), as if counted alone.
  const keyOf = (condition?: string) => figures.cellKey(condition ? `case when ${condition} then ${col('id')} end` : col('id'));
  const hours = `extract(epoch from (${col('controlledAt')} - ${col('createdAt')})) / 3600`;
  const aliases = dimensions.map(([alias]) => `"${alias}"`);
  const order = ['"alerts" desc', ...dimensions.map(([, , orderBy]) => `${orderBy} asc`)].join(', ');
  const smallest = figures.exact ? 1 : SMALLEST_PUBLISHED_BUCKET;
  const sql = `with bucket as (
      select ${dimensions.map(([alias, expression]) => `${expression} as "${alias}"`).join(', ')},
        count(*)::int as "exact", count(*) filter (where ${controlled})::int as "exactControlled", count(*) filter (where ${seized})::int as "exactSeizures",
        ${keyOf()} as "key", ${keyOf(controlled)} as "controlledKey", ${keyOf(seized)} as "seizuresKey",
        percentile_cont(0.5) within group (order by ${hours}) filter (where ${controlled} and ${col('controlledAt')} is not null) as "median"
      from (${alerts.sql}) x ${join}
      group by ${dimensions.map(([, expression]) => expression).join(', ')}
    ), shown as (
      select ${aliases.join(', ')},
        ${figures.count('"exact"', '"key"')} as "alerts", ${figures.count('"exactControlled"', '"controlledKey"')} as "controlled",
        ${figures.count('"exactSeizures"', '"seizuresKey"')} as "seizures",
        ${figures.exact ? `case when "exactControlled" > 0 then "exactSeizures"::float8 / "exactControlled" end` : 'null::float8'} as "hitRate",
        ${figures.exact ? '"median"::float8' : 'null::float8'} as "median"
      from bucket where "exact" >= ?
    ), totals as (
      select (select count(*) from bucket where "exact" < ?)::int as "suppressed", count(*)::int as "shown" from shown
    ), page as (
      select * from shown order by ${order} limit ?
    )
    select totals.*, ${[...aliases, '"alerts"', '"controlled"', '"seizures"', '"hitRate"', '"median"'].map((a) => `page.${a}`).join(', ')}
    from totals left join page on true order by ${order.replaceAll('"alerts"', 'page."alerts"')}`;
  return executeRaw<Row[]>(em, sql, [...params, smallest, smallest, first]);
}

export const targetingStatisticsService = {
  async compute(ctx: HubContext, groupBy: readonly TargetingStatisticsDimension[], filter: TargetingAlertFilter | null | undefined, first: number | null | undefined): Promise<TargetingStatisticsData> {
    const size = requireValidArguments(groupBy, first);
    const rows = await aggregate(ctx, groupBy, filter, size);
    const totals = rows[0]!; // the totals row is always there
    return {
      buckets: rows.filter((row) => row.alerts !== null).map((row) => ({
        riskIndicatorId: row.riskIndicatorId ?? null,
        portOfLoadingId: row.portOfLoadingId ?? null,
        alerts: row.alerts!,
        controlled: row.controlled!,
        seizures: row.seizures!,
        hitRate: row.hitRate === null ? null : Number(row.hitRate),
        medianHoursToControl: row.median === null ? null : Math.round(Number(row.median) * 100) / 100,
      })),
      suppressedBuckets: totals.suppressed,
      hasMoreBuckets: totals.shown > size,
    };
  },

  async riskIndicator(ctx: HubContext, bucket: TargetingBucketData): Promise<RiskIndicator | null> {
    return bucket.riskIndicatorId ? ctx.loaders.riskIndicator.byId.load(bucket.riskIndicatorId) : null;
  },

  async portOfLoading(ctx: HubContext, bucket: TargetingBucketData): Promise<Port | null> {
    return bucket.portOfLoadingId ? ctx.loaders.port.byId.load(bucket.portOfLoadingId) : null;
  },
};
