// The hub's executable schema: type-graphql resolvers from every module, with the hub's validation.
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { validateArgument } from './common/validation.js';
import { portResolvers } from './modules/port/index.js';

export const resolvers = [...portResolvers] as const;

export async function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: resolvers as unknown as [Function, ...Function[]],
    validateFn: validateArgument,
    // Dates are ISO 8601 strings in UTC.
    emitSchemaFile: false,
  });
}
