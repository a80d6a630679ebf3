// The hub's executable schema: type-graphql resolvers from every module, served as an Apollo Federation 2
// subgraph, and guarded by one graphql-shield generated from every module's field policy.
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, createResolversMap } from 'type-graphql';
import { VIEWER_AUDIENCES, type ViewerAudience } from '../auth/audience.js';
import { FEDERATION_WITH_POLICY } from '../auth/sensitivity.js';
import { validateArgument } from './common/validation.js';
import { agencyResolvers, agencyPolicy } from './modules/agency/index.js';
import { auditChanges, auditResolvers, auditPolicy } from './modules/audit/index.js';
import { bestPracticeResolvers, bestPracticePolicy } from './modules/best-practice/index.js';
import { equipmentFundingResolvers, equipmentFundingPolicy } from './modules/equipment-funding/index.js';
import { investigationResolvers, investigationPolicy } from './modules/investigation/index.js';
import { partnershipActionResolvers, partnershipActionPolicy } from './modules/partnership-action/index.js';
import { portResolvers, portPolicy } from './modules/port/index.js';
import { referentResolvers, referentPolicy } from './modules/referent/index.js';
import { releaseResolvers, releasePolicy } from './modules/release/index.js';
import { riskIndicatorResolvers, riskIndicatorPolicy } from './modules/risk-indicator/index.js';
import { seizureResolvers, seizurePolicy } from './modules/seizure/index.js';
import { statisticsResolvers, statisticsPolicy } from './modules/statistics/index.js';
import { subgraphRegistryResolvers, subgraphRegistryPolicy } from './modules/subgraph-registry/index.js';
import { targetingAlertResolvers, targetingAlertPolicy } from './modules/targeting-alert/index.js';
import { markSensitiveFields, mergePolicies, PUBLIC, type FieldPolicy } from './policy/field-policy.js';
import { referenceResolvers } from './references.js';
import { guard } from './shield.js';

export const resolvers = [
  ...portResolvers,
  ...agencyResolvers,
  ...referentResolvers,
  ...seizureResolvers,
  ...bestPracticeResolvers,
  ...investigationResolvers,
  ...partnershipActionResolvers,
  ...equipmentFundingResolvers,
  ...releaseResolvers,
  ...auditResolvers,
  ...statisticsResolvers,
  ...subgraphRegistryResolvers,
  ...riskIndicatorResolvers,
  ...targetingAlertResolvers,
] as const;

/** The fields Federation adds: entities are guarded by their own types' accesses and the loaders' row scope. */
const federationPolicy: FieldPolicy = {
  Query: { _entities: PUBLIC, _service: PUBLIC },
  _Service: { sdl: PUBLIC },
};

/** Every module's field policy, merged: the one source of the shield, the @sensitivity marks, the audit and the docs. */
export const fieldPolicy = mergePolicies([
  portPolicy,
  agencyPolicy,
  referentPolicy,
  seizurePolicy,
  bestPracticePolicy,
  investigationPolicy,
  partnershipActionPolicy,
  equipmentFundingPolicy,
  releasePolicy,
  auditPolicy,
  statisticsPolicy,
  subgraphRegistryPolicy,
  riskIndicatorPolicy,
  targetingAlertPolicy,
  federationPolicy,
]);

/** The type-graphql schema alone: the client-facing API printed to schema/hub.graphql. */
export function buildUnguardedSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: resolvers as unknown as [Function, ...Function[]],
    validateFn: validateArgument,
    emitSchemaFile: false,
  });
}

/** Adds each entity's __resolveReference to its type's field resolvers (type by type, not replacing them). */
function withReferenceResolvers(map: Record<string, object>): Record<string, object> {
  const merged = { ...map };
  for (const [type, reference] of Object.entries(referenceResolvers)) merged[type] = { ...merged[type], ...reference };
  return merged;
}

/** The same schema as a Federation 2 subgraph (`@key` entities, `_entities`, `_service`, policy marks). */
export async function buildSubgraph(): Promise<GraphQLSchema> {
  const api = await buildUnguardedSchema();
  return buildSubgraphSchema([
    {
      typeDefs: markSensitiveFields(parse(`${FEDERATION_WITH_POLICY}\n${printSchemaWithDirectives(api)}`), fieldPolicy),
      resolvers: withReferenceResolvers(createResolversMap(api)) as never,
    },
  ]);
}

/**
 * graphql-middleware rebuilds the types and drops what @apollo/subgraph keeps in their extensions, so
 * `_entities` would stop calling the reference resolvers (a known trap): copy them onto the guarded schema.
 */
function keepReferenceResolvers(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    const target = to.getType(type.name);
    if (!isObjectType(type) || !target || !type.extensions?.apollo) continue;
    target.extensions = { ...target.extensions, apollo: type.extensions.apollo };
  }
}

/** The guarded subgraph schema for each viewer audience (same SDL, different guards). */
export async function buildHubSchemas(): Promise<Record<ViewerAudience, GraphQLSchema>> {
  const subgraph = await buildSubgraph();
  auditChanges(subgraph);
  const schemas = VIEWER_AUDIENCES.map((audience) => {
    const guarded = guard(subgraph, fieldPolicy, audience);
    keepReferenceResolvers(subgraph, guarded);
    return [audience, guarded] as const;
  });
  return Object.fromEntries(schemas) as Record<ViewerAudience, GraphQLSchema>;
}
