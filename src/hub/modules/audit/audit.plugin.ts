// Writes each request's audit trail once, when the response is ready. Changes are recorded here, for every
// mutation field, with their outcome: so a refused or failed write is on the trail as much as a done one.
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { HubContext } from '../../context.js';
import { AuditOutcome } from './audit.entity.js';
import { writeAudit } from './audit.writer.js';

const DENIED_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/** Ids a mutation touched: the one it returns, and the ones its input names. */
function idsOf(result: unknown, input: unknown): string[] {
  const ids = new Set<string>();
  const id = (result as { id?: unknown } | null)?.id;
  if (typeof id === 'string') ids.add(id);
  if (input && typeof input === 'object') {
    for (const [key, value] of Object.entries(input)) {
      if ((key === 'id' || key.endsWith('Id')) && typeof value === 'string') ids.add(value);
      if (key.endsWith('Ids') && Array.isArray(value)) value.filter((v) => typeof v === 'string').forEach((v) => ids.add(v));
    }
  }
  return [...ids];
}

export function auditPlugin(orm: MikroORM): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, response, request }) {
          const trail = contextValue?.audit;
          if (!trail) return;
          if (operation?.operation === 'mutation' && response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            for (const selection of (operation as OperationDefinitionNode).selectionSet.selections) {
              if (selection.kind !== Kind.FIELD) continue;
              const key = selection.alias?.value ?? selection.name.value;
              const error = errors?.find((e) => e.path?.[0] === key);
              const code = error?.extensions?.code as string | undefined;
              const outcome = !error ? AuditOutcome.ALLOWED : code && DENIED_CODES.has(code) ? AuditOutcome.DENIED : AuditOutcome.FAILED;
              const inputArg = selection.arguments?.find((a) => a.name.value === 'input');
              const input = inputArg?.value.kind === Kind.VARIABLE ? request.variables?.[inputArg.value.name.value] : undefined;
              trail.write(`Mutation.${selection.name.value}`, idsOf(data?.[key], input), outcome, code ?? null);
            }
          }
          await writeAudit(orm, trail, operationName ?? null);
        },
      };
    },
  };
}
