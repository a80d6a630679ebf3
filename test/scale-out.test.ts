// The hub scaled out (issue 11): two gateways and two cores, each its own OS process run from the build as in a
// deployment (NODE_ENV=production, `start:gateway` / `start:core`), on one PostgreSQL, the cores behind a load
// balancer. Everything they share comes from PostgreSQL or configuration: one signing key for the gateways
// (GATEWAY_SIGNING_KEY) whose public half the cores trust (GATEWAY_JWKS), the identity provider's keys, the registry
// and the rate-limit counters in the database. Each process gets an empty DATA_DIR of its own, which must stay empty.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { newPrivateJwk, signerFrom, type Signer } from '../src/auth/dev-issuer.js';
import { gatewaySignerFrom } from '../src/auth/gateway-token.js';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { startMemberSubgraph, type MemberSubgraph } from '../src/member-subgraph/index.js';
import { silentLogger } from '../src/observability/logger.js';
import { Factories } from './support/factories.js';
import { startTestHub, TEST_AUDIENCE, type TestHub } from './support/hub.js';
import { startLoadBalancer, type LoadBalancer } from './support/load-balancer.js';
import { startPart, type PartProcess } from './support/part-process.js';
import { freePorts } from './support/ports.js';

const IDP = 'urn:test:scale-idp';
const SEIZURE_ID = randomUUID();
const RATE_LIMIT = 300;

type Answer<T = Record<string, unknown>> = { status: number; data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post<T = Record<string, unknown>>(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, ...((await res.json()) as Omit<Answer<T>, 'status'>) };
}

let hub: TestHub;
let idp: Signer;
let balancer: LoadBalancer;
const cores: PartProcess[] = [];
const gateways: { process: PartProcess; url: string; base: string }[] = [];
const dataDirs: string[] = [];
let member: MemberSubgraph | undefined;

const token = (agency: string, roles: Role[], subject = 'scale-tester') => idp.sign({ subject, agency, roles }, { audience: TEST_AUDIENCE });

beforeAll(async () => {
  // One PostgreSQL database, migrated by its owner; the parts connect as the runtime role (hub_app).
  hub = await startTestHub();
  const make = new Factories(hub.orm);
  const rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  const nlCustoms = await make.agency({ code: 'NL-CUS', kind: AgencyKind.CUSTOMS, country: 'NL', ports: [rotterdam] });
  await make.agency({ code: 'EU-ADMIN', kind: AgencyKind.EU_BODY, country: null });
  await make.seizure({ id: SEIZURE_ID, reference: 'DEMO-SCALE-1', port: rotterdam, originAgency: nlCustoms, tlp: Tlp.AMBER, containerNumber: 'CSQU3054383' });

  // Configuration shared by every instance: the gateways' signing key, its public half, the identity provider.
  const config = await mkdtemp(path.join(os.tmpdir(), 'hub-scale-config-'));
  const signingKey = await newPrivateJwk('scale-gateway');
  const { jwks } = await gatewaySignerFrom(signingKey);
  idp = await signerFrom(IDP, await newPrivateJwk('scale-idp'));
  await writeFile(path.join(config, 'idp.jwks.json'), JSON.stringify(idp.issuer.jwks));
  await writeFile(path.join(config, 'issuers.json'), JSON.stringify([{ issuer: IDP, jwksFile: 'idp.jwks.json' }]));
  await writeFile(path.join(config, 'subgraphs.json'), '[]');
  const dataDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-scale-data-'));
    dataDirs.push(dir);
    return dir;
  };
  const common = {
    NODE_ENV: 'production', DATABASE_URL: hub.databaseUrl, TRUSTED_ISSUERS_FILE: path.join(config, 'issuers.json'), HUB_AUDIENCE: TEST_AUDIENCE,
  };

  const [coreA, coreB, gatewayA, gatewayB] = await freePorts('127.0.0.1', 4);
  cores.push(...await Promise.all([coreA!, coreB!].map(async (port) => startPart('core', {
    ...common, CORE_PORT: String(port), SUBGRAPH_HOST: '127.0.0.1', GATEWAY_JWKS: JSON.stringify(jwks), DATA_DIR: await dataDir(),
  }, `http://127.0.0.1:${port}/readyz`))));
  balancer = await startLoadBalancer([`http://127.0.0.1:${coreA}`, `http://127.0.0.1:${coreB}`]);
  gateways.push(...await Promise.all([gatewayA!, gatewayB!].map(async (port) => {
    const base = `http://127.0.0.1:${port}`;
    const process = await startPart('gateway', {
      ...common, HOST: '127.0.0.1', PORT: String(port), CORE_URL: `${balancer.url}/graphql`, GATEWAY_SIGNING_KEY: JSON.stringify(signingKey),
      SUBGRAPHS_FILE: path.join(config, 'subgraphs.json'), DATA_DIR: await dataDir(), REGISTRY_POLL_MS: '1000',
      // Low enough for the test below to reach (the writer's 120 writes and their retries stay under it).
      RATE_LIMIT_PER_SUBJECT: String(RATE_LIMIT),
    }, `${base}/readyz`);
    return { process, url: `${base}/graphql`, base };
  })));
}, 90_000);

afterAll(async () => {
  await Promise.all([...gateways.map((g) => g.process.stop()), ...cores.map((c) => c.stop())]);
  await balancer?.stop();
  await member?.stop();
  await hub?.close();
});

