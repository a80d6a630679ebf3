// How the gateway calls a subgraph: with the viewer in a token it signs for that subgraph alone, within a time
// limit, and with failures reported under the subgraph's name.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewaySigner } from '../auth/gateway-token.js';
import { anonymousViewer, type Viewer } from '../auth/viewer.js';

export interface GatewayContext {
  viewer: Viewer;
}

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: string, url: string, private readonly signer: GatewaySigner, timeoutMs: number) {
    super({
      url,
      // A slow subgraph gets this long; past it the query goes on without it (partial data + an error).
      fetcher: ((input: string, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const viewer = (options.context as GatewayContext | undefined)?.viewer ?? anonymousViewer;
    options.request.http?.headers.set('authorization', `Bearer ${await this.signer.sign(viewer, this.subgraph)}`);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'did not answer in time' : 'is unavailable';
      throw new GraphQLError(`Subgraph "${this.subgraph}" ${reason}`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph },
      });
    }
  }
}
