// Writes each request's audit trail once, when the response is ready: its reads, and every mutation field that did
// not change anything (refused, failed, or answered from its idempotency key). A change that was made has its row
// already: inserted in the change's own transaction (mutations.ts), so neither exists without the other.
// If the trail cannot be written (the database went away), the response is withheld: nothing is served unaudited.
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { getArgumentValues, getVariableValues, Kind, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { HubContext } from '../../context.js';
import type { Logger } from '../../../observability/logger.js';
import { withholdUnaudited } from '../../common/errors.js';
import { AuditOutcome } from './audit.entity.js';
import { writeAudit } from './audit.writer.js';

const DENIED_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * A mutation field's `input` as its resolver would have got it, whether the request wrote it inline or with
 * variables (or both): the argument values computed from the document and the coerced variables against the
 * field's definition. Undefined when they cannot be computed (the request was refused for its arguments).
 */
function inputOf(schema: GraphQLSchema, selection: FieldNode, variables: Record<string, unknown> | undefined): unknown {
  const definition = schema.getMutationType()?.getFields()[selection.name.value];
  if (!definition || !variables) return undefined;
  try {
    return getArgumentValues(definition, selection, variables).input;
  } catch {
    return undefined;
  }
}

/** The operation's variables, coerced as execution coerces them; undefined when they are invalid. */
function variablesOf(schema: GraphQLSchema, operation: OperationDefinitionNode, given: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  try {
    const result = getVariableValues(schema, operation.variableDefinitions ?? [], given ?? {});
    return result.errors ? undefined : result.coerced;
  } catch {
    return undefined;
  }
}

/** `logger`: where the rows go when the database cannot take them. */
export function auditPlugin(orm: MikroORM, logger: Logger): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          if (contextValue?.audit) contextValue.audit.operationName = operationName ?? null;
        },
        async willSendResponse({ contextValue, operation, operationName, response, request, schema }) {
          const trail = contextValue?.audit;
          if (!trail) return;
          if (operation?.operation === 'mutation' && response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            const variables = variablesOf(schema, operation as OperationDefinitionNode, request.variables);
            for (const selection of (operation as OperationDefinitionNode).selectionSet.selections) {
              if (selection.kind !== Kind.FIELD) continue;
              const key = selection.alias?.value ?? selection.name.value;
              if (trail.isRecorded(key)) continue;
              const error = errors?.find((e) => e.path?.[0] === key);
              const code = error?.extensions?.code as string | undefined;
              const outcome = !error ? AuditOutcome.ALLOWED : code && DENIED_CODES.has(code) ? AuditOutcome.DENIED : AuditOutcome.FAILED;
              const detail = trail.wasReplayed(key) ? 'IDEMPOTENT_REPLAY' : (code ?? null);
              trail.write(`Mutation.${selection.name.value}`, data?.[key], inputOf(schema, selection, variables), outcome, detail);
            }
          }
          try {
            await writeAudit(orm, trail, operationName ?? null);
          } catch (error) {
            const withheld = withholdUnaudited(response, error, operation?.operation === 'mutation');
            // The trail's rows go to the process log instead, so that a refusal during an outage is still on record.
            logger.error({ err: error, auditRows: trail.rows(), viewer: trail.viewer.subject, operationName, withheld }, 'audit trail not written to the database');
          }
        },
      };
    },
  };
}
