// The cost of an operation, estimated before it runs: roughly the number of objects it can make the servers
// resolve. A page multiplies what it selects by its size (`first`, default and maximum as the lists enforce them),
// so `ports(first: 100) { … agencies(first: 100) { … } }` costs 100 × 100 objects, not 2 fields.
// graphql-query-complexity walks the document (fragments, @skip/@include, variables); the estimator is ours.
import { getNamedType, isListType, isNonNullType, isObjectType, isAbstractType, type DocumentNode, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** What an unpaginated list of objects is assumed to hold (routes, participants' ports, statistics buckets). */
export const UNPAGED_LIST_ESTIMATE = 10;
/** Lists cap `first` at this and use the default below when it is absent (src/hub/common/pagination.ts agrees). */
const MAX_PAGE = 100;
const DEFAULT_PAGE = 20;

function unwrapNonNull(type: GraphQLOutputType): GraphQLOutputType {
  return isNonNullType(type) ? type.ofType : type;
}

function isConnection(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isObjectType(named) && named.name.endsWith('Connection') && 'edges' in named.getFields();
}

function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE;
  return Math.max(1, Math.min(MAX_PAGE, Math.floor(first)));
}

/**
 * Leaves cost nothing, every object costs 1, a connection multiplies its selection by its page size, `_entities`
 * by the number of representations, and another list of objects by UNPAGED_LIST_ESTIMATE. Introspection (`__schema`,
 * `__type`) costs 1 whatever it selects: it reads the schema in memory, asks no server for data, and its size is
 * the schema's (bounded by the depth, token and response limits); priced as data lists, GraphiQL's introspection
 * query cost 16,424 and only law enforcement could load the docs.
 */
export const objectCountEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  if (field.name === '__schema' || field.name === '__type') return 1;
  const type = field.type;
  const named = getNamedType(type);
  if (!isObjectType(named) && !isAbstractType(named)) return 0;
  // A page's edges are what its size already multiplies: one edge and its node per record.
  if (field.name === 'edges' && isConnection(parent as GraphQLOutputType)) return childComplexity;
  if (field.name === '_entities' && Array.isArray(args.representations)) return args.representations.length * (1 + childComplexity);
  if (isConnection(type)) return 1 + pageSize(args.first) * childComplexity;
  if (isListType(unwrapNonNull(type))) return UNPAGED_LIST_ESTIMATE * (1 + childComplexity);
  return 1 + childComplexity;
};

/** Fragments spread into fragments can make a short document expand enormously: past this many nodes, refuse. */
const MAX_QUERY_NODES = 10_000;

/**
 * The estimated cost; Infinity when the document expands past MAX_QUERY_NODES; null when it cannot be estimated
 * because its variables are invalid (execution then refuses it with the reason).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number | null {
  try {
    return getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [objectCountEstimator], maxQueryNodes: MAX_QUERY_NODES });
  } catch (error) {
    if ((error as Error).message.includes('maximum allowed number of nodes')) return Infinity;
    return null;
  }
}