test('a user\'s token works through either gateway, with the same answer', async () => {
  const officer = await token('NL-CUS', [Role.OFFICER]);
  const query = 'query ScaleSeizure($id: ID!) { seizure(id: $id) { reference containerNumber reportingAgency { code } } }';
  const answers = await Promise.all(gateways.map((g) => post(g.url, officer, query, { id: SEIZURE_ID })));
  for (const answer of answers) {
    expect(answer).toEqual({ status: 200, data: { seizure: { reference: 'DEMO-SCALE-1', containerNumber: 'CSQU3054383', reportingAgency: { code: 'NL-CUS' } } } });
  }
  // Both cores answer through the balancer.
  await Promise.all(Array.from({ length: 6 }, (_, i) => post(gateways[i % 2]!.url, officer, query, { id: SEIZURE_ID })));
  expect([...balancer.served.values()].every((n) => n > 0)).toBe(true);
});

test('a registry change made through one gateway is served by both within seconds', async () => {
  member = await startMemberSubgraph({
    name: 'xx-national-port-control', host: '127.0.0.1', port: 0, databaseFile: ':memory:', seedDemoData: true, bounds: { logger: silentLogger },
    // The member trusts the gateways' shared key, as published by any instance.
    gatewayKeys: new URL(`${gateways[1]!.base}/.well-known/gateway-jwks.json`),
  });
  const admin = await token('EU-ADMIN', [Role.ADMIN], 'scale-admin');
  const registered = await post(gateways[0]!.url, admin, 'mutation ScaleRegister($input: RegisterSubgraphInput!) { registerSubgraph(input: $input) { name version } }', {
    input: { name: 'xx-national-port-control', url: member.url },
  });
  expect(registered.errors).toBeUndefined();
  const started = Date.now();
  const servedBy = new Set<number>();
  while (servedBy.size < 2 && Date.now() - started < 15_000) {
    await Promise.all(gateways.map(async (g, i) => {
      const res = await post(g.url, null, '{ nationalUnit { name } }');
      if (res.data?.nationalUnit) servedBy.add(i);
    }));
    await sleep(200);
  }
  expect([...servedBy].sort()).toEqual([0, 1]);
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('killing one core during writes loses no acknowledged write, and the other keeps serving', async () => {
  const officer = await token('NL-CUS', [Role.OFFICER], 'scale-writer');
  const mutation = 'mutation ScaleWrite($input: RecordSeizureInput!) { recordSeizure(input: $input) { id reference } }';
  const acknowledged = new Map<string, string>(); // reference → id
  let acknowledgedAfterKill = 0;
  let killed = false;
  // Each write is retried with its Idempotency-Key until acknowledged, as a client should after a failure.
  const write = async (n: number) => {
    const reference = `DEMO-SCALE-W${String(n).padStart(4, '0')}`;
    const input = { reference, seizedOn: '2025-06-01', port: 'NLRTM', drugType: 'COCAINE', quantity: '12.5', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'GREEN' };
    const key = randomUUID();
    for (let attempt = 0; attempt < 40; attempt++) {
      const res = await post<{ recordSeizure: { id: string; reference: string } }>(gateways[(n + attempt) % 2]!.url, officer, mutation, { input }, { 'idempotency-key': key }).catch(() => null);
      if (res?.data?.recordSeizure && !res.errors) {
        acknowledged.set(reference, res.data.recordSeizure.id);
        if (killed) acknowledgedAfterKill++;
        return;
      }
      await sleep(100);
    }
  };
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let n = w; n < 120; n += 4) await write(n);
  });
  // Kill core A while the writes run.
  while (acknowledged.size < 30) await sleep(20);
  await cores[0]!.kill();
  killed = true;
  await Promise.all(writers);

  expect(acknowledged.size).toBe(120);
  expect(acknowledgedAfterKill).toBeGreaterThan(30);
  // Every acknowledged write is in the database, exactly once, with the id the client was given.
  const rows = await hub.ownerSql<{ reference: string; id: string }>("select reference, id from seizure where reference like 'DEMO-SCALE-W%'");
  expect(rows).toHaveLength(120);
  expect(new Map(rows.map((r) => [r.reference, r.id]))).toEqual(acknowledged);
  // And each has its audit row, written in the same transaction.
  const audited = await hub.ownerSql<{ n: string }>("select count(distinct record_ids[1]) as n from audit_event where kind = 'WRITE' and outcome = 'ALLOWED' and fields = '{Mutation.recordSeizure}' and viewer_subject = $1", [`${IDP}#scale-writer`]);
  expect(Number(audited[0]!.n)).toBe(120);
  // The surviving core still answers, through both gateways.
  const last = acknowledged.get('DEMO-SCALE-W0119')!;
  for (const g of gateways) {
    expect((await post(g.url, officer, 'query ScaleRead($id: ID!) { seizure(id: $id) { reference } }', { id: last })).data).toEqual({ seizure: { reference: 'DEMO-SCALE-W0119' } });
  }
}, 120_000);

test('the rate limits are counted once for all gateways: a person alternating between them is stopped at the limit', async () => {
  const reader = await token('NL-CUS', [Role.ANALYST], 'scale-rate-limited');
  const statuses: number[] = [];
  for (let i = 0; i < RATE_LIMIT + 20; i += 10) {
    statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => post(gateways[(i + j) % 2]!.url, reader, '{ ports(first: 1) { totalCount } }')))).map((r) => r.status));
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT);
  expect(statuses.slice(RATE_LIMIT).every((s) => s === 429)).toBe(true);
});

test('nothing was written to any instance\'s local folder', async () => {
  for (const dir of dataDirs) expect(await readdir(dir)).toEqual([]);
});
