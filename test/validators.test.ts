// Unit tests for the standards' validators (the API-level checks live in each module's tests).
import {
  containerCheckDigit,
  containerNumberProblem,
  countryCodeProblem,
  imoNumberProblem,
  localDateProblem,
  parseDecimal,
  unlocodeProblem,
} from '../src/hub/common/validators.js';

describe('ISO 6346 container numbers', () => {
  test.each(['CSQU3054383', 'MSKU9070323', 'TGHU8706011', 'APZU4812090'])('%s is valid', (n) => {
    expect(containerNumberProblem(n)).toBeNull();
  });
  test('the check digit is computed, not trusted', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3);
    expect(containerNumberProblem('CSQU3054384')).toBe('check digit of CSQU3054384 should be 3');
  });
  test('a remainder of 10 gives check digit 0', () => {
    // Find a serial whose weighted sum is 10 mod 11 and check the ISO rule maps it to 0.
    const serial = Array.from({ length: 1000 }, (_, i) => `ABCU${String(i).padStart(6, '0')}`).find((s) => {
      let sum = 0;
      for (let i = 0; i < 10; i++) {
        const ch = s[i]!;
        const v = /\d/.test(ch) ? Number(ch) : [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38][ch.charCodeAt(0) - 65]!;
        sum += v * 2 ** i;
      }
      return sum % 11 === 10;
    })!;
    expect(containerCheckDigit(serial)).toBe(0);
  });
  test.each(['CSQU305438', 'CSQX3054383', 'C5QU3054383', 'csqu3054383', 'CSQU30543833'])('%s is malformed', (n) => {
    expect(containerNumberProblem(n)).toMatch(/must be an ISO 6346 container number/);
  });
});

describe('UN/LOCODE', () => {
  test.each(['BEANR', 'NLRTM', 'MQFDF', 'RELPT', 'DE2AB'])('%s is valid', (c) => expect(unlocodeProblem(c)).toBeNull());
  test.each(['BEAN', 'BEANRR', 'BE0AB', 'BE1AB', 'beanr'])('%s is malformed', (c) => expect(unlocodeProblem(c)).toMatch(/must be a UN\/LOCODE/));
  test('the country part must be an ISO 3166-1 code', () => expect(unlocodeProblem('XXANR')).toMatch(/not an ISO 3166-1/));
});

describe('ISO 3166-1 alpha-2', () => {
  test.each(['FR', 'BE', 'MQ', 'EC'])('%s is valid', (c) => expect(countryCodeProblem(c)).toBeNull());
  test.each(['XX', 'UK', 'fr', 'FRA'])('%s is refused', (c) => expect(countryCodeProblem(c)).not.toBeNull());
});

describe('dates', () => {
  test.each(['2024-02-29', '2023-12-31'])('%s is valid', (d) => expect(localDateProblem(d)).toBeNull());
  test.each([['2023-02-29', /not a calendar date/], ['2024-13-01', /not a calendar date/], ['24-01-01', /YYYY-MM-DD/], ['1899-12-31', /1900/]])(
    '%s is refused',
    (d, message) => expect(localDateProblem(d as string)).toMatch(message as RegExp),
  );
});

describe('exact decimals', () => {
  test('canonical form without float rounding', () => {
    expect(parseDecimal('0012.500', 14, 3)).toEqual({ value: '12.5' });
    expect(parseDecimal('1234567.89', 14, 2)).toEqual({ value: '1234567.89' });
    expect(parseDecimal('0.1', 14, 2)).toEqual({ value: '0.1' });
  });
  test('scale, precision and sign are enforced', () => {
    expect(parseDecimal('1.005', 14, 2)).toEqual({ problem: 'must have at most 2 decimal places' });
    expect(parseDecimal('123456789012', 14, 3)).toEqual({ problem: 'must be less than 10^11' });
    expect(parseDecimal('-1', 14, 3)).toHaveProperty('problem');
    expect(parseDecimal('1e3', 14, 3)).toHaveProperty('problem');
  });
});

describe('IMO ship identification numbers', () => {
  test('the check digit (weights 7…2 on the first six digits, sum mod 10) is computed, never trusted', () => {
    expect(imoNumberProblem('9074729')).toBeNull();
    expect(imoNumberProblem('9074728')).toBe('check digit of IMO 9074728 should be 9');
    expect(imoNumberProblem('907472')).toMatch(/7 digits/);
    expect(imoNumberProblem('IMO9074729')).toMatch(/7 digits/); // the scalar strips the prefix first
  });
});
