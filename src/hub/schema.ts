// The hub's executable schema: type-graphql resolvers from every module, with the hub's validation.
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { validateArgument } from './common/validation.js';
import { agencyResolvers } from './modules/agency/index.js';
import { bestPracticeResolvers } from './modules/best-practice/index.js';
import { equipmentFundingResolvers } from './modules/equipment-funding/index.js';
import { investigationResolvers } from './modules/investigation/index.js';
import { partnershipActionResolvers } from './modules/partnership-action/index.js';
import { portResolvers } from './modules/port/index.js';
import { referentResolvers } from './modules/referent/index.js';
import { seizureResolvers } from './modules/seizure/index.js';

export const resolvers = [
  ...portResolvers,
  ...agencyResolvers,
  ...referentResolvers,
  ...seizureResolvers,
  ...bestPracticeResolvers,
  ...investigationResolvers,
  ...partnershipActionResolvers,
  ...equipmentFundingResolvers,
] as const;

export async function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: resolvers as unknown as [Function, ...Function[]],
    validateFn: validateArgument,
    emitSchemaFile: false,
  });
}
