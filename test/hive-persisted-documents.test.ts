// Persisted documents behind Hive Gateway (deploy/hive-gateway/persisted-documents.ts): the committed configuration
// holds partners (and with PERSISTED_DOCUMENTS_ONLY, everyone) to the same manifests as the hub's gateway, with the
// same refusals, so a partner cannot get around the rule by asking the other router. Both routers run here in front
// of the same subgraphs; the answers are compared whole (status, data, errors with their messages and codes).
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PortDirectoryDocument, PortSeizuresDocument } from '../examples/partner-client/src/gql/graphql.js';
import { persistedRequestOf } from '../examples/partner-client/src/hub-client.js';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type TestFederation } from './support/federation.js';
import { startHiveGateway, type HiveGateway } from './support/hive-gateway.js';
import { TEST_AUDIENCE } from './support/hub.js';
import { rawPost as post, type RawAnswer as Answer } from './support/raw-post.js';

const ROUTER_SECRET = `router-secret-${randomUUID()}`;
const FREE_QUERY = '{ ports(first: 5) { totalCount edges { node { unlocode name } } } }';

let fed: TestFederation;
let hive: HiveGateway;
/** Hive Gateway with PERSISTED_DOCUMENTS_ONLY=true. */
let hiveOnly: HiveGateway;
const tokens: Record<'partner' | 'analyst' | 'admin', string> = { partner: '', analyst: '', admin: '' };

beforeAll(async () => {
  fed = await startTestFederation({ routerSecret: ROUTER_SECRET });
  const routers = Promise.all([
    startHiveGateway({ coreUrl: fed.core.url, memberUrl: fed.member.url, routerSecret: ROUTER_SECRET }),
    startHiveGateway({ coreUrl: fed.core.url, memberUrl: fed.member.url, routerSecret: ROUTER_SECRET, env: { PERSISTED_DOCUMENTS_ONLY: 'true' } }),
  ]);
  routers.catch(() => undefined); // thrown below, where it is awaited
  const make = new Factories(fed.core.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE', memberSince: '2024-01-24' });
  const customs = await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS, ports: [antwerp] });
  await make.agency({ code: 'DEMO-TERMINAL-BE', kind: AgencyKind.PRIVATE_OPERATOR, ports: [antwerp] });
  await make.seizure({ reference: 'DEMO-HPD-GREEN', port: antwerp, originAgency: customs, tlp: Tlp.GREEN });
  await make.seizure({ reference: 'DEMO-HPD-AMBER', port: antwerp, originAgency: customs, tlp: Tlp.AMBER });
  const sign = (agency: string, roles: Role[]) => fed.issuer.sign({ subject: `hpd-${roles.join('-')}`, agency, roles }, { audience: TEST_AUDIENCE });
  tokens.partner = await sign('DEMO-TERMINAL-BE', [Role.PARTNER]);
  tokens.analyst = await sign('BE-AADA', [Role.ANALYST]);
  tokens.admin = await sign('BE-AADA', [Role.ADMIN]);
  [hive, hiveOnly] = await routers;
});
afterAll(async () => {
  await hive?.stop();
  await hiveOnly?.stop();
  await fed?.close();
});

/** The same request to the hub's gateway and to Hive Gateway. */
async function toBoth(body: unknown, bearer?: string): Promise<{ hub: Answer; hive: Answer }> {
  const [hub, other] = await Promise.all([post(fed.gateway.url, body, bearer), post(hive.url, body, bearer)]);
  return { hub, hive: other };
}

const idOf = (document: TypedDocumentNode<unknown, never>) => persistedRequestOf(document).documentId;
const codes = (a: Answer) => a.body.errors?.map((e) => e.extensions?.code);

