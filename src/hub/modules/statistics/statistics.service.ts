// Seizure statistics: ONE grouped SQL statement over the seizures the viewer may see. The rows come from
// `seizureWhere` (row visibility, withdrawn ones left out unless asked, the list filter and its checks), so the
// statistics never count a row the viewer could not list. Viewers outside law enforcement do not get buckets of
// fewer than 5 seizures (DOMAIN.md, PUBLIC audience): a rare seizure must not be singled out by its bucket; and every
// figure they get is rounded (common/disclosure.ts), so that two answers cannot be subtracted to reveal a suppressed
// bucket. Totals are rounded as cells of their own (the union of the shown buckets), not added up from the buckets.
import type { Viewer } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { figuresFor, SMALLEST_PUBLISHED_BUCKET } from '../../common/disclosure.js';
import { badInput, forbidden, type FieldProblem } from '../../common/errors.js';
import { columnOf, executeRaw, quoteIdentifier } from '../../common/sql.js';
import { mayRead } from '../../policy/field-policy.js';
import { Port } from '../port/index.js';
import {
  cellsAndReleasedRows, QuantityUnit, Seizure, SeizureRollup, seizureCellsWhere, seizurePolicy, seizureWhere, type Concealment, type DetectionMethod, type DrugType,
  type SeizureCells, type SeizureFilter,
} from '../seizure/index.js';
import {
  DEFAULT_BUCKETS, MAX_BUCKETS, MAX_DIMENSIONS, MAX_MONTH_PERIOD, MIN_DIMENSIONS, StatisticsDimension,
} from './statistics.inputs.js';

export interface SeizureBucketData {
  year: number | null;
  month: string | null;
  country: string | null;
  portId: string | null;
  drugType: DrugType | null;
  detectionMethod: DetectionMethod | null;
  concealment: Concealment | null;
  seizures: number;
  quantityKg: string | null;
}

export interface SeizureStatisticsData {
  buckets: SeizureBucketData[];
  suppressedBuckets: number;
  hasMoreBuckets: boolean;
  seizures: number;
}

/** Months from the month of `from` to that of `to`, both counted (LocalDate strings, already checked). */
function monthsSpanned(from: string, to: string): number {
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  return index(to) - index(from) + 1;
}

/** MONTH is counted over the rows: only within a period given whole, of at most MAX_MONTH_PERIOD months. */
function monthPeriodProblem(filter: SeizureFilter | null | undefined): FieldProblem | null {
  const bounds = `grouping by MONTH needs a period (filter.seizedFrom and filter.seizedTo) of at most ${MAX_MONTH_PERIOD} months`;
  if (!filter?.seizedFrom) return { field: 'filter.seizedFrom', message: bounds };
  if (!filter.seizedTo) return { field: 'filter.seizedTo', message: bounds };
  if (monthsSpanned(filter.seizedFrom, filter.seizedTo) > MAX_MONTH_PERIOD) return { field: 'filter.seizedTo', message: bounds };
  return null;
}

/** Checks the arguments before anything is computed; returns the number of buckets to return. */
function requireValidArguments(groupBy: readonly StatisticsDimension[], filter: SeizureFilter | null | undefined, first: number | null | undefined): number {
  const problems: FieldProblem[] = [];
  if (groupBy.length < MIN_DIMENSIONS || groupBy.length > MAX_DIMENSIONS) {
    problems.push({ field: 'groupBy', message: `must name ${MIN_DIMENSIONS} to ${MAX_DIMENSIONS} dimensions` });
  } else if (new Set(groupBy).size !== groupBy.length) {
    problems.push({ field: 'groupBy', message: 'must not name a dimension twice' });
  }
  const size = first ?? DEFAULT_BUCKETS;
  if (!Number.isInteger(size) || size < 1 || size > MAX_BUCKETS) problems.push({ field: 'first', message: `must be between 1 and ${MAX_BUCKETS}` });
  const period = groupBy.includes(StatisticsDimension.MONTH) ? monthPeriodProblem(filter) : null;
  if (period) problems.push(period);
  if (problems.length) throw badInput(problems);
  return size;
}

/** The seizure field each dimension reveals. */
const REVEALS: Record<StatisticsDimension, string> = {
  [StatisticsDimension.YEAR]: 'seizedOn',
  [StatisticsDimension.MONTH]: 'seizedOn',
  [StatisticsDimension.COUNTRY]: 'port',
  [StatisticsDimension.PORT]: 'port',
  [StatisticsDimension.DRUG_TYPE]: 'drugType',
  [StatisticsDimension.DETECTION_METHOD]: 'detectionMethod',
  [StatisticsDimension.CONCEALMENT]: 'concealment',
};

