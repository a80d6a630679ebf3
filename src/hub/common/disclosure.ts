// Statistical disclosure control of the figures published to viewers outside law enforcement (README, "Statistics:
// disclosure control"). Every figure such a viewer gets — statistics buckets and their totals, quantities, the
// totalCount of seizure lists — is made here, as SQL, so that the producers cannot drift apart:
//
// - counts: unbiased random rounding to a multiple of 5 (n = 5q + r goes up to 5q + 5 with probability r/5, else down
//   to 5q), the "random" draw being the cell key of the Australian Bureau of Statistics' cell key method: each record
//   has a fixed pseudo-random key (from its id), a cell's key is the sum of its records' keys modulo 2^32. The same
//   records therefore always give the same figure, however the query is phrased (repeating or rephrasing a query
//   cannot be averaged out), and cells that differ by a few records get unrelated draws (differencing two figures
//   gives a multiple of 5, not the records between them);
// - statistics buckets of fewer than 5 seizures are suppressed (left out) by the statistics service, on their exact
//   count, before rounding;
// - quantities: the same random rounding, to 2 significant figures and never finer than 1 kg, drawn from a key
//   derived from the cell key (so that it is independent of the count's draw).
//
// Law enforcement gets exact figures: the SQL is then the plain aggregate, and no key is computed.
import { isLawEnforcement } from '../../auth/audience.js';
import type { Viewer } from '../../auth/viewer.js';

/** Every count published outside law enforcement is a multiple of this. */
export const ROUNDING_BASE = 5;
/** Statistics buckets of fewer seizures than this are suppressed outside law enforcement. */
export const SMALLEST_PUBLISHED_BUCKET = 5;
/** Quantities published outside law enforcement keep this many significant figures (and are whole kilograms). */
export const QUANTITY_SIGNIFICANT_FIGURES = 2;

export const ROUNDED_COUNT_NOTE = `Outside law enforcement, rounded at random to a multiple of ${ROUNDING_BASE}, the same for the same records (README, "Statistics: disclosure control").`;
export const ROUNDED_QUANTITY_NOTE = `Outside law enforcement, rounded at random to ${QUANTITY_SIGNIFICANT_FIGURES} significant figures, in whole kilograms.`;

/** Keys are 32-bit: a record's key is the first 32 bits of an MD5 digest, a cell's the sum of its records' mod 2^32. */
const KEY_RANGE = 2 ** 32;
/** Domain separation: the keys are not the plain digests of the ids, nor the count's key the quantity's. */
const RECORD_SALT = 'sdc-record:';
const QUANTITY_SALT = 'sdc-quantity:';

const first32Bits = (text: string) => `('x' || left(md5(${text}), 8))::bit(32)::bigint`;

/** A record's key, from its id (a random UUID: unknown to whoever does not see the record). */
export function recordKeySql(id: string): string {
  return first32Bits(`'${RECORD_SALT}' || (${id})::text`);
}

/** Rounds the count `n` (an integer) to a multiple of the base: up with probability remainder / base, drawn by `key`. */
function roundedCountSql(n: string, key: string): string {
  const remainder = `((${n}) % ${ROUNDING_BASE})`;
  return `((${n}) / ${ROUNDING_BASE} * ${ROUNDING_BASE} + case when ${remainder} > 0 and (${key})::bigint * ${ROUNDING_BASE} < ${remainder}::bigint * ${KEY_RANGE} then ${ROUNDING_BASE} else 0 end)::int`;
}

/**
 * Rounds the quantity `kg` (numeric, null for none) to a multiple of `step` = 10^(digits before the point - 2), at
 * least 1 kg: up with probability (the part below the step) / step, drawn by a key derived from the cell's `key`.
 */
function roundedQuantitySql(kg: string, key: string): string {
  const step = `power(10::numeric, greatest(0, floor(log(greatest((${kg}), 1))) - ${QUANTITY_SIGNIFICANT_FIGURES - 1}))`;
  const steps = `((${kg}) / ${step})`;
  const draw = first32Bits(`'${QUANTITY_SALT}' || (${key})::text`);
  return `case when (${kg}) is null then null else round((floor(${steps}) + case when ${draw} < (${steps} - floor(${steps})) * ${KEY_RANGE} then 1 else 0 end) * ${step})::text end`;
}

/**
 * The figures a viewer gets, as SQL expressions to put in an aggregate query. `key` arguments are what `cellKey`
 * or `unionKey` gave.
 */
export interface Figures {
  /** Exact figures (law enforcement): no rounding, no key. */
  readonly exact: boolean;
  /** Aggregate over the rows of a cell, given the SQL of their id: the cell's key. */
  cellKey(id: string): string;
  /** Aggregate over disjoint cells, given the SQL of their keys: the key of their union (as if counted at once). */
  unionKey(key: string): string;
  /** The published count of a cell of `n` rows (an integer expression). */
  count(n: string, key: string): string;
  /** The published quantity, as text, of a cell whose KG quantities add up to `kg` (numeric; null for none). */
  quantity(kg: string, key: string): string;
}

const exactFigures: Figures = {
  exact: true,
  cellKey: () => 'null::bigint',
  unionKey: () => 'null::bigint',
  count: (n) => `(${n})::int`,
  quantity: (kg) => `(${kg})::text`,
};

const controlledFigures: Figures = {
  exact: false,
  cellKey: (id) => `(coalesce(sum(${recordKeySql(id)}), 0) % ${KEY_RANGE})::bigint`,
  unionKey: (key) => `(coalesce(sum(${key}), 0) % ${KEY_RANGE})::bigint`,
  count: roundedCountSql,
  quantity: roundedQuantitySql,
};

/** Law enforcement gets exact figures; everyone else (anonymous viewers, members, private partners) controlled ones. */
export function figuresFor(viewer: Viewer): Figures {
  return isLawEnforcement(viewer) ? exactFigures : controlledFigures;
}

/**
 * For a list's totalCount: the aggregate that replaces `count(*)` over its rows (given the SQL of their id) for this
 * viewer, or undefined when the viewer gets the exact count.
 */
export function publishedRowCount(viewer: Viewer): ((id: string) => string) | undefined {
  const figures = figuresFor(viewer);
  return figures.exact ? undefined : (id) => figures.count('count(*)', figures.cellKey(id));
}
