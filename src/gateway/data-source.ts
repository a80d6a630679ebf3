// How the gateway calls a subgraph: with the viewer in a token it signs for that subgraph alone, the request's
// trace, and the request's bounds (deadline, client gone, response size) on top of the subgraph's own time limit.
// A subgraph's GraphQL answer passes through with its errors' codes (BAD_USER_INPUT stays BAD_USER_INPUT, even
// on HTTP 400); only a subgraph that cannot answer is SUBGRAPH_UNAVAILABLE, at the path it was asked for.
import { performance } from 'node:perf_hooks';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, parse } from 'graphql';
import type { GatewaySigner } from '../auth/gateway-token.js';
import { anonymousViewer, type Viewer } from '../auth/viewer.js';
import { cancellationOf, cancelledError, type RequestBounds } from '../limits/deadline.js';
import { metrics } from '../observability/metrics.js';
import { childTraceparent, type TraceContext } from '../observability/trace.js';

export interface GatewayContext {
  viewer: Viewer;
  bounds: RequestBounds;
  trace: TraceContext;
  /** Bytes received from subgraphs so far for this request, against the response cap. */
  received: { bytes: number; max: number };
  locals: Record<string, unknown>;
  /** The client's Idempotency-Key header, passed on to the subgraphs (the core makes retried changes safe with it). */
  idempotencyKey?: string;
}

class SubgraphUnavailable extends Error {}

/** What a call to a subgraph carries beyond the gateway's own headers, read at each call (registrations change). */
export type CallSettings = (subgraph: string) => { headers: Record<string, string>; timeoutMs: number };

/** Reads a body up to `budget` bytes; past it, stops reading and returns null. */
async function readWithin(res: Response, budget: number): Promise<string | null> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > budget) {
      await res.body.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class SignedDataSource implements GraphQLDataSource<GatewayContext> {
  /** `settings`: the subgraph's registered headers and time limit, looked up by name at each call. */
  constructor(private readonly subgraph: string, private readonly url: string, private readonly signer: GatewaySigner, private readonly settings: CallSettings) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const context = options.context as GatewayContext | undefined;
    let timeoutMs: number | undefined;
    try {
      // An unset secret (MissingSecretError) fails the call like an outage; /readyz names the header and variable.
      const settings = this.settings(this.subgraph);
      timeoutMs = settings.timeoutMs;
      return await this.send(options.request, context, settings);
    } catch (error) {
      const cancelled = cancellationOf(error, context?.bounds?.signal);
      if (cancelled) throw cancelledError(cancelled);
      const reason = (error as Error).name === 'TimeoutError' ? `did not answer within ${timeoutMs} ms` : `is unavailable${error instanceof SubgraphUnavailable ? ` (${error.message})` : ''}`;
      throw new GraphQLError(`Subgraph "${this.subgraph}" ${reason}`, {
        path: ('pathInIncomingRequest' in options ? responsePath(options.pathInIncomingRequest) : undefined) ?? rootFieldPath(options.request.query),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph },
      });
    }
  }

  private async send(request: GatewayGraphQLRequest, context: GatewayContext | undefined, settings: ReturnType<CallSettings>): Promise<GatewayGraphQLResponse> {
    // The registration's headers first: they never replace the gateway's own (reserved names are refused anyway).
    const headers: Record<string, string> = {
      ...settings.headers,
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${await this.signer.sign(context?.viewer ?? anonymousViewer, this.subgraph)}`,
      ...(context?.trace ? { traceparent: childTraceparent(context.trace) } : {}),
      ...(context?.idempotencyKey && request.query?.trimStart().startsWith('mutation') ? { 'idempotency-key': context.idempotencyKey } : {}),
    };
    const { query, variables, operationName, extensions } = request;
    const signals = [AbortSignal.timeout(settings.timeoutMs), ...(context?.bounds ? [context.bounds.signal] : [])];
    const started = performance.now();
    let outcome = 'unavailable';
    try {
      const res = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables, operationName, extensions }), signal: AbortSignal.any(signals) });
      const received = context?.received;
      const text = await readWithin(res, received ? received.max - received.bytes : Number.MAX_SAFE_INTEGER);
      if (text === null) {
        context!.bounds.cancel('response_too_large');
        throw context!.bounds.signal.reason;
      }
      if (received) received.bytes += text.length;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      // GraphQL over HTTP: a 400 with a GraphQL body is an answer (bad input), not an outage.
      if (!parsed || typeof parsed !== 'object' || !('data' in parsed || 'errors' in parsed)) throw new SubgraphUnavailable(`HTTP ${res.status} without a GraphQL answer`);
      outcome = (parsed as GatewayGraphQLResponse).errors?.length ? 'graphql_error' : 'ok';
      return parsed as GatewayGraphQLResponse;
    } catch (error) {
      outcome = cancellationOf(error, context?.bounds?.signal) ? 'aborted' : (error as Error).name === 'TimeoutError' ? 'timeout' : 'unavailable';
      throw error;
    } finally {
      metrics.subgraphFetchDuration.observe({ subgraph: this.subgraph, outcome }, (performance.now() - started) / 1000);
    }
  }
}

/** The query planner's path to the entities it fetched for (`@` = every item of a list), cut at the first list. */
function responsePath(path: unknown): (string | number)[] | undefined {
  if (!Array.isArray(path) || path.length === 0) return undefined;
  const cut = path.indexOf('@');
  return (cut === -1 ? path : path.slice(0, cut)) as (string | number)[];
}

/** A root fetch has no entity path: name the first root field it asked for. */
function rootFieldPath(query: string | undefined): string[] | undefined {
  try {
    const operation = parse(query ?? '').definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const field = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    return field ? [field.alias?.value ?? field.name.value] : undefined;
  } catch {
    return undefined;
  }
}
