// Persisted documents (GraphQL-over-HTTP, Appendix A): the gateway serves the operations of installed manifests by
// their id, and holds partner front-ends (and, with PERSISTED_DOCUMENTS_ONLY, everyone) to them. A manifest is what
// GraphQL Code Generator's client preset writes: { "sha256:<hex of the text>": "<document text>" }. Requests are
// turned into ordinary ones (the document's text in `query`) before Apollo sees them; refusals are answered here,
// before any parsing, planning or subgraph call.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError, Kind, parse } from 'graphql';
import { Role, type Viewer } from '../auth/viewer.js';

export interface PersistedDocument {
  /** `sha256:<64 lower-case hex digits>`. */
  id: string;
  text: string;
  /** The name of its operation when it holds exactly one (a persisted operation, as the client preset writes). */
  operationName?: string;
}

/** A manifest the gateway cannot serve; the message names the setting, the file and the entry. */
export class PersistedDocumentsError extends Error {}

const SHA256_ID = /^(?:sha256:)?([0-9a-fA-F]{64})$/;

/** The canonical id (`sha256:<lower-case hex>`) of an id given with or without its `sha256:` prefix; null otherwise. */
export function canonicalDocumentId(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const match = SHA256_ID.exec(id);
  return match ? `sha256:${match[1]!.toLowerCase()}` : null;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A document as a manifest entry must be: its id the SHA-256 of its text, operations and fragments only. */
function checkedDocument(where: string, id: string, text: unknown): PersistedDocument {
  if (typeof text !== 'string' || text.trim() === '') throw new PersistedDocumentsError(`${where}: the document must be a non-empty string`);
  if (sha256Hex(text) !== id.slice('sha256:'.length)) {
    throw new PersistedDocumentsError(`${where}: the document's SHA-256 is not its id (edited by hand?): regenerate the manifest with GraphQL Code Generator`);
  }
  let definitions;
  try {
    definitions = parse(text, { noLocation: true }).definitions;
  } catch (error) {
    throw new PersistedDocumentsError(`${where} is not a GraphQL document: ${error instanceof GraphQLError ? error.message : String(error)}`);
  }
  if (definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION)) {
    throw new PersistedDocumentsError(`${where}: a persisted document holds operations and fragments only`);
  }
  const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) throw new PersistedDocumentsError(`${where} holds no operation`);
  return { id, text, operationName: operations.length === 1 ? operations[0]!.name?.value : undefined };
}

/** The documents of every installed manifest, by canonical id. */
export class PersistedDocumentStore {
  private readonly documents = new Map<string, PersistedDocument>();

  /** Reads and checks every manifest; throws PersistedDocumentsError saying what is wrong where. */
  static load(files: readonly string[]): PersistedDocumentStore {
    const store = new PersistedDocumentStore();
    for (const file of files) {
      let manifest: unknown;
      try {
        manifest = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : error instanceof SyntaxError ? `not JSON (${error.message})` : (error as Error).message;
        throw new PersistedDocumentsError(`PERSISTED_DOCUMENTS: ${file} cannot be read: ${why}`);
      }
      if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
        throw new PersistedDocumentsError(`PERSISTED_DOCUMENTS: ${file} must hold a JSON object { "sha256:<hex>": "<document>", ... }`);
      }
      for (const [key, text] of Object.entries(manifest)) {
        const where = `PERSISTED_DOCUMENTS: ${file}: entry "${key.slice(0, 80)}"`;
        const id = canonicalDocumentId(key);
        if (!id) throw new PersistedDocumentsError(`${where} is not a document id: expected "sha256:" and 64 hexadecimal digits (or the bare hash)`);
        const document = checkedDocument(where, id, text);
        store.documents.set(document.id, document);
      }
    }
    return store;
  }

  /** Adds one document under its SHA-256 id (as a manifest entry would be; the tests' clients install theirs so). */
  add(text: string): PersistedDocument {
    const document = checkedDocument('persisted document', `sha256:${sha256Hex(text)}`, text);
    this.documents.set(document.id, document);
    return document;
  }

  get size(): number {
    return this.documents.size;
  }

  get(id: string): PersistedDocument | undefined {
    return this.documents.get(id);
  }
}

