// A throw-away subgraph for gateway tests: any SDL and resolvers, optionally slow, checking the gateway's
// signature like every subgraph must. Counts the operations it executes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import type { JSONWebKeySet } from 'jose';
import { GatewayVerifier } from '../../src/auth/gateway-token.js';
import { FEDERATION_WITH_POLICY } from '../../src/auth/sensitivity.js';

export interface AdHocSubgraph {
  url: string;
  /** Operations executed other than the gateway's `_service` SDL reads and `{ __typename }` checks. */
  executed: number;
  stop(): Promise<void>;
}

export async function startAdHocSubgraph(options: {
  name: string;
  sdl: string;
  resolvers: Record<string, unknown>;
  gatewayKeys: JSONWebKeySet;
  delayMs?: number;
  /** Delay every answer, the gateway's SDL reads and checks included (a subgraph slow through and through). */
  delayAllMs?: number;
  /** Answer without checking any credential (a subgraph that forgot to). */
  open?: boolean;
  /** A header every request must carry with this value (a router secret, as Apollo's subgraph template asks): else 401. */
  requireHeader?: { name: string; value: string };
}): Promise<AdHocSubgraph> {
  const schema = buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION_WITH_POLICY}\n${options.sdl}`), resolvers: options.resolvers as never }]);
  const verifier = new GatewayVerifier(options.gatewayKeys, options.name);
  const state = { executed: 0 };
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    res.setHeader('content-type', 'application/json');
    const required = options.requireHeader;
    if (required && req.headers[required.name] !== required.value) {
      res.statusCode = 401;
      res.end(JSON.stringify({ errors: [{ message: `missing or wrong "${required.name}"`, extensions: { code: 'UNAUTHENTICATED' } }] }));
      return;
    }
    try {
      const viewer = options.open && !req.headers.authorization ? undefined : await verifier.viewerFrom(req.headers.authorization);
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      if (options.delayAllMs) await new Promise((r) => setTimeout(r, options.delayAllMs));
      if (!query.includes('_service') && query.trim() !== '{ __typename }') {
        state.executed++;
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      }
      res.end(JSON.stringify(await graphql({ schema, source: query, variableValues: variables, contextValue: { viewer } })));
    } catch {
      res.statusCode = 401;
      res.end(JSON.stringify({ errors: [{ message: 'Not authenticated', extensions: { code: 'UNAUTHENTICATED' } }] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    get executed() {
      return state.executed;
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
