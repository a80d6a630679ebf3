// The disclosure-control method as README ("Statistics: disclosure control") states it, written again here in plain
// TypeScript, independently of the hub's SQL (src/hub/common/disclosure.ts): tests compute from a cell's records
// the figure the method must publish for it, and compare with what the hub answers.
import { createHash } from 'node:crypto';

export const BASE = 5;
const KEY_RANGE = 2n ** 32n;

/** The first 32 bits of the MD5 digest of `text`. */
function first32Bits(text: string): bigint {
  return BigInt(`0x${createHash('md5').update(text).digest('hex').slice(0, 8)}`);
}

/** A record's key: from its id. */
export function recordKey(id: string): bigint {
  return first32Bits(`sdc-record:${id.toLowerCase()}`);
}

/** A cell's key: the sum of its records' keys modulo 2^32. */
export function cellKey(ids: readonly string[]): bigint {
  return ids.reduce((sum, id) => (sum + recordKey(id)) % KEY_RANGE, 0n);
}

/** A count n = 5q + r is published as 5q + 5 when key / 2^32 < r / 5, else as 5q. */
export function roundCount(n: number, key: bigint): number {
  const remainder = n % BASE;
  const up = remainder > 0 && key * BigInt(BASE) < BigInt(remainder) * KEY_RANGE;
  return n - remainder + (up ? BASE : 0);
}

/** The published number of a cell made of these records. */
export function publishedCount(ids: readonly string[]): number {
  return roundCount(ids.length, cellKey(ids));
}

/**
 * A KG sum (a positive decimal string) is published as a multiple of step = 10^(digits before the point - 2), at
 * least 1: the multiple above when (a key drawn from the cell key) / 2^32 < (the part below the step) / step, else the
 * multiple below.
 */
export function roundQuantity(kg: string, key: bigint): string {
  const [whole = '0', fraction = ''] = kg.split('.');
  const digits = whole.replace(/^0+/, '').length;
  const shift = Math.max(0, digits - 2); // step = 10^shift
  const kept = whole.slice(0, whole.length - shift) || '0'; // floor(kg / step)
  const below = `${whole.slice(whole.length - shift)}${fraction}`; // the part below the step, as decimals of one step
  const draw = first32Bits(`sdc-quantity:${key}`);
  const up = /[1-9]/.test(below) && draw * 10n ** BigInt(below.length) < BigInt(below) * KEY_RANGE;
  const steps = BigInt(kept) + (up ? 1n : 0n);
  return steps === 0n ? '0' : `${steps}${'0'.repeat(shift)}`;
}

/** The published KG sum of a cell made of these records, whose KG quantities add up to `kg`. */
export function publishedQuantity(ids: readonly string[], kg: string): string {
  return roundQuantity(kg, cellKey(ids));
}