/** What a request asks for, in the GraphQL-over-HTTP parameters this module reads (POST body or GET query string). */
export interface RequestedDocument {
  documentId?: unknown;
  query?: unknown;
  /** The hash of an automatic persisted query (`extensions.persistedQuery.sha256Hash`), when there is that extension. */
  apqHash?: unknown;
}

export type Decision =
  | { action: 'pass' }
  | { action: 'refuse'; code: 'PERSISTED_DOCUMENT_REQUIRED' | 'PERSISTED_DOCUMENT_NOT_FOUND' | 'BAD_REQUEST'; message: string }
  | { action: 'run'; document: PersistedDocument };

/** Why a viewer is held to the manifests: its role, or the hub's setting. */
export type Restriction = 'partner' | 'everyone' | null;

const MANIFEST_HINT = 'the documentId of an operation of an installed manifest (persisted-documents.json), with its operationName and variables';

function notFound(what: string, id: string): Decision {
  return {
    action: 'refuse', code: 'PERSISTED_DOCUMENT_NOT_FOUND',
    message: `No persisted operation has the ${what} "${id}": ask the alliance's administrators to install your front-end's current manifest (persisted-documents.json)`,
  };
}

/** What to do with a request: run a manifest document, pass it on to Apollo as it is, or refuse it. */
export function decide(request: RequestedDocument, restriction: Restriction, store: PersistedDocumentStore): Decision {
  // null is absent, as Apollo reads the other parameters.
  if (request.documentId != null) {
    const id = canonicalDocumentId(request.documentId);
    if (!id) return { action: 'refuse', code: 'BAD_REQUEST', message: 'documentId must be "sha256:" followed by 64 hexadecimal digits (or the bare hash)' };
    if (request.query != null || request.apqHash !== undefined) {
      return { action: 'refuse', code: 'BAD_REQUEST', message: 'Send documentId alone: not with query text or a persistedQuery extension' };
    }
    const document = store.get(id);
    return document ? { action: 'run', document } : notFound('id', id);
  }
  if (!restriction) return { action: 'pass' };
  const who = restriction === 'partner' ? 'Partner front-ends may run only' : 'This hub runs only';
  if (request.apqHash !== undefined) {
    // Automatic persisted queries: never a way to add an operation, nor to run one somebody else registered.
    if (request.query != null) {
      return { action: 'refuse', code: 'PERSISTED_DOCUMENT_REQUIRED', message: `${who} the alliance's persisted operations: automatic persisted queries cannot register new ones. Send ${MANIFEST_HINT}` };
    }
    const id = canonicalDocumentId(request.apqHash);
    if (!id) return { action: 'refuse', code: 'BAD_REQUEST', message: 'extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits' };
    const document = store.get(id);
    return document ? { action: 'run', document } : notFound('hash', id.slice('sha256:'.length));
  }
  return { action: 'refuse', code: 'PERSISTED_DOCUMENT_REQUIRED', message: `${who} the alliance's persisted operations, not query text: send ${MANIFEST_HINT}` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function apqHashOf(extensions: unknown): unknown {
  if (!isObject(extensions) || extensions.persistedQuery === undefined) return undefined;
  return isObject(extensions.persistedQuery) ? (extensions.persistedQuery.sha256Hash ?? null) : null;
}

/**
 * What GraphQL-over-HTTP parameters ask for, as `decide` reads them: the hub's POST bodies, and the parameters another
 * router parsed (deploy/hive-gateway holds Hive Gateway to the same manifests with this module).
 */
export function requestedDocumentOf(params: { documentId?: unknown; query?: unknown; extensions?: unknown }): RequestedDocument {
  return { documentId: params.documentId, query: params.query, apqHash: apqHashOf(params.extensions) };
}

/** `extensions` without `persistedQuery`, or undefined when nothing else is left. */
function withoutApq(extensions: unknown): Record<string, unknown> | undefined {
  if (!isObject(extensions)) return undefined;
  const { persistedQuery: _apq, ...rest } = extensions;
  return Object.keys(rest).length ? rest : undefined;
}

function refuse(res: Response, decision: Extract<Decision, { action: 'refuse' }>): void {
  res.status(400).setHeader('cache-control', 'no-store');
  res.json({ errors: [{ message: decision.message, extensions: { code: decision.code } }] });
}

/** A POST: the JSON body (an object; anything else is not a single GraphQL request). */
function fromBody(req: Request, restriction: Restriction, store: PersistedDocumentStore): Decision | null {
  const body: unknown = req.body;
  if (!isObject(body)) {
    return restriction ? { action: 'refuse', code: 'PERSISTED_DOCUMENT_REQUIRED', message: `Send one request as a JSON object with ${MANIFEST_HINT}` } : null;
  }
  const decision = decide(requestedDocumentOf(body), restriction, store);
  if (decision.action === 'run') {
    const { documentId: _id, extensions, ...rest } = body;
    const kept = withoutApq(extensions);
    // The operation's name from the document when the client gave none: audit rows, logs and metrics name it.
    const operationName = body.operationName || decision.document.operationName;
    req.body = { ...rest, query: decision.document.text, ...(operationName ? { operationName } : {}), ...(kept ? { extensions: kept } : {}) };
  }
  return decision;
}

/** A GET: the query string. One without GraphQL parameters (a browser opening the page) is left alone. */
function fromQueryString(req: Request, restriction: Restriction, store: PersistedDocumentStore): Decision | null {
  const at = req.url.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
  if (!params.has('documentId') && !params.has('query') && !params.has('extensions')) return null;
  let extensions: unknown;
  if (params.has('extensions')) {
    try {
      extensions = JSON.parse(params.get('extensions')!);
    } catch {
      if (restriction) return { action: 'refuse', code: 'BAD_REQUEST', message: 'The extensions parameter must be JSON' };
      return null; // Apollo answers it
    }
  }
  const decision = decide({ documentId: params.get('documentId') ?? undefined, query: params.get('query') ?? undefined, apqHash: apqHashOf(extensions) }, restriction, store);
  if (decision.action === 'run') {
    params.delete('documentId');
    params.set('query', decision.document.text);
    if (!params.get('operationName') && decision.document.operationName) params.set('operationName', decision.document.operationName);
    const kept = withoutApq(extensions);
    if (kept) params.set('extensions', JSON.stringify(kept));
    else params.delete('extensions');
    req.url = `${at < 0 ? req.url : req.url.slice(0, at)}?${params.toString()}`;
  }
  return decision;
}

export interface PersistedDocumentPolicy {
  store: PersistedDocumentStore;
  /** PERSISTED_DOCUMENTS_ONLY: every viewer is held to the manifests, not only partners. */
  only: boolean;
  onRefused?(code: string): void;
}

/**
 * In front of Apollo, after the viewer is known (`res.locals.viewer`): runs `documentId` requests from the manifests,
 * and refuses what a viewer held to them may not send (query text, APQ registration, unknown ids).
 */
export function persistedDocumentRequests(policy: PersistedDocumentPolicy): RequestHandler {
  return (req, res, next) => {
    const viewer = res.locals.viewer as Viewer;
    const restriction: Restriction = policy.only ? 'everyone' : viewer.roles.has(Role.PARTNER) ? 'partner' : null;
    const decision = req.method === 'POST' ? fromBody(req, restriction, policy.store) : req.method === 'GET' ? fromQueryString(req, restriction, policy.store) : null;
    if (decision?.action === 'refuse') {
      policy.onRefused?.(decision.code);
      refuse(res, decision);
      return;
    }
    next();
  };
}
