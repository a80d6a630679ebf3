// Persisted operations at the gateway (src/gateway/persisted-documents.ts), over HTTP on the test federation:
// partners run only the operations of installed manifests (by documentId, GraphQL-over-HTTP Appendix A), automatic
// persisted queries cannot add any, PERSISTED_DOCUMENTS_ONLY holds every viewer to them, and the example partner
// client (examples/partner-client) works against the real gateway with its generated manifest.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { BestPracticeTextDocument, PartnerAgencyDocument, PortDirectoryDocument, PortSeizuresDocument } from '../examples/partner-client/src/gql/graphql.js';
import { hubClient, HubRequestError, persistedRequestOf } from '../examples/partner-client/src/hub-client.js';
import { DashboardDetectionDocument, DashboardMonthlyDocument, DashboardPortsDocument, DevSignInAgenciesDocument } from '../src/web/client/gql/graphql.js';
import { TokenVerifier } from '../src/auth/tokens.js';
import { Role } from '../src/auth/viewer.js';
import { EXAMPLE_PERSISTED_DOCUMENTS, loadConfig, WEB_PAGES_PERSISTED_DOCUMENTS } from '../src/config.js';
import { PersistedDocumentStore } from '../src/gateway/persisted-documents.js';
import { startGateway, type GatewayServer } from '../src/gateway/server.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { silentLogger } from '../src/observability/logger.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type TestFederation } from './support/federation.js';
import { TEST_AUDIENCE } from './support/hub.js';
import { rawPost as post, type RawAnswer as Answer } from './support/raw-post.js';

let fed: TestFederation;
const ids: Record<string, string> = {};

