// Persisted documents behind Hive Gateway: the same manifests (PERSISTED_DOCUMENTS), the same rule (partners, or with
// PERSISTED_DOCUMENTS_ONLY everyone, may run only manifest documents) and the same refusals (messages and
// extensions.code) as the hub's gateway, through Hive Gateway's own persisted-documents support (the
// `persistedDocuments` option: @graphql-yoga/plugin-persisted-operations). The manifests are read and checked, and each
// request is judged, by the hub's own module (src/gateway/persisted-documents.ts); this file only adapts it.
import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import type { GatewayConfig } from '@graphql-hive/gateway';
import { persistedDocumentSettings } from '../../src/config.ts';
import { decide, PersistedDocumentStore, requestedDocumentOf, type Decision, type Restriction } from '../../src/gateway/persisted-documents.ts';

type Refusal = Extract<Decision, { action: 'refuse' }>;

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Is the request's viewer held to the manifests? This router does not verify tokens (the subgraphs do), so it reads
 * the forwarded token's `roles` claim without verifying it, and holds to them a token that claims PARTNER, as the hub's
 * gateway holds a viewer with that role. Reading unverified claims gains a forger nothing:
 * - every subgraph verifies the same token (signature, issuer, audience, expiry) and answers a forged or altered one
 *   with UNAUTHENTICATED and no data, so a partner who strips PARTNER from its token's claims (or sends a token that
 *   cannot be read, which is let through here as the hub's gateway would answer it: UNAUTHENTICATED) gets nothing;
 * - a token the subgraphs accept is one whose claims are the ones read here, and roles come from that claim: they
 *   accept it only if the agency's kind may hold each role it names (src/auth/user-viewer.ts, rolesByAgencyKind), and
 *   a private operator may hold PARTNER only. So every real partner token names PARTNER and is held here, and a
 *   verified token that does not name it is a viewer the hub's gateway does not hold either;
 * - without a token, a partner is anonymous: it may send query text, as through the hub's gateway, and it sees what
 *   anyone sees.
 */
export function restrictionOf(request: Request, only: boolean): Restriction {
  if (only) return 'everyone';
  const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) return null;
  let roles: unknown;
  try {
    roles = decodeJwt(token).roles;
  } catch {
    return null; // not a JWT: every subgraph refuses it
  }
  return Array.isArray(roles) && roles.includes('PARTNER') ? 'partner' : null;
}

function refusal(decision: Refusal): GraphQLError {
  // Status 400 as from the hub's gateway (Hive Gateway leaves `http` out of the answer's extensions).
  return new GraphQLError(decision.message, { extensions: { code: decision.code, http: { status: 400 } } });
}

/** What a request asks for: Hive Gateway's parsed parameters, and on a GET the documentId of the query string. */
function requested(params: Record<string, unknown>, request: Request) {
  const documentId = params.documentId ?? (request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') ?? undefined : undefined);
  return requestedDocumentOf({ documentId, query: params.query, extensions: params.extensions });
}

/**
 * Hive Gateway's `persistedDocuments` option from PERSISTED_DOCUMENTS and PERSISTED_DOCUMENTS_ONLY (read and checked as
 * the hub reads them: a manifest that cannot be served stops the router at start, saying what is wrong where).
 */
export function persistedDocumentsFromEnv(env: NodeJS.ProcessEnv): NonNullable<GatewayConfig['persistedDocuments']> {
  const settings = persistedDocumentSettings(env);
  const store = PersistedDocumentStore.load(settings.files);
  const restriction = (request: Request) => restrictionOf(request, settings.only);
  /** The hub gateway's answer to a request Hive Gateway refuses; `fallback` when the hub would not refuse it. */
  const refusalFor = (params: Record<string, unknown>, request: Request, fallback: Refusal) => {
    const decision = decide(requested(params, request), restriction(request), store);
    return refusal(decision.action === 'refuse' ? decision : fallback);
  };
  return {
    // Query text: only for viewers not held to the manifests (the plugin asks before anything else).
    allowArbitraryDocuments: (request) => restriction(request) === null,
    // No query text: the hub's decision names the manifest document to run, or refuses (unknown or malformed id,
    // documentId with an APQ extension...). Neither documentId nor an APQ hash: null, answered by keyNotFound.
    extractPersistedOperationId(params, request) {
      const asked = requested(params as unknown as Record<string, unknown>, request);
      const decision = decide(asked, restriction(request), store);
      if (decision.action === 'refuse') throw refusal(decision);
      if (decision.action === 'run') return decision.document.id;
      // A viewer free to send text, with an APQ hash alone: this router keeps no APQ cache. Apollo Server's answer
      // when APQ is off, on which APQ clients send the text instead.
      if (asked.apqHash !== undefined) throw new GraphQLError('PersistedQueryNotSupported', { extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 400 } } });
      return null;
    },
    getPersistedOperation: (id) => store.get(id)?.text ?? null,
    customErrors: {
      // Query text from a viewer held to the manifests (or with a documentId beside it: BAD_REQUEST, as the hub says).
      persistedQueryOnly: ({ params, request }) => refusalFor(params as unknown as Record<string, unknown>, request, {
        action: 'refuse', code: 'PERSISTED_DOCUMENT_REQUIRED', message: "Only the alliance's persisted operations may be run here: send the documentId of an operation of an installed manifest",
      }),
      // Nothing to run: neither query text nor a document id.
      keyNotFound: { message: 'Send a GraphQL request: query text, or the documentId of an operation of an installed manifest', extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
      // Not reached (extractPersistedOperationId names only documents of the manifests); kept in the hub's terms.
      notFound: { message: 'No persisted operation has this id', extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND', http: { status: 400 } } },
    },
  };
}