describe("Hive Gateway holds partners to the manifests, as the hub's gateway does", () => {
  test("a partner's query text is refused with the hub gateway's answer, before any subgraph call", async () => {
    const { hub, hive: other } = await toBoth({ query: FREE_QUERY }, tokens.partner);
    expect(hub.status).toBe(400);
    expect(hub.body).toEqual({ errors: [{ message: expect.stringMatching(/^Partner front-ends may run only the alliance's persisted operations, not query text/), extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } }] });
    expect(other).toEqual(hub);
    // An automatic persisted query cannot register the text either.
    const apq = await toBoth({ query: FREE_QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(FREE_QUERY).digest('hex') } } }, tokens.partner);
    expect(codes(apq.hive)).toEqual(['PERSISTED_DOCUMENT_REQUIRED']);
    expect(apq.hive).toEqual(apq.hub);
    // Nor by GET.
    const get = await fetch(`${hive.url}?query=${encodeURIComponent(FREE_QUERY)}`, { headers: { authorization: `Bearer ${tokens.partner}` } });
    expect([get.status, ((await get.json()) as Answer['body']).errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_DOCUMENT_REQUIRED']);
  });

  test("a partner's manifest operation by documentId: the same data through both routers", async () => {
    const request = { documentId: idOf(PortSeizuresDocument), operationName: 'PortSeizures', variables: { port: 'BEANR' } };
    const { hub, hive: other } = await toBoth(request, tokens.partner);
    expect(hub.status).toBe(200);
    expect(hub.body.errors).toBeUndefined();
    // What a partner sees: the GREEN seizure, not the AMBER one.
    expect(hub.body.data?.seizures.edges.map((e: { node: { reference: string } }) => e.node.reference)).toEqual(['DEMO-HPD-GREEN']);
    expect(other).toEqual(hub);
    // By the bare hash, and by GET with the id in the query string, as the hub's gateway takes them.
    const bare = await toBoth({ ...request, documentId: request.documentId.slice('sha256:'.length) }, tokens.partner);
    expect(bare.hive).toEqual(hub);
    const query = `documentId=${encodeURIComponent(request.documentId)}&variables=${encodeURIComponent(JSON.stringify(request.variables))}`;
    const get = await fetch(`${hive.url}?${query}`, { headers: { authorization: `Bearer ${tokens.partner}` } });
    expect({ status: get.status, body: await get.json() }).toEqual(hub);
  });

  test("an unknown or malformed documentId, or one with query text: the hub gateway's refusals", async () => {
    const unknown = `sha256:${'0'.repeat(64)}`;
    for (const body of [{ documentId: unknown }, { documentId: 'md5:abc' }, { documentId: idOf(PortDirectoryDocument), query: FREE_QUERY, variables: { search: 'x' } }]) {
      const { hub, hive: other } = await toBoth(body, tokens.partner);
      expect(hub.status).toBe(400);
      expect(other).toEqual(hub);
    }
    expect(codes((await toBoth({ documentId: unknown }, tokens.partner)).hive)).toEqual(['PERSISTED_DOCUMENT_NOT_FOUND']);
  });

  test("an analyst's query text and anonymous query text still run (PERSISTED_DOCUMENTS_ONLY unset)", async () => {
    for (const bearer of [tokens.analyst, undefined]) {
      const { hub, hive: other } = await toBoth({ query: FREE_QUERY }, bearer);
      expect(hub.status).toBe(200);
      expect(hub.body.data?.ports.edges.map((e: { node: { unlocode: string } }) => e.node.unlocode)).toEqual(['BEANR']);
      expect(other).toEqual(hub);
    }
    // And manifest operations by id, like anyone.
    const byId = await toBoth({ documentId: idOf(PortDirectoryDocument), variables: { search: 'BEANR' } }, tokens.analyst);
    expect(byId.hive.body.data).toMatchObject({ ports: { totalCount: 1 } });
    expect(byId.hive).toEqual(byId.hub);
  });

  // Where Hive Gateway answers otherwise, for viewers free to send query text (nothing a partner can use: see above).
  test('known differences: query text beside a documentId is refused in Hive Gateway\'s words, and an APQ hash alone is not supported', async () => {
    const both = await toBoth({ documentId: idOf(PortDirectoryDocument), query: FREE_QUERY, variables: { search: 'x' } }, tokens.analyst);
    expect(both.hub.body).toEqual({ errors: [{ message: expect.stringContaining('Send documentId alone'), extensions: { code: 'BAD_REQUEST' } }] });
    // Hive Gateway checks the parameters itself: the same status and code.
    expect(both.hive).toEqual({ status: 400, body: { errors: [{ message: 'Unexpected parameter "documentId" in the request body.', extensions: { code: 'BAD_REQUEST' } }] } });
    // An APQ hash alone: the hub gateway looks in Apollo's APQ cache (not there: PERSISTED_QUERY_NOT_FOUND, the client
    // sends the text); Hive Gateway has no such cache and answers as Apollo Server with APQ off (the client sends the text).
    const apq = await toBoth({ extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(FREE_QUERY).digest('hex') } } }, tokens.analyst);
    expect(codes(apq.hub)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect([apq.hive.status, apq.hive.body]).toEqual([400, { errors: [{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }] }]);
  });

  // Hive Gateway reads the token's roles without verifying it (the subgraphs verify it): a token changed to name
  // another role, or a real token naming a role its agency cannot hold, passes the router and gets nothing.
  test('a partner who forges or asks for another role gets no data', async () => {
    const [header, , signature] = tokens.partner.split('.');
    const claims = JSON.parse(Buffer.from(tokens.partner.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: [Role.ANALYST] })).toString('base64url')}.${signature}`;
    const misnamed = await fed.issuer.sign({ subject: 'hpd-misnamed', agency: 'DEMO-TERMINAL-BE', roles: [Role.ANALYST] }, { audience: TEST_AUDIENCE });
    for (const bearer of [altered, misnamed, 'not-a-jwt']) {
      const res = await post(hive.url, { query: FREE_QUERY }, bearer);
      expect(res.body.data?.ports ?? null).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('BEANR');
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    }
  });
});

describe('PERSISTED_DOCUMENTS_ONLY=true behind Hive Gateway', () => {
  test("holds every viewer to the manifests, with the hub gateway's refusal", async () => {
    for (const bearer of [tokens.analyst, tokens.admin, tokens.partner, undefined]) {
      const res = await post(hiveOnly.url, { query: FREE_QUERY }, bearer);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errors: [{ message: expect.stringMatching(/^This hub runs only the alliance's persisted operations, not query text/), extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' } }] });
    }
    for (const bearer of [tokens.analyst, undefined]) {
      const byId = await post(hiveOnly.url, { documentId: idOf(PortDirectoryDocument), variables: { search: 'BEANR' } }, bearer);
      expect(byId.body).toMatchObject({ data: { ports: { totalCount: 1 } } });
    }
  });
});

test('a manifest Hive Gateway cannot serve stops its start, saying why', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hive-bad-manifest-'));
  try {
    const file = path.join(dir, 'persisted-documents.json');
    await writeFile(file, JSON.stringify({ [`sha256:${'a'.repeat(64)}`]: 'query Edited { ports { totalCount } }' }));
    await expect(startHiveGateway({ coreUrl: fed.core.url, memberUrl: fed.member.url, env: { PERSISTED_DOCUMENTS: file }, startTimeoutMs: 15_000 }))
      .rejects.toThrow(/PERSISTED_DOCUMENTS: \S*hive-bad-manifest-\w+\/persisted-documents\.json: entry \\?"sha256:a{64}\\?": the document's SHA-256 is not its id/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
