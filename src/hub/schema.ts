// The hub's executable schema: type-graphql resolvers from every module, served as an Apollo Federation 2
// subgraph, and guarded by one graphql-shield built from every module's rule map.
import { isObjectType, Kind, parse, visit, type ConstDirectiveNode, type DocumentNode, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, createResolversMap } from 'type-graphql';
import { VIEWER_AUDIENCES, type ViewerAudience } from '../auth/audience.js';
import { FEDERATION_WITH_POLICY, type SensitivityAudience } from '../auth/sensitivity.js';
import { validateArgument } from './common/validation.js';
import { agencyResolvers, agencyRules } from './modules/agency/index.js';
import { auditChanges, auditResolvers, auditRules } from './modules/audit/index.js';
import { bestPracticeResolvers, bestPracticeRules } from './modules/best-practice/index.js';
import { equipmentFundingResolvers, equipmentFundingRules } from './modules/equipment-funding/index.js';
import { investigationResolvers, investigationRules } from './modules/investigation/index.js';
import { partnershipActionResolvers, partnershipActionRules } from './modules/partnership-action/index.js';
import { portResolvers, portRules } from './modules/port/index.js';
import { referentResolvers, referentRules } from './modules/referent/index.js';
import { seizureResolvers, seizureRules } from './modules/seizure/index.js';
import { statisticsResolvers, statisticsRules } from './modules/statistics/index.js';
import { allow, type IRules } from './policy/shield-lib.js';
import { referenceResolvers } from './references.js';
import { lawEnforcement, member } from './policy/rules.js';
import { guard, mergeRules } from './shield.js';

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
  ...statisticsResolvers,
] as const;

/** The fields Federation adds: entities are guarded by their own types' rules and the loaders' row scope. */
const federationRules: IRules = {
  Query: { _entities: allow, _service: allow },
  _Service: { sdl: allow },
};

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
  statisticsRules,
  federationRules,
] as const;


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

/**
 * Marks the fields the rules keep from some viewers with the hub's policy directive, so the gateway withholds them
 * too (defence in depth). Non-null fields are left unmarked: they belong to rows filtered out for those viewers.
 */
function withSensitivityMarks(typeDefs: DocumentNode): DocumentNode {
  const rules = mergeRules(ruleMaps);
  const mark = (audience: SensitivityAudience): ConstDirectiveNode => ({
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'sensitivity' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'audience' }, value: { kind: Kind.ENUM, value: audience } }],
  });
  return visit(typeDefs, {
    FieldDefinition(field, _key, _parent, _path, ancestors) {
      const type = (ancestors.at(-1) as ObjectTypeDefinitionNode).name?.value;
      const rule = type ? rules[type]?.[field.name.value] : undefined;
      const audience = rule === lawEnforcement ? 'LAW_ENFORCEMENT' : rule === member ? 'ALLIANCE' : null;
      if (!audience || field.type.kind === Kind.NON_NULL_TYPE) return undefined;
      return { ...field, directives: [...(field.directives ?? []), mark(audience)] };
    },
  });
}

/** The same schema as a Federation 2 subgraph (`@key` entities, `_entities`, `_service`, policy marks). */
export async function buildSubgraph(): Promise<GraphQLSchema> {
  const api = await buildUnguardedSchema();
  return buildSubgraphSchema([
    {
      typeDefs: withSensitivityMarks(parse(`${FEDERATION_WITH_POLICY}\n${printSchemaWithDirectives(api)}`)),
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
    const guarded = guard(subgraph, ruleMaps, audience);
    keepReferenceResolvers(subgraph, guarded);
    return [audience, guarded] as const;
  });
  return Object.fromEntries(schemas) as Record<ViewerAudience, GraphQLSchema>;
}
