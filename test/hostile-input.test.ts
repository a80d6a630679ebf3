// Hostile and broken input through the real gateway (and straight at the core, as another router would): every
// limit refuses before anything runs, with a stable code that says which limit and by how much; deadlines cancel
// the SQL; bad literals and forged cursors are bad input; answers are bounded in size.
import os from 'node:os';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../src/auth/viewer.js';
import { loadConfig } from '../src/config.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import type { OperationLimits } from '../src/limits/operation-limits.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type GatewayClient, type TestFederation } from './support/federation.js';

const defaults = loadConfig({}).limits;
const limits: OperationLimits = { ...defaults, maxRootFields: 4, anonymousIntrospection: false };

let fed: TestFederation;
let officer: GatewayClient;
let partner: GatewayClient;

beforeAll(async () => {
  fed = await startTestFederation({ gateway: { limits, requestTimeoutMs: 1500, maxResponseBytes: 20_000 }, core: { limits } });
  const make = new Factories(fed.core.orm);
  const ports = [];
  for (let i = 0; i < 30; i++) ports.push(await make.port());
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const customs = await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS, ports: [antwerp, ...ports] });
  await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR, ports: [antwerp] });
  for (let i = 0; i < 3; i++) await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.CLEAR });
  officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  partner = await fed.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER] });
});
afterAll(() => fed.close());

/** port → agencies → ports → agencies … `levels` connections deep, each `first: 100`. */
function nestedConnections(levels: number): string {
  let inner = 'name';
  for (let i = levels - 1; i >= 0; i--) inner = `${i % 2 === 0 ? 'agencies' : 'ports'}(first: 100) { edges { node { ${inner} } } }`;
  return `{ port(unlocode: "BEANR") { ${inner} } }`;
}

/** Sends `query` (with `variables`) and checks it was refused before execution: no data, no SQL statement in the core. */
async function refusedBeforeSql(client: GatewayClient, query: string, variables?: Record<string, unknown>) {
  let response!: Awaited<ReturnType<GatewayClient['send']>>;
  const statements = await fed.core.statementsDuring(async () => {
    response = await client.send(query, variables);
  });
  expect(response.data ?? null).toBeNull();
  expect(statements).toBe(0);
  return response;
}

/** Sends `query` and checks it was refused before execution with `code`. */
async function refused(client: GatewayClient, query: string, code: string) {
  const response = await refusedBeforeSql(client, query);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code });
  return response.errors![0]!;
}

/** Sends `query` with `variables` and checks it was refused before execution with one error. */
async function refusedWith(client: GatewayClient, query: string, variables?: Record<string, unknown>) {
  const response = await refusedBeforeSql(client, query, variables);
  expect(response.errors).toHaveLength(1);
  return response.errors![0]!;
}

