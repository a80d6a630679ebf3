// Pure validators for the standards the hub models. Each returns null when the value is valid, or a
// sentence saying what is wrong (used verbatim in BAD_USER_INPUT errors).
import countries from 'i18n-iso-countries';

export function countryCodeProblem(code: string): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return 'must be two capital letters (ISO 3166-1 alpha-2), e.g. BE';
  if (!countries.isValid(code)) return `"${code}" is not an ISO 3166-1 alpha-2 country code`;
  return null;
}

/** UN/LOCODE: ISO 3166 alpha-2 country code + 3 characters from A–Z and 2–9. */
export function unlocodeProblem(code: string): string | null {
  if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(code)) {
    return 'must be a UN/LOCODE: 2-letter country code + 3 characters (A-Z, 2-9), e.g. BEANR';
  }
  if (!countries.isValid(code.slice(0, 2))) return `"${code.slice(0, 2)}" is not an ISO 3166-1 country code`;
  return null;
}

/** ISO 6346 letter values: A=10 and up, skipping multiples of 11. */
function letterValue(letter: string): number {
  let value = 10;
  for (let c = 'A'.charCodeAt(0); c < letter.charCodeAt(0); c++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

/** The ISO 6346 check digit for the first 10 characters of a container number. */
export function containerCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    const value = /[0-9]/.test(ch) ? Number(ch) : letterValue(ch);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function containerNumberProblem(value: string): string | null {
  if (!/^[A-Z]{3}[UJZ][0-9]{6}[0-9]$/.test(value)) {
    return 'must be an ISO 6346 container number: 3-letter owner code, category U, J or Z, 6-digit serial, check digit (e.g. CSQU3054383)';
  }
  const expected = containerCheckDigit(value.slice(0, 10));
  if (Number(value[10]) !== expected) return `check digit of ${value} should be ${expected}`;
  return null;
}

/** IMO ship identification number: 7 digits, the last a check digit (weights 7…2 on the first six, sum mod 10). */
export function imoNumberProblem(value: string): string | null {
  if (!/^[0-9]{7}$/.test(value)) return 'must be an IMO number: 7 digits, the last a check digit (e.g. 9074729, or IMO 9074729)';
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(value[i]) * (7 - i);
  const expected = sum % 10;
  if (Number(value[6]) !== expected) return `check digit of IMO ${value} should be ${expected}`;
  return null;
}

/** Calendar date YYYY-MM-DD that exists (no 31 February). */
export function localDateProblem(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `${value} is not a calendar date`;
  }
  if (year < 1900) return 'must be 1900-01-01 or later';
  return null;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Non-negative exact decimal written as a string, with at most `scale` decimals and `precision` digits in all
 * (the numeric(precision, scale) column it goes to). Returns the canonical form or a problem.
 */
export function parseDecimal(value: string, precision: number, scale: number): { value: string } | { problem: string } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { problem: 'must be a non-negative decimal number written as a string, e.g. "125.5"' };
  const integer = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return { problem: `must have at most ${scale} decimal places` };
  if (integer.length > precision - scale) return { problem: `must be less than 10^${precision - scale}` };
  return { value: fraction ? `${integer}.${fraction}` : integer };
}