/** Grouping by a dimension reveals its field's values: allowed to whoever may read that field (seizure.rules.ts). */
function requireMayGroupBy(viewer: Viewer, groupBy: readonly StatisticsDimension[]): void {
  const hidden = groupBy.find((dimension) => !mayRead(seizurePolicy, 'Seizure', REVEALS[dimension], viewer));
  if (hidden) throw forbidden(`Not allowed to group seizures by ${hidden}`, 'groupBy');
}

const quote = quoteIdentifier;

/** Quoted column names from the ORM's metadata, so the SQL follows the entities. */
function columns(ctx: HubContext) {
  const metadata = ctx.em.getMetadata();
  const of = (entity: typeof Seizure | typeof Port, property: string) => {
    return quote(columnOf(ctx.em, entity, property));
  };
  return {
    portTable: quote(metadata.get(Port).tableName),
    portPk: of(Port, 'id'), unlocode: of(Port, 'unlocode'), country: of(Port, 'country'), id: of(Seizure, 'id'),
    port: of(Seizure, 'port'), seizedOn: of(Seizure, 'seizedOn'), drugType: of(Seizure, 'drugType'),
    detectionMethod: of(Seizure, 'detectionMethod'), concealment: of(Seizure, 'concealment'),
    quantity: of(Seizure, 'quantity'), unit: of(Seizure, 'unit'),
  };
}

/**
 * Where the buckets are counted: the seizures themselves (`x` = the rows `seizureWhere` selects), or the rollup's
 * cells holding exactly those seizures (`x` = the cells `seizureCellsWhere` selects), which cost the same whatever the
 * number of seizures. Each gives the year of `x`, and per bucket the exact count, the disclosure-control key and the
 * KG sum (null when no seizure of the bucket is counted in KG). The cells name their port, drug type and detection
 * method columns as the seizures do, so the other dimensions read the same columns of either.
 */
interface BucketSource {
  from: string;
  params: unknown[];
  year: string;
  exact: string;
  key: string;
  kg: string;
}

function rowSource(ctx: HubContext, c: ReturnType<typeof columns>, where: ReturnType<typeof seizureWhere>): BucketSource {
  const inner = ctx.em.createQueryBuilder(Seizure, 't').select('t.*').where(where as never).toQuery();
  return {
    from: inner.sql, params: [QuantityUnit.KG, ...inner.params],
    year: `extract(year from x.${c.seizedOn})::int`,
    exact: 'count(*)::int', key: figuresFor(ctx.viewer).cellKey(`x.${c.id}`),
    kg: `sum(x.${c.quantity}) filter (where x.${c.unit} = ?)`,
  };
}

function cellSource(ctx: HubContext, where: SeizureCells): BucketSource {
  const inner = cellsAndReleasedRows(ctx.em, where); // the seizures released to the viewer's agency come as cells of one
  const of = (property: string) => `x.${quote(columnOf(ctx.em, SeizureRollup, property))}`;
  return {
    from: inner.sql, params: [...inner.params],
    year: `${of('year')}::int`,
    exact: `sum(${of('seizures')})::int`, key: figuresFor(ctx.viewer).unionKey(of('keySum')),
    kg: `case when sum(${of('kgSeizures')}) > 0 then sum(${of('kg')}) end`,
  };
}

/**
 * Each dimension's output columns (alias → expression over the seizure rows `x` and their port `p`), all grouped
 * by, and the column buckets are ordered by (text in byte order, so the order does not depend on the locale).
 */
function dimensionSql(c: ReturnType<typeof columns>, year: string): Record<StatisticsDimension, { columns: [string, string][]; orderBy: string }> {
  const text = (alias: string, expression: string) => ({ columns: [[alias, expression]] as [string, string][], orderBy: `"${alias}" collate "C"` });
  return {
    YEAR: { columns: [['year', year]], orderBy: '"year"' },
    // Only over the rows (the cells keep years): "YYYY-MM", which sorts as the months do.
    MONTH: text('month', `to_char(x.${c.seizedOn}, 'YYYY-MM')`),
    COUNTRY: text('country', `p.${c.country}`),
    PORT: { columns: [['portId', `x.${c.port}`], ['portUnlocode', `p.${c.unlocode}`]], orderBy: '"portUnlocode" collate "C"' },
    DRUG_TYPE: text('drugType', `x.${c.drugType}`),
    DETECTION_METHOD: text('detectionMethod', `x.${c.detectionMethod}`),
    CONCEALMENT: text('concealment', `x.${c.concealment}`),
  };
}

type Row = Partial<SeizureBucketData> & { suppressed: number; shown: number; total: number; seizures: number | null };

