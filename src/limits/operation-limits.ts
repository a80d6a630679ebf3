// Operation limits, checked before anything runs: at the gateway before planning, and again in every subgraph (a
// subgraph may be fronted by another router). Depth, aliases and directives use graphql-armor's validation rules,
// tokens graphql-js's own parser limit, cost graphql-query-complexity with our estimator (cost.ts); graphql-armor
// has no root-field limit and its cost rule ignores page sizes, so those two are ours.
// Every refusal has a stable code and says which limit and by how much: { code, limit, found }.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type ASTVisitor, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { viewerAudience, type ViewerAudience } from '../auth/audience.js';
import type { Viewer } from '../auth/viewer.js';
import { operationCost } from './cost.js';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  /** Cost budget (≈ objects resolved) per audience: anonymous < partners and other members < law enforcement. */
  costBudget: Record<ViewerAudience, number>;
  /** false: introspection only for signed-in viewers (production); true: for everyone. */
  anonymousIntrospection: boolean;
}

export const LIMIT_CODES = ['DEPTH_LIMIT', 'ALIAS_LIMIT', 'ROOT_FIELD_LIMIT', 'DIRECTIVE_LIMIT', 'TOKEN_LIMIT', 'COST_LIMIT', 'INTROSPECTION_DISABLED'] as const;
export type LimitCode = (typeof LIMIT_CODES)[number];

export function limitError(code: LimitCode, what: string, limit: number, found: number): GraphQLError {
  const by = Number.isFinite(found) ? `found ${found}, ${found - limit} over` : 'far over';
  return new GraphQLError(`Operation refused: ${what} limit is ${limit}, ${by}`, {
    extensions: { code, limit, found: Number.isFinite(found) ? found : null, http: { status: 400 } },
  });
}

// graphql-armor reports "<Kind> limit of N exceeded, found M." through onReject: re-issue it with our code.
const ARMOR_MESSAGE = /limit of (\d+) exceeded, found (\d+)/;
function armorReporter(code: LimitCode, what: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const m = ARMOR_MESSAGE.exec(error.message);
    context?.reportError(limitError(code, what, Number(m?.[1] ?? 0), Number(m?.[2] ?? 0)));
  };
}

function rootFieldCount(selectionSet: SelectionSetNode, context: ValidationContext, seen = new Set<string>()): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const found = rootFieldCount(operation.selectionSet, context);
      if (found > max) context.reportError(limitError('ROOT_FIELD_LIMIT', 'root field', max, found));
    },
  });
}

/**
 * The static limits (the same for every viewer), for ApolloServer's `validationRules` and `plugins`; graphql-armor
 * also masks "Did you mean …" suggestions, which would otherwise let anyone spell out the schema.
 */
export function staticLimits(limits: OperationLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin<BaseContext>[] } {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  const armor = new ApolloArmor({
    // Depth counts fields, not fragment nesting (a fragment bomb is the cost estimate's business).
    maxDepth: { ...common, n: limits.maxDepth, flattenFragments: true, onReject: [armorReporter('DEPTH_LIMIT', 'depth')] },
    maxAliases: { ...common, n: limits.maxAliases, onReject: [armorReporter('ALIAS_LIMIT', 'alias')] },
    maxDirectives: { ...common, n: limits.maxDirectives, onReject: [armorReporter('DIRECTIVE_LIMIT', 'directive')] },
    // Tokens: graphql-js's parser counts them in the one parse (armor's plugin would parse a second time).
    maxTokens: { enabled: false },
    // Cost: armor's rule ignores page sizes; ours is viewerLimitsPlugin.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { validationRules: [...armor.validationRules, maxRootFieldsRule(limits.maxRootFields)], plugins: armor.plugins as ApolloServerPlugin<BaseContext>[] };
}

/** For ApolloServer's `parseOptions`: graphql-js stops parsing past this many tokens. */
export function limitParseOptions(limits: OperationLimits) {
  return { maxTokens: limits.maxTokens };
}

// graphql-js: "Syntax Error: Document contains more that N tokens. Parsing aborted."
const TOKEN_MESSAGE = /contains more that (\d+) tokens/;

/** The limit code a refusal was raised with (Apollo files validation refusals under GRAPHQL_VALIDATION_FAILED). */
function limitCodeOf(error: unknown): LimitCode | null {
  for (let e = error as { extensions?: Record<string, unknown>; originalError?: unknown } | undefined, depth = 0; e && depth < 3; e = e.originalError as typeof e, depth++) {
    const code = e.extensions?.code;
    if (typeof code === 'string' && (LIMIT_CODES as readonly string[]).includes(code)) return code as LimitCode;
  }
  return null;
}

/**
 * In a server's formatError: a limit refusal with its own code. The parser's token refusal becomes TOKEN_LIMIT;
 * validation refusals get their code back from Apollo's GRAPHQL_VALIDATION_FAILED.
 */
export function limitRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const m = TOKEN_MESSAGE.exec(formatted.message);
  if (m) {
    const limit = Number(m[1]);
    return { message: `Operation refused: token limit is ${limit}, found more`, extensions: { code: 'TOKEN_LIMIT', limit, found: null } };
  }
  const code = limitCodeOf(error);
  if (!code) return null;
  const { http: _http, stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  return { message: formatted.message, extensions: { ...extensions, code } };
}

function selectsIntrospection(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.some((s) =>
    (s.kind === Kind.FIELD && (s.name.value === '__schema' || s.name.value === '__type')) ||
    (s.kind === Kind.INLINE_FRAGMENT && selectsIntrospection(s.selectionSet)));
}

export interface LimitOutcome {
  /** A refused operation: which limit. */
  onRefused?: (code: LimitCode) => void;
}

/**
 * The limits that depend on the viewer, after validation and before execution (so, at the gateway, before
 * planning): the cost budget of the viewer's audience and introspection for anonymous viewers.
 */
export function viewerLimitsPlugin<TContext extends BaseContext>(limits: OperationLimits, viewerOf: (context: TContext) => Viewer, outcome: LimitOutcome = {}): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, request, operation, schema }) {
          const viewer = viewerOf(contextValue);
          const audience = viewerAudience(viewer);
          if (!limits.anonymousIntrospection && audience === 'ANONYMOUS' && operation && selectsIntrospection(operation.selectionSet)) {
            outcome.onRefused?.('INTROSPECTION_DISABLED');
            throw new GraphQLError('Introspection is for signed-in members', { extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 403 } } });
          }
          const budget = limits.costBudget[audience];
          const cost = operationCost(schema, document, request.variables, request.operationName ?? undefined);
          if (cost !== null && cost > budget) {
            outcome.onRefused?.('COST_LIMIT');
            throw limitError('COST_LIMIT', `cost (${audience.toLowerCase().replace('_', ' ')} viewers)`, budget, cost);
          }
        },
        async didEncounterErrors({ errors }) {
          // The validation and parse refusals (cost and introspection were counted where they were thrown).
          for (const error of errors) {
            const code = TOKEN_MESSAGE.test(error.message) ? 'TOKEN_LIMIT' : limitCodeOf(error);
            if (code && code !== 'COST_LIMIT' && code !== 'INTROSPECTION_DISABLED') outcome.onRefused?.(code);
          }
        },
      };
    },
  };
}
