// The scalars this subgraph shares by name with the core (same names, same string formats): values are
// checked on the way in, so a member state copying this file keeps the alliance's formats.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function stringScalar(name: string, format: RegExp, normalize: (value: string) => string = (v) => v): GraphQLScalarType<string, string> {
  const parse = (value: unknown): string => {
    const normalized = typeof value === 'string' ? normalize(value) : '';
    if (!format.test(normalized)) throw new GraphQLError(`${name}: invalid value`, { extensions: { code: 'BAD_USER_INPUT' } });
    return normalized;
  };
  return new GraphQLScalarType<string, string>({
    name,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const scalarResolvers = {
  UnLocode: stringScalar('UnLocode', /^[A-Z]{2}[A-Z2-9]{3}$/, (v) => v.trim().toUpperCase()),
  LocalDate: stringScalar('LocalDate', /^\d{4}-\d{2}-\d{2}$/),
  ContainerNumber: stringScalar('ContainerNumber', /^[A-Z]{3}[UJZ]\d{7}$/, (v) => v.trim().toUpperCase()),
  Decimal: stringScalar('Decimal', /^\d+(\.\d+)?$/),
};