describe('operation limits, at the gateway, before planning', () => {
  test('the anonymous ten-level nesting of first: 100 is refused (depth), and so is a shallower one that would cost too much', async () => {
    const depth = await refused(fed.anonymous, nestedConnections(10), 'DEPTH_LIMIT');
    expect(depth.extensions).toMatchObject({ limit: limits.maxDepth, found: expect.any(Number) });
    expect(depth.extensions!.found as number).toBeGreaterThan(limits.maxDepth);
    expect(depth.message).toMatch(/depth limit is 12, found \d+, \d+ over/);

    const cost = await refused(fed.anonymous, nestedConnections(3), 'COST_LIMIT');
    expect(cost.extensions).toMatchObject({ limit: limits.costBudget.ANONYMOUS });
    expect(cost.extensions!.found as number).toBeGreaterThan(100 * 100);
  });

  test('cost budgets grow with the audience: anonymous < partner < law enforcement', async () => {
    // 1 + 100 × (1 + 1 + 1 + 50 × 1) objects: over the anonymous budget, under the others.
    const query = '{ ports(first: 100) { edges { node { name agencies(first: 50) { edges { node { code } } } } } } }';
    await refused(fed.anonymous, query, 'COST_LIMIT');
    expect((await partner.send(query)).errors).toBeUndefined();
    expect((await officer.send(query)).errors).toBeUndefined();
    // 100 × 100 × 10: over the partner's budget, within law enforcement's.
    const bigger = '{ ports(first: 100) { edges { node { agencies(first: 100) { edges { node { ports(first: 2) { edges { node { name } } } } } } } } } }';
    const partnerRefusal = await refused(partner, bigger, 'COST_LIMIT');
    expect(partnerRefusal.extensions).toMatchObject({ limit: limits.costBudget.MEMBER });
    const answer = await officer.send(bigger);
    expect(answer.errors).toBeUndefined();
  });

  test('cost follows page sizes given in variables and default page sizes', async () => {
    const query = 'query Q($n: Int) { ports(first: $n) { edges { node { agencies(first: $n) { edges { node { code } } } } } } }';
    const res = await fetch(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { n: 100 } }) });
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('COST_LIMIT');
    const small = await fetch(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { n: 5 } }) });
    expect(((await small.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  test('1,000 aliases are refused, for anonymous and signed-in viewers alike', async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: ports(first: 1) { totalCount }`).join(' ')} }`;
    for (const client of [fed.anonymous, officer]) {
      const error = await refused(client, query, 'TOKEN_LIMIT');
      expect(error.extensions).toMatchObject({ limit: limits.maxTokens });
    }
    const fewer = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename p${i}: port(unlocode: "BEANR") { name }`).join(' ')} }`;
    const error = await refused(officer, fewer, 'ALIAS_LIMIT');
    expect(error.extensions).toMatchObject({ limit: limits.maxAliases, found: 40 });
  });

  test('root fields, directives and tokens have their limits too', async () => {
    const roots = await refused(fed.anonymous, '{ ports(first: 1) { totalCount } agencies(first: 1) { totalCount } seizures(first: 1) { totalCount } bestPractices(first: 1) { totalCount } referents(first: 1) { totalCount } }', 'ROOT_FIELD_LIMIT');
    expect(roots.extensions).toMatchObject({ limit: 4, found: 5 });
    const directives = await refused(officer, `{ port(unlocode: "BEANR") { ${Array.from({ length: 25 }, () => 'name @include(if: true)').join(' ')} } }`, 'DIRECTIVE_LIMIT');
    expect(directives.extensions).toMatchObject({ limit: limits.maxDirectives, found: 25 });
    const tokens = await refused(fed.anonymous, `{ port(unlocode: "BEANR") { ${'name '.repeat(4000)} } }`, 'TOKEN_LIMIT');
    expect(tokens.message).toMatch(/token limit is 3000/);
  });

  test('a fragment that expands enormously is refused as too costly', async () => {
    // 2^16 spreads of the innermost fragment: short to send, enormous to walk.
    const fragments = Array.from({ length: 17 }, (_, i) => `fragment F${i} on Port { name ${i < 16 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join('\n');
    await refused(fed.anonymous, `{ port(unlocode: "BEANR") { ...F0 } }\n${fragments}`, 'COST_LIMIT');
  });

  test('introspection is for signed-in members when anonymous introspection is off (production)', async () => {
    const query = '{ __schema { queryType { name } } }';
    const anonymous = await fed.anonymous.send(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    expect(anonymous.data ?? null).toBeNull();
    expect((await officer.send(query)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    // __typename is not introspection.
    expect((await fed.anonymous.send('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  test('the core applies the same limits to a router that does not', async () => {
    const deep = await fed.core.send(nestedConnections(10));
    expect(deep.errors?.[0]?.extensions).toMatchObject({ code: 'DEPTH_LIMIT', limit: limits.maxDepth });
    const costly = await fed.core.send(nestedConnections(3));
    expect(costly.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT', limit: limits.costBudget.ANONYMOUS });
  });

  test('refusals are counted in /metrics', async () => {
    const text = await (await fetch(fed.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/hub_limit_refusals_total\{server="gateway",code="DEPTH_LIMIT"\} [1-9]/);
    expect(text).toMatch(/hub_limit_refusals_total\{server="gateway",code="COST_LIMIT"\} [1-9]/);
    expect(text).toMatch(/hub_graphql_requests_total\{server="gateway",operation="\(anonymous\)",outcome="COST_LIMIT"\} [1-9]/);
    expect(text).toMatch(/hub_subgraph_fetch_duration_seconds_count\{subgraph="core",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/hub_db_pool_connections\{state="total"\} \d/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).toMatch(/process_resident_memory_bytes \d/);
  });
});

describe('truthful errors', () => {
  test('a bad literal the core refuses is BAD_USER_INPUT naming the field, not SUBGRAPH_UNAVAILABLE', async () => {
    const res = await officer.send('{ seizures(filter: { seizedFrom: "2024-02-30" }) { totalCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.seizedFrom' });
    const list = await officer.send('{ ports(filter: { country: "BE" }) { totalCount } seizures(filter: { ports: ["BEANR", "XX"] }) { totalCount } }');
    expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.ports[1]' });
  });

  test('forged or stale cursors are BAD_USER_INPUT, at the root and in nested lists', async () => {
    const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const forged = [cursor(['not-a-name', 'not-a-uuid']), cursor([1, 2]), cursor(['a', 'b', 'c']), cursor({}), 'garbage!'];
    for (const after of forged) {
      const root = await officer.send(`{ ports(after: "${after}") { totalCount } }`);
      expect(root.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const nested = await officer.send(`{ port(unlocode: "BEANR") { seizures(after: "${after}") { totalCount } } }`);
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    // Seizures are ordered by date: a cursor from the ports list (a name where a date belongs) is stale here.
    const portCursor = cursor(['Antwerp', '00000000-0000-4000-8000-000000000000']);
    const stale = await officer.send(`{ seizures(after: "${portCursor}") { totalCount } }`);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const impossibleDate = await officer.send(`{ seizures(after: "${cursor(['2024-13-45', '00000000-0000-4000-8000-000000000000'])}") { totalCount } }`);
    expect(impossibleDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test('text with a NUL character (which PostgreSQL cannot store) is BAD_USER_INPUT naming where it is, in variables and literals, before any SQL', async () => {
    // The same text without it is answered (and the officer's agency is known to the gateway from here on).
    const fine = await officer.send('query Find($filter: ReferentFilter) { referents(filter: $filter) { totalCount } }', { filter: { search: 'Janssens' } });
    expect(fine.errors).toBeUndefined();
    const inVariable = await refusedWith(officer, 'query Find($filter: ReferentFilter) { referents(filter: $filter) { totalCount } }', { filter: { search: 'Jan\u0000ssens' } });
    expect(inVariable.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const inList = await refusedWith(officer, 'query Find($filter: ReferentFilter) { referents(filter: $filter) { totalCount } }', { filter: { languages: ['nl', 'f\u0000r'] } });
    expect(inList.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.languages[1]' });
    const inLiteral = await refusedWith(officer, '{ ports(filter: { search: "Ant\\u0000werp" }) { totalCount } }');
    expect(inLiteral.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    // A variable passed inside a literal object is named by the argument path it fills.
    const nested = await refusedWith(officer, 'query Find($words: String) { referents(filter: { search: $words }) { totalCount } }', { words: 'a\u0000b' });
    expect(nested.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    expect(inLiteral.message).toMatch(/NUL/);
    // The core refuses it too, for a router that does not.
    const direct = await fed.core.send('{ ports(filter: { search: "Ant\\u0000werp" }) { totalCount } }');
    expect(direct.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  test('a body over 1 MB is PAYLOAD_TOO_LARGE, not an internal error', async () => {
    const res = await fetch(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(1_100_000) } }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('deadlines, cancellation and response size', () => {
  /** Holds an exclusive lock on the port table, so any statement reading it waits. */
  async function lockPorts(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: await connectionString() });
    await client.connect();
    await client.query('begin');
    await client.query('lock table port in access exclusive mode');
    return client;
  }
  async function connectionString(): Promise<string> {
    return fed.core.databaseUrl;
  }
  /**
   * Statements of the hub waiting on the lock. Read from outside the locking transaction: inside one, PostgreSQL
   * answers pg_stat_activity from the snapshot it took first.
   */
  async function waitingStatements(): Promise<number> {
    const rows = await fed.core.orm.em.getConnection().execute<{ n: number }[]>("select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query ilike '%from \"port\"%'");
    return rows[0]!.n;
  }
  async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(50)) if (await check()) return true;
    return check();
  }

  test('past the deadline the client gets REQUEST_TIMEOUT (504) and the SQL is cancelled, while the lock is still held', async () => {
    const locker = await lockPorts();
    try {
      const started = Date.now();
      const res = await fetch(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ports(first: 5) { totalCount } }' }) });
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(504);
      expect(body.errors[0]!.extensions.code).toBe('REQUEST_TIMEOUT');
      expect(await eventually(async () => (await waitingStatements()) === 0)).toBe(true);
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
    expect((await officer.send('{ ports(first: 1) { totalCount } }')).errors).toBeUndefined();
  });

  test('a client that goes away cancels its SQL too', async () => {
    const locker = await lockPorts();
    try {
      const abort = new AbortController();
      const pending = fetch(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ports(first: 5) { totalCount } }' }), signal: abort.signal }).catch(() => null);
      expect(await eventually(async () => (await waitingStatements()) > 0)).toBe(true);
      abort.abort();
      await pending;
      expect(await eventually(async () => (await waitingStatements()) === 0, 1200)).toBe(true);
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
  });

  test('an answer larger than the cap is RESPONSE_TOO_LARGE', async () => {
    const res = await officer.send('{ ports(first: 35) { edges { node { name agencies(first: 5) { edges { node { code ports(first: 35) { edges { node { name unlocode country } } } } } } } } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(res.data ?? null).toBeNull();
  });
});

describe('rate limits', () => {
  let limited: TestFederation;
  beforeAll(async () => {
    limited = await startTestFederation({ rateLimits: { windowSeconds: 60, perAnonymousAddress: 3, perSubject: 2, perAgency: 100 } });
    const make = new Factories(limited.core.orm);
    await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS });
  });
  afterAll(() => limited.close());

  const post = (token?: string) => fetch(limited.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

  test('429 with Retry-After after the configured burst, per address for anonymous viewers and per subject when signed in', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post();
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', bucket: 'address' });

    const alice = await limited.issuer.sign({ subject: 'alice', agency: 'BE-AADA', roles: [Role.OFFICER] }, { audience: 'port-alliance-hub' });
    const bob = await limited.issuer.sign({ subject: 'bob', agency: 'BE-AADA', roles: [Role.OFFICER] }, { audience: 'port-alliance-hub' });
    expect([(await post(alice)).status, (await post(alice)).status, (await post(alice)).status]).toEqual([200, 200, 429]);
    expect((await post(bob)).status).toBe(200); // another person of the same agency has their own allowance
    const metrics = await (await fetch(limited.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/hub_rate_limit_refusals_total\{bucket="address"\} [1-9]/);
    expect(metrics).toMatch(/hub_rate_limit_refusals_total\{bucket="subject"\} [1-9]/);
  });

  test('the counters live in PostgreSQL, where every gateway instance shares them', async () => {
    const rows = await limited.core.orm.em.getConnection().execute<{ key: string; points: number }[]>("select key, points from rate_limit where key like 'subject%'");
    expect(rows.some((r) => r.key.includes('alice') && r.points >= 2)).toBe(true);
  });
});

describe('readiness details', () => {
  test('anonymous callers from another host get the status only; loopback callers see the subgraphs', async () => {
    const address = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    expect(address).toBeDefined(); // the test needs an address other than loopback to call from
    const open = await startTestFederation({ host: '0.0.0.0' });
    try {
      const port = new URL(open.gateway.url).port;
      const remote = (await (await fetch(`http://${address}:${port}/readyz`)).json()) as Record<string, unknown>;
      expect(remote).toEqual({ status: 'ready' });
      const local = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { subgraphs: { name: string; url: string }[] };
      expect(local.subgraphs.map((s) => s.name)).toContain('core');
      expect((await fetch(`http://${address}:${port}/metrics`)).status).toBe(403);
    } finally {
      await open.close();
    }
  });
});

describe('a subgraph that cannot answer', () => {
  test('gives partial data and SUBGRAPH_UNAVAILABLE at the path it was asked for; the others keep answering', async () => {
    const own = await startTestFederation();
    try {
      await new Factories(own.core.orm).port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
      const query = '{ port(unlocode: "BEANR") { name } nationalUnit { name } }';
      expect((await own.anonymous.send(query)).errors).toBeUndefined();
      await own.member.stop();
      const res = await own.anonymous.send(query);
      expect(res.data).toEqual({ port: { name: 'Antwerp' }, nationalUnit: null });
      expect(res.errors).toEqual([expect.objectContaining({ path: ['nationalUnit'], extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'demo-national-port-control' }) })]);
    } finally {
      await own.close();
    }
  });
});
