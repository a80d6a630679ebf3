// Custom scalars: values are checked where GraphQL coerces them, so a bad value never reaches a resolver.
// Their errors become BAD_USER_INPUT naming the field (see errors.ts).
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import {
  containerNumberProblem,
  countryCodeProblem,
  imoNumberProblem,
  localDateProblem,
  parseDecimal,
  unlocodeProblem,
} from './validators.js';

/** Thrown by scalar parsers; errors.ts turns it into BAD_USER_INPUT whichever way the value came in. */
export class InvalidValueError extends GraphQLError {
  constructor(scalar: string, message: string, node?: ValueNode) {
    // With the literal's node, the error knows where it is (errors.ts names the argument field from it).
    super(`Invalid ${scalar}: ${message}`, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
  }
}

function stringScalar(
  name: string,
  description: string,
  parse: (raw: string) => string,
): GraphQLScalarType<string, string> {
  const fromInput = (value: unknown): string => {
    if (typeof value !== 'string') throw new InvalidValueError(name, 'must be a string');
    return parse(value);
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: fromInput,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new InvalidValueError(name, 'must be a string', ast);
      try {
        return fromInput(ast.value);
      } catch (error) {
        if (error instanceof InvalidValueError) throw new InvalidValueError(name, error.message.replace(/^Invalid \w+: /, ''), ast);
        throw error;
      }
    },
  });
}

function checked(name: string, problemOf: (value: string) => string | null, normalise = (v: string) => v) {
  return (raw: string) => {
    const value = normalise(raw);
    const problem = problemOf(value);
    if (problem) throw new InvalidValueError(name, problem);
    return value;
  };
}

const upper = (v: string) => v.trim().toUpperCase();

export const UnLocodeScalar = stringScalar(
  'UnLocode',
  'UN/LOCODE: ISO 3166-1 alpha-2 country code + 3 characters (A-Z, 2-9), e.g. BEANR. Input is trimmed and upper-cased.',
  checked('UnLocode', unlocodeProblem, upper),
);

export const CountryCodeScalar = stringScalar(
  'CountryCode',
  'ISO 3166-1 alpha-2 country code, e.g. FR. Input is trimmed and upper-cased.',
  checked('CountryCode', countryCodeProblem, upper),
);

export const ContainerNumberScalar = stringScalar(
  'ContainerNumber',
  'ISO 6346 container number with a valid check digit, e.g. CSQU3054383. Input is trimmed, upper-cased and may contain spaces.',
  checked('ContainerNumber', containerNumberProblem, (v) => upper(v).replace(/[\s-]/g, '')),
);

export const ImoNumberScalar = stringScalar(
  'ImoNumber',
  'IMO ship identification number: 7 digits with a valid check digit, e.g. 9074729. Input is trimmed and may start with "IMO".',
  checked('ImoNumber', imoNumberProblem, (v) => upper(v).replace(/^IMO/, '').replace(/\s/g, '')),
);

export const LocalDateScalar = stringScalar(
  'LocalDate',
  'A calendar date written YYYY-MM-DD.',
  checked('LocalDate', localDateProblem, (v) => v.trim()),
);

/**
 * Exact decimals travel as strings. `fixedScale` pads to that many decimals (money: "100.50"); otherwise
 * trailing zeros are dropped ("100.000" from a numeric(14,3) column reads "100"), so a value reads back
 * exactly as it was stored, whichever way it came.
 */
function decimalScalar(name: string, description: string, precision: number, scale: number, fixedScale = false) {
  const format = (canonical: string) => {
    if (!fixedScale) return canonical;
    const [integer, fraction = ''] = canonical.split('.');
    return `${integer}.${fraction.padEnd(scale, '0')}`;
  };
  const parse = (raw: string) => {
    const parsed = parseDecimal(raw.trim(), precision, scale);
    if ('problem' in parsed) throw new InvalidValueError(name, parsed.problem);
    return format(parsed.value);
  };
  const scalar = stringScalar(name, description, parse);
  return new GraphQLScalarType<string, string>({
    ...scalar.toConfig(),
    serialize: (value) => {
      const parsed = parseDecimal(String(value), precision, scale);
      return 'value' in parsed ? format(parsed.value) : String(value);
    },
  });
}

export const DecimalScalar = decimalScalar(
  'Decimal',
  'Exact non-negative decimal written as a string (never a float), at most 3 decimal places, e.g. "1250.5".',
  14,
  3,
);

export const EuroAmountScalar = decimalScalar(
  'EuroAmount',
  'Exact non-negative amount in EUR (ISO 4217) written as a string, at most 2 decimal places, e.g. "250000.00".',
  14,
  2,
  true,
);
