// Counts every GraphQL request of a server by operation name and outcome (OK, or the first error's code), times
// it, and leaves both in the request's locals for its log line.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import { metrics, operationLabel } from './metrics.js';

export interface ObservedContext extends BaseContext {
  /** express `res.locals` of the request: where its log line reads operation and outcome. */
  locals: Record<string, unknown>;
}

export function observabilityPlugin<TContext extends ObservedContext>(server: string): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, errors, request }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // The answer's errors, as formatted (a limit refusal has its own code there, not Apollo's GRAPHQL_VALIDATION_FAILED).
          const first = (body?.errors ?? errors)?.[0];
          const outcome = first ? String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'OK';
          const operation = operationLabel(request.operationName);
          metrics.requests.inc({ server, operation, outcome });
          metrics.requestDuration.observe({ server, outcome }, (performance.now() - started) / 1000);
          contextValue.locals.operation = operation;
          contextValue.locals.outcome = outcome;
        },
      };
    },
  };
}