/**
 * One statement: the grouped seizures (`bucket`: their exact count, KG sum and, outside law enforcement, cell key),
 * the buckets shown (`shown`: those not suppressed, with their published figures), the counts over all of them
 * (`totals`: suppressed buckets, shown buckets, the published number of seizures in shown buckets) and the page of
 * shown buckets, joined so that the totals come back even when no bucket is shown. Buckets are ordered by their
 * published figure, so that the order says nothing the figures do not.
 */
async function aggregate(ctx: HubContext, groupBy: readonly StatisticsDimension[], filter: SeizureFilter | null | undefined, first: number) {
  const c = columns(ctx);
  // The cells keep every dimension but concealment and month, and every filter but concealment, container number and
  // periods that are not whole years (seizure.rows.ts); otherwise the seizures themselves are counted (for MONTH, within
  // the period requireValidArguments bounds, through the seized_on indexes).
  const rowsOnly = groupBy.includes(StatisticsDimension.CONCEALMENT) || groupBy.includes(StatisticsDimension.MONTH);
  const cells = rowsOnly ? null : seizureCellsWhere(ctx.viewer, filter, { byDetectionMethod: groupBy.includes(StatisticsDimension.DETECTION_METHOD) });
  const source = cells ? cellSource(ctx, cells) : rowSource(ctx, c, seizureWhere(ctx.viewer, filter));
  const figures = figuresFor(ctx.viewer);
  const dimensions = groupBy.map((d) => dimensionSql(c, source.year)[d]);
  const selected = dimensions.flatMap((d) => d.columns);
  const aliases = selected.map(([alias]) => `"${alias}"`);
  const order = ['"seizures" desc', ...dimensions.map((d) => `${d.orderBy} asc nulls last`)].join(', ');
  const smallest = figures.exact ? 1 : SMALLEST_PUBLISHED_BUCKET;
  // The port's row only for the dimensions that read it (the filter's ports are already in the source).
  const portJoin = groupBy.some((d) => d === StatisticsDimension.COUNTRY || d === StatisticsDimension.PORT) ? `join ${c.portTable} p on p.${c.portPk} = x.${c.port}` : '';
  const sql = `with bucket as (
      select ${selected.map(([alias, expression]) => `${expression} as "${alias}"`).join(', ')},
        ${source.exact} as "exact", ${source.key} as "key", ${source.kg} as "kg"
      from (${source.from}) x ${portJoin}
      group by ${selected.map(([, expression]) => expression).join(', ')}
    ), shown as (
      select ${aliases.join(', ')}, "exact", "key",
        ${figures.count('"exact"', '"key"')} as "seizures", ${figures.quantity('"kg"', '"key"')} as "quantityKg"
      from bucket where "exact" >= ?
    ), totals as (
      select (select count(*) from bucket where "exact" < ?)::int as "suppressed", count(*)::int as "shown",
        ${figures.count('coalesce(sum("exact"), 0)', figures.unionKey('"key"'))} as "total"
      from shown
    ), page as (
      select * from shown order by ${order} limit ?
    )
    select totals.*, ${[...aliases, '"seizures"', '"quantityKg"'].map((alias) => `page.${alias}`).join(', ')}
    from totals left join page on true order by ${order}`;
  const params = [...source.params, smallest, smallest, first];
  return executeRaw<Row[]>(ctx.em, sql, params);
}

const bucketOf = (row: Row): SeizureBucketData => ({
  year: row.year ?? null,
  month: row.month ?? null,
  country: row.country ?? null,
  portId: row.portId ?? null,
  drugType: row.drugType ?? null,
  detectionMethod: row.detectionMethod ?? null,
  concealment: row.concealment ?? null,
  seizures: row.seizures!,
  quantityKg: row.quantityKg ?? null,
});

export const statisticsService = {
  async seizures(
    ctx: HubContext,
    groupBy: readonly StatisticsDimension[],
    filter: SeizureFilter | null | undefined,
    first: number | null | undefined,
  ): Promise<SeizureStatisticsData> {
    const size = requireValidArguments(groupBy, filter, first);
    requireMayGroupBy(ctx.viewer, groupBy);
    const rows = await aggregate(ctx, groupBy, filter, size);
    const totals = rows[0]!; // the totals row is always there
    return {
      buckets: rows.filter((row) => row.seizures !== null).map(bucketOf),
      suppressedBuckets: totals.suppressed,
      hasMoreBuckets: totals.shown > size,
      seizures: totals.total,
    };
  },

  /** The bucket's port, when grouped by PORT (ports are public; the loader batches the buckets' ports). */
  async port(ctx: HubContext, bucket: SeizureBucketData): Promise<Port | null> {
    return bucket.portId ? ctx.loaders.port.byId.load(bucket.portId) : null;
  },
};