beforeAll(async () => {
  fed = await startTestFederation();
  const make = new Factories(fed.core.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE', memberSince: '2024-01-24' });
  const customs = await make.agency({ code: 'BE-AADA', name: 'Belgian customs (demo)', kind: AgencyKind.CUSTOMS, ports: [antwerp] });
  const terminal = await make.agency({ code: 'DEMO-TERMINAL-BE', name: 'DEMO Terminal Operator NV', kind: AgencyKind.PRIVATE_OPERATOR, ports: [antwerp] });
  await make.agency({ code: 'DEMO-OTHER-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
  ids.green = (await make.seizure({ reference: 'DEMO-PD-GREEN', port: antwerp, originAgency: customs, tlp: Tlp.GREEN, containerNumber: 'CSQU3054383' })).id;
  ids.amber = (await make.seizure({ reference: 'DEMO-PD-AMBER', seizedOn: '2024-02-01', port: antwerp, originAgency: customs, tlp: Tlp.AMBER })).id;
  ids.action = (await make.partnershipAction({ title: 'Secure container release (demo)', originAgency: customs, partners: [customs, terminal], ports: [antwerp], commitments: ['DEMO: PIN codes'] })).id;
  await make.partnershipAction({ title: 'Without the terminal (demo)', originAgency: customs, partners: [customs], ports: [antwerp] });
  ids.practice = (await make.bestPractice({ title: 'Reefer checks (demo)', originAgency: customs, tlp: Tlp.GREEN, body: 'DEMO: open the reefer unit' })).id;
});
afterAll(() => fed.close());

const PARTNER = { agency: 'DEMO-TERMINAL-BE', roles: [Role.PARTNER] };
const token = (who: { agency: string; roles: Role[]; subject?: string }) => fed.issuer.sign({ subject: who.subject ?? 'pd-tester', agency: who.agency, roles: who.roles }, { audience: TEST_AUDIENCE });

const idOf = (document: TypedDocumentNode<unknown, never>) => persistedRequestOf(document).documentId;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const manifest = (): Record<string, string> => JSON.parse(readFileSync(EXAMPLE_PERSISTED_DOCUMENTS, 'utf8'));

async function auditRowsOf(subject: string): Promise<{ outcome: string; fields: string[]; operation_name: string | null }[]> {
  return fed.core.orm.em.fork().getConnection().execute(`select "outcome", "fields", "operation_name" from "audit_event" where "viewer_subject" = ? order by "at", "id"`, [`urn:test:issuer#${subject}`]);
}

describe('a partner front-end', () => {
  test('runs a manifest operation by its documentId and gets its data', async () => {
    const partner = await token(PARTNER);
    const res = await post(fed.gateway.url, { documentId: idOf(PortSeizuresDocument), operationName: 'PortSeizures', variables: { port: 'BEANR' } }, partner);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const seizures = res.body.data?.seizures as { edges: { node: Record<string, unknown> }[] };
    // Only the GREEN seizure, with its basic facts: the AMBER one is not the partner's to see.
    expect(seizures.edges.map((e) => e.node)).toEqual([
      { reference: 'DEMO-PD-GREEN', seizedOn: '2024-03-01', drugType: 'COCAINE', quantity: '100', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'GREEN', port: { unlocode: 'BEANR' } },
    ]);
  });

  test('may give the bare hash, leave operationName out, or use GET', async () => {
    const partner = await token(PARTNER);
    const bare = idOf(PortDirectoryDocument).slice('sha256:'.length);
    const res = await post(fed.gateway.url, { documentId: bare, variables: { search: 'antw' } }, partner);
    expect(res.body).toEqual({ data: { ports: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: expect.any(String) }, edges: [{ node: { unlocode: 'BEANR', name: 'Antwerp', country: 'BE', memberSince: '2024-01-24' } }] } } });

    // An anonymous operation, installed (as the federation's partner clients install what they send) and run by id.
    const client = await fed.as(PARTNER);
    expect(await client.send('{ ports(first: 1) { totalCount } }')).toEqual({ status: 200, data: { ports: { totalCount: 1 } } });

    const url = `${fed.gateway.url}?documentId=${encodeURIComponent(idOf(PortDirectoryDocument))}&variables=${encodeURIComponent(JSON.stringify({ search: 'BEANR' }))}`;
    const got = await fetch(url, { headers: { authorization: `Bearer ${partner}`, 'apollo-require-preflight': 'true' } });
    expect(got.status).toBe(200);
    expect(((await got.json()) as Answer['body']).data).toMatchObject({ ports: { edges: [{ node: { unlocode: 'BEANR' } }] } });
    // A mutation is never run by GET (GraphQL-over-HTTP: 405), persisted or not.
    const mutation = fed.persistedDocuments.add('mutation NotByGet { __typename }');
    const refused = await fetch(`${fed.gateway.url}?documentId=${mutation.id}`, { headers: { authorization: `Bearer ${partner}`, 'apollo-require-preflight': 'true' } });
    expect(refused.status).toBe(405);
  });

  test('sending query text is refused before anything runs: a stable code, a clear message, no data, no audit row', async () => {
    const subject = 'pd-free-document';
    const partner = await token({ ...PARTNER, subject });
    const free = `query FreeContainer($id: ID!) { seizure(id: $id) { reference containerNumber } }`;
    const res = await post(fed.gateway.url, { query: free, variables: { id: ids.green } }, partner);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([{ message: expect.stringMatching(/^Partner front-ends may run only the alliance's persisted operations, not query text: send the documentId/), extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } }]);
    // The same over GET, and a body that is not one request.
    const got = await fetch(`${fed.gateway.url}?query=${encodeURIComponent('{ ports { totalCount } }')}`, { headers: { authorization: `Bearer ${partner}`, 'apollo-require-preflight': 'true' } });
    expect(got.status).toBe(400);
    expect(((await got.json()) as Answer['body']).errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect((await post(fed.gateway.url, [{ query: free }], partner)).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect((await post(fed.gateway.url, { variables: {} }, partner)).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    // Nothing was read, so nothing was audited; the same document, installed and sent by id, runs and is audited.
    expect(await auditRowsOf(subject)).toEqual([]);
    const installed = fed.persistedDocuments.add(free);
    const run = await post(fed.gateway.url, { documentId: installed.id, variables: { id: ids.green } }, partner);
    expect(run.body.data).toEqual({ seizure: { reference: 'DEMO-PD-GREEN', containerNumber: null } });
    expect(run.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // The row names the operation, taken from the document since the client gave no operationName.
    expect(await auditRowsOf(subject)).toEqual([{ outcome: 'DENIED', fields: ['Seizure.containerNumber'], operation_name: 'FreeContainer' }]);
  });

  test('an unknown or malformed documentId is refused', async () => {
    const partner = await token(PARTNER);
    const unknown = `sha256:${sha256('query Unknown { ports { totalCount } }')}`;
    const res = await post(fed.gateway.url, { documentId: unknown }, partner);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ message: `No persisted operation has the id "${unknown}": ask the alliance's administrators to install your front-end's current manifest (persisted-documents.json)`, extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' } }] });
    for (const documentId of ['md5:abc', 'x-custom:1', 42, 'sha256:' + 'a'.repeat(63)]) {
      const bad = await post(fed.gateway.url, { documentId }, partner);
      expect([bad.status, bad.body.errors?.[0]?.extensions?.code, bad.body.errors?.[0]?.message]).toEqual([400, 'BAD_REQUEST', expect.stringContaining('documentId must be')]);
    }
    const both = await post(fed.gateway.url, { documentId: idOf(PortDirectoryDocument), query: '{ ports { totalCount } }', variables: { search: 'x' } }, partner);
    expect(both.body.errors?.[0]).toEqual({ message: expect.stringContaining('Send documentId alone'), extensions: { code: 'BAD_REQUEST' } });
  });

  test('cannot register operations with automatic persisted queries, nor run one somebody else registered', async () => {
    const partner = await token(PARTNER);
    const analyst = await token({ agency: 'BE-AADA', roles: [Role.ANALYST] });
    const query = 'query Registered { ports(first: 1) { totalCount } }';
    const apq = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const register = await post(fed.gateway.url, { query, extensions: apq }, partner);
    expect(register.status).toBe(400);
    expect(register.body.errors).toEqual([{ message: expect.stringContaining('automatic persisted queries cannot register new ones'), extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } }]);
    // An analyst registers it (APQ as usual for them); the partner's hash-only request still finds nothing.
    expect((await post(fed.gateway.url, { query, extensions: apq }, analyst)).body).toEqual({ data: { ports: { totalCount: 1 } } });
    const piggyback = await post(fed.gateway.url, { extensions: apq }, partner);
    expect(piggyback.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    expect(piggyback.body.data).toBeUndefined();
    // The hash of a manifest operation's text is that operation: it runs.
    const text = manifest()[idOf(PortDirectoryDocument)]!;
    const byHash = await post(fed.gateway.url, { variables: { search: 'antw' }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } }, partner);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toMatchObject({ ports: { edges: [{ node: { unlocode: 'BEANR' } }] } });
  });

  test('a browser opening /graphql (no GraphQL parameters) is left to the page', async () => {
    const res = await fetch(fed.gateway.url, { headers: { accept: 'text/html', authorization: `Bearer ${await token(PARTNER)}` } });
    expect(res.status).not.toBe(400);
    expect(await res.text()).not.toContain('PERSISTED_DOCUMENT');
  });

  test('refusals are counted in the metrics, by code', async () => {
    const text = await (await fetch(fed.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/hub_persisted_document_refusals_total\{code="PERSISTED_DOCUMENT_REQUIRED"\} [1-9]/);
    expect(text).toMatch(/hub_persisted_document_refusals_total\{code="PERSISTED_DOCUMENT_NOT_FOUND"\} [1-9]/);
  });
});

describe('other viewers (PERSISTED_DOCUMENTS_ONLY off, as in development)', () => {
  test('send query text, and use automatic persisted queries as before', async () => {
    const analyst = await token({ agency: 'BE-AADA', roles: [Role.ANALYST] });
    const query = '{ seizures(first: 5) { edges { node { reference } } } }';
    const apq = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    expect((await post(fed.gateway.url, { query }, analyst)).body.data).toEqual({ seizures: { edges: [{ node: { reference: 'DEMO-PD-GREEN' } }, { node: { reference: 'DEMO-PD-AMBER' } }] } });
    expect((await post(fed.gateway.url, { extensions: apq }, analyst)).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(fed.gateway.url, { query, extensions: apq }, analyst)).body.errors).toBeUndefined();
    expect((await post(fed.gateway.url, { extensions: apq }, analyst)).body.data).toEqual({ seizures: { edges: [{ node: { reference: 'DEMO-PD-GREEN' } }, { node: { reference: 'DEMO-PD-AMBER' } }] } });
    // And manifest operations by id, like anyone.
    const byId = await post(fed.gateway.url, { documentId: idOf(PortDirectoryDocument), variables: { search: 'BEANR' } }, analyst);
    expect(byId.body.data).toMatchObject({ ports: { totalCount: 1 } });
  });
});

describe('the example partner client', () => {
  test('its typed request function works against the gateway, sending ids only', async () => {
    const hub = hubClient({ url: fed.gateway.url, token: await token(PARTNER) });
    const { data, errors } = await hub.request(PartnerAgencyDocument, { code: 'DEMO-TERMINAL-BE' });
    expect(errors).toEqual([]);
    expect(data.agency).toMatchObject({ code: 'DEMO-TERMINAL-BE', kind: 'PRIVATE_OPERATOR', ports: { edges: [{ node: { unlocode: 'BEANR', name: 'Antwerp' } }] } });
    // The actions it takes part in, not the other one.
    expect(data.agency.partnershipActions.edges.map((e) => [e.node.id, e.node.title, e.node.commitments, e.node.coordinatingAgency.code])).toEqual([[ids.action, 'Secure container release (demo)', ['DEMO: PIN codes'], 'BE-AADA']]);
    const practice = await hub.request(BestPracticeTextDocument, { id: ids.practice! });
    expect(practice.data.bestPractice).toMatchObject({ title: 'Reefer checks (demo)', body: 'DEMO: open the reefer unit', tlp: 'GREEN' });
  });

  test('a document the hub does not have is a HubRequestError with its code', async () => {
    const hub = hubClient({ url: fed.gateway.url, token: await token(PARTNER) });
    const stale = { __meta__: { hash: `sha256:${sha256('stale')}` }, kind: 'Document', definitions: [] } as unknown as TypedDocumentNode<unknown, Record<string, never>>;
    const error = await hub.request(stale).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({ status: 400, code: 'PERSISTED_DOCUMENT_NOT_FOUND' });
  });

  test('its generated manifest is what the gateway serves by default, every id the SHA-256 of its text', () => {
    const entries = Object.entries(manifest());
    expect(entries.length).toBeGreaterThanOrEqual(5);
    for (const [id, text] of entries) expect(id).toBe(`sha256:${sha256(text)}`);
    // By default alongside the gateway's own pages' manifest (the dashboard's operations), which shares none of its ids.
    expect(loadConfig({}).persistedDocuments).toEqual({ files: [path.resolve(WEB_PAGES_PERSISTED_DOCUMENTS), path.resolve(EXAMPLE_PERSISTED_DOCUMENTS)], only: false });
    const pages = Object.keys(JSON.parse(readFileSync(WEB_PAGES_PERSISTED_DOCUMENTS, 'utf8')) as Record<string, string>);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(PersistedDocumentStore.load(loadConfig({}).persistedDocuments.files).size).toBe(entries.length + pages.length);
  });
});

describe("the gateway's own pages (the dashboard) as a partner front-end", () => {
  test('each of their operations runs by its documentId from the default manifest, for a partner', async () => {
    const bearer = await token(PARTNER);
    const filter = { seizedFrom: '2024-01-01', seizedTo: '2024-12-31' };
    const runs: [TypedDocumentNode<unknown, never>, Record<string, unknown>, (data: Record<string, unknown>) => void][] = [
      [DashboardMonthlyDocument as never, { filter, cells: 12 * 9, months: 12 }, (data) => expect(data).toMatchObject({ cells: { suppressedBuckets: 1, hasMoreBuckets: false }, months: { suppressedBuckets: 1 } })],
      [DashboardPortsDocument as never, { filter }, (data) => expect(data).toMatchObject({ seizureStatistics: { buckets: [] } })],
      [DashboardDetectionDocument as never, { filter }, (data) => expect(data).toMatchObject({ seizureStatistics: { suppressedBuckets: 1 } })],
      [DevSignInAgenciesDocument as never, { after: null }, (data) => expect(JSON.stringify(data)).toContain('DEMO-TERMINAL-BE')],
    ];
    for (const [document, variables, check] of runs) {
      const { documentId, operationName } = persistedRequestOf(document);
      const res = await post(fed.gateway.url, { documentId, operationName, variables }, bearer);
      expect([operationName, res.status, res.body.errors]).toEqual([operationName, 200, undefined]);
      check(res.body.data!);
    }
  });
});

describe('PERSISTED_DOCUMENTS_ONLY', () => {
  let gateway: GatewayServer;
  beforeAll(async () => {
    gateway = await startGateway({
      host: '127.0.0.1', port: 0, core: { name: 'core', url: fed.core.url }, registry: { file: fed.registryFile }, signer: fed.core.gatewaySigner,
      verifier: new TokenVerifier([fed.issuer.issuer], TEST_AUDIENCE), logger: silentLogger, audit: { pool: await fed.core.orm.em.getConnection().getNativeClient() },
      persistedDocuments: { files: [path.resolve(EXAMPLE_PERSISTED_DOCUMENTS)], only: true },
    });
  });
  afterAll(() => gateway.stop());

  test('holds every viewer to the manifests, and turns automatic persisted queries off', async () => {
    const analyst = await token({ agency: 'BE-AADA', roles: [Role.ANALYST] });
    for (const bearer of [analyst, await token({ agency: 'BE-AADA', roles: [Role.ADMIN] }), undefined]) {
      const res = await post(gateway.url, { query: '{ ports(first: 1) { totalCount } }' }, bearer);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ message: expect.stringMatching(/^This hub runs only the alliance's persisted operations/), extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } }]);
    }
    const query = '{ ports(first: 1) { totalCount } }';
    const register = await post(gateway.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }, analyst);
    expect(register.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const byId = await post(gateway.url, { documentId: idOf(PortDirectoryDocument), variables: { search: 'BEANR' } }, analyst);
    expect(byId.body).toMatchObject({ data: { ports: { totalCount: 1 } } });
    expect((await post(gateway.url, { documentId: idOf(PortDirectoryDocument), variables: { search: 'BEANR' } })).body.data).toMatchObject({ ports: { totalCount: 1 } });
  });
});

describe('a manifest the gateway cannot serve stops its start, saying why', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hub-manifests-'));
  });
  const good = 'query Good { ports(first: 1) { totalCount } }';
  const cases: [string, string, RegExp][] = [
    ['missing', '', /missing\.json cannot be read: no such file/],
    ['not-json', '{ nope', /not-json\.json cannot be read: not JSON/],
    ['array', '[]', /must hold a JSON object/],
    ['bad-id', JSON.stringify({ 'md5:123': good }), /entry "md5:123" is not a document id/],
    ['edited', JSON.stringify({ [`sha256:${sha256(good)}`]: good.replace('1', '2') }), /SHA-256 is not its id \(edited by hand\?\)/],
    ['not-graphql', JSON.stringify({ [`sha256:${sha256('query {')}`]: 'query {' }), /is not a GraphQL document: Syntax Error/],
    ['schema', JSON.stringify({ [`sha256:${sha256('type Q { a: Int }')}`]: 'type Q { a: Int }' }), /holds operations and fragments only/],
    ['no-operation', JSON.stringify({ [`sha256:${sha256('fragment F on Port { name }')}`]: 'fragment F on Port { name }' }), /holds no operation/],
  ];
  test.each(cases)('%s', async (name, content, reason) => {
    const file = path.join(dir, `${name}.json`);
    if (content) await writeFile(file, content);
    const start = startGateway({
      host: '127.0.0.1', port: 0, core: { name: 'core', url: fed.core.url }, registry: { file: fed.registryFile }, signer: fed.core.gatewaySigner,
      verifier: new TokenVerifier([fed.issuer.issuer], TEST_AUDIENCE), logger: silentLogger, audit: { pool: await fed.core.orm.em.getConnection().getNativeClient() },
      persistedDocuments: { files: [path.resolve(EXAMPLE_PERSISTED_DOCUMENTS), file], only: false },
    });
    await expect(start).rejects.toThrow(reason);
    await expect(start).rejects.toThrow(/^PERSISTED_DOCUMENTS: /);
  });

  test('the setting: comma-separated files, or none', () => {
    expect(loadConfig({ PERSISTED_DOCUMENTS: 'a.json, b/c.json' }).persistedDocuments.files).toEqual([path.resolve('a.json'), path.resolve('b/c.json')]);
    expect(loadConfig({ PERSISTED_DOCUMENTS: 'none', PERSISTED_DOCUMENTS_ONLY: 'true' }).persistedDocuments).toEqual({ files: [], only: true });
    expect(() => loadConfig({ PERSISTED_DOCUMENTS: 'a.json,,b.json' })).toThrow(/PERSISTED_DOCUMENTS must be a comma-separated list/);
    expect(() => loadConfig({ PERSISTED_DOCUMENTS_ONLY: 'maybe' })).toThrow(/PERSISTED_DOCUMENTS_ONLY must be true or false/);
  });
});
