// A typed client for the alliance hub that sends persisted operations only: the id of a document of the
// generated manifest (`src/gql/persisted-documents.json`, which the alliance installs at the gateway), its
// operation name and variables, never the query text (GraphQL-over-HTTP, Appendix A "Persisted Documents").
// No dependency beyond `fetch`: the generated documents carry their id in `__meta__.hash`.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A GraphQL error as the hub sends it: a message and a stable `extensions.code`. */
export interface HubError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** An answer with data; `errors` lists what could not be answered (e.g. a field the viewer may not read). */
export interface HubResult<TData> {
  data: TData;
  errors: HubError[];
}

/** The hub answered without data: refused (e.g. PERSISTED_DOCUMENT_NOT_FOUND, UNAUTHENTICATED) or failed. */
export class HubRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: HubError[],
  ) {
    super(message);
    this.name = 'HubRequestError';
  }

  /** The first error's code, e.g. PERSISTED_DOCUMENT_NOT_FOUND. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface HubClientOptions {
  /** The gateway's GraphQL URL, e.g. http://localhost:4000/graphql. */
  url: string;
  /** The partner's token (`Authorization: Bearer …`); anonymous without it. */
  token?: string;
  /** Per request (default 15 s). */
  timeoutMs?: number;
}

/** Variables are optional only for operations whose variables are all optional. */
type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface HubClient {
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<HubResult<TData>>;
}

interface GeneratedDocument {
  __meta__?: { hash?: string };
  definitions?: ReadonlyArray<{ kind: string; name?: { value: string } }>;
}

/** The document's id and operation name, as the client preset generated them. */
export function persistedRequestOf(document: TypedDocumentNode<unknown, never>): { documentId: string; operationName: string | undefined } {
  const generated = document as unknown as GeneratedDocument;
  const documentId = generated.__meta__?.hash;
  if (!documentId) {
    throw new Error('This document has no persisted id: generate it with `npm run codegen` (client preset, persistedDocuments)');
  }
  const operations = (generated.definitions ?? []).filter((d) => d.kind === 'OperationDefinition');
  return { documentId, operationName: operations.length === 1 ? operations[0]!.name?.value : undefined };
}

export function hubClient(options: HubClientOptions): HubClient {
  return {
    async request(document, ...[variables]) {
      const { documentId, operationName } = persistedRequestOf(document as TypedDocumentNode<unknown, never>);
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({ documentId, operationName, variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      let body: { data?: unknown; errors?: HubError[] };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new HubRequestError(`The hub answered HTTP ${response.status} without a GraphQL response`, response.status, []);
      }
      const errors = body.errors ?? [];
      if (body.data == null) {
        const first = errors[0];
        throw new HubRequestError(first ? `${first.extensions?.code ?? 'ERROR'}: ${first.message}` : `The hub answered HTTP ${response.status} without data`, response.status, errors);
      }
      return { data: body.data as never, errors };
    },
  };
}
