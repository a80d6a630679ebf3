// The hub's executable schema: type-graphql resolvers from every module, with the hub's validation, guarded by
// one graphql-shield built from every module's rule map.
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { validateArgument } from './common/validation.js';
import { agencyResolvers, agencyRules } from './modules/agency/index.js';
import { auditResolvers, auditRules } from './modules/audit/index.js';
import { bestPracticeResolvers, bestPracticeRules } from './modules/best-practice/index.js';
import { equipmentFundingResolvers, equipmentFundingRules } from './modules/equipment-funding/index.js';
import { investigationResolvers, investigationRules } from './modules/investigation/index.js';
import { partnershipActionResolvers, partnershipActionRules } from './modules/partnership-action/index.js';
import { portResolvers, portRules } from './modules/port/index.js';
import { referentResolvers, referentRules } from './modules/referent/index.js';
import { seizureResolvers, seizureRules } from './modules/seizure/index.js';
import { applyMiddleware } from './policy/shield-lib.js';
import { hubShield } from './shield.js';

export const resolvers = [
  ...portResolvers,
  ...agencyResolvers,
  ...referentResolvers,
  ...seizureResolvers,
  ...bestPracticeResolvers,
  ...investigationResolvers,
  ...partnershipActionResolvers,
  ...equipmentFundingResolvers,
  ...auditResolvers,
] as const;

export const ruleMaps = [
  portRules,
  agencyRules,
  referentRules,
  seizureRules,
  bestPracticeRules,
  investigationRules,
  partnershipActionRules,
  equipmentFundingRules,
  auditRules,
] as const;

/** The type-graphql schema alone: what is printed to schema/hub.graphql, and the benchmark's "shield off". */
export function buildUnguardedSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: resolvers as unknown as [Function, ...Function[]],
    validateFn: validateArgument,
    emitSchemaFile: false,
  });
}

export async function buildHubSchema(options: { shield?: boolean } = {}): Promise<GraphQLSchema> {
  const schema = await buildUnguardedSchema();
  return options.shield === false ? schema : applyMiddleware(schema, hubShield(ruleMaps));
}
