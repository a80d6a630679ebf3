// The registry of member subgraphs in PostgreSQL, through the real gateway: administrators register, change and
// retire subgraphs with audited mutations, and the gateway serves each change within seconds, without a restart;
// per-subgraph headers (references to the gateway's environment, never secrets) and time limits.
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../src/auth/viewer.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { DEMO_MEMBER_SUBGRAPH_NAME } from '../src/member-subgraph/index.js';
import { RegistryListDocument, RegistryRegisterDocument, RegistryRetireDocument, RegistryUpdateDocument } from './generated/operations.js';
import { startAdHocSubgraph, type AdHocSubgraph } from './support/ad-hoc-subgraph.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type GatewayClient, type TestFederation } from './support/federation.js';

const SECRET = 'DEMO-router-secret-0f3c9a7e5b1d';
/** The gateway's environment for registrations' headers (the tests set and unset variables in it). */
const env: Record<string, string> = {};
let fed: TestFederation;
let admin: GatewayClient;
const adHoc: AdHocSubgraph[] = [];

beforeAll(async () => {
  fed = await startTestFederation({ subgraphTimeoutMs: 2000, registryPollMs: 200, gateway: { healthMs: 300, env: (name) => env[name] } });
  const make = new Factories(fed.core.orm);
  await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS });
  await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
  admin = await fed.as({ agency: 'BE-AADA', roles: [Role.ADMIN], subject: 'registry-admin' });
});
afterAll(async () => {
  await Promise.all(adHoc.map((s) => s.stop()));
  await fed.close();
});

type Status = { name: string; state: string; problems: string[]; inSupergraph: boolean; source: string };
type Report = { registry: string | null; subgraphs: Status[] };
const readyzUrl = () => fed.gateway.url.replace('/graphql', '/readyz');
/** Waits (up to 8 s) until the gateway's report says `check`. */
async function readyz(check: (report: Report) => boolean): Promise<Report> {
  for (let i = 0; i < 80; i++) {
    const report = (await (await fetch(readyzUrl())).json()) as Report;
    if (check(report)) return report;
    await sleep(100);
  }
  throw new Error(`readyz never matched: ${JSON.stringify(await (await fetch(readyzUrl())).json())}`);
}
const stateOf = (report: Report, name: string, source = 'database') => report.subgraphs.find((s) => s.name === name && s.source === source);

/** A member subgraph adding one field to Port, answering `value`. */
async function portExtension(name: string, field: string, value: string, extra: Partial<Parameters<typeof startAdHocSubgraph>[0]> = {}): Promise<AdHocSubgraph> {
  const subgraph = await startAdHocSubgraph({
    name,
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! ${field}: String }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, [field]: value }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
    ...extra,
  });
  adHoc.push(subgraph);
  return subgraph;
}

const sql = <T>(query: string, params: unknown[] = []) => fed.core.orm.em.fork().getConnection().execute<T[]>(query, params);
const registrations = async () => (await sql<{ n: number }>('select count(*)::int as n from member_subgraph'))[0]!.n;
type AuditRow = { outcome: string; fields: string[]; record_ids: string[]; keys: Record<string, string>; detail: string | null };
const auditOf = (name: string) => sql<AuditRow>(`select outcome, fields, record_ids, keys, detail from audit_event where kind = 'WRITE' and keys->>'subgraph' = ? order by at, id`, [name]);

test('an administrator registers, changes and retires a member subgraph: the gateway serves each change within seconds, and each is audited', async () => {
  const first = await portExtension('be-registry-state', 'registryNote', 'first');
  const second = await portExtension('be-registry-state', 'registryNote', 'second');
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });

  const registered = await admin.send(RegistryRegisterDocument, { input: { name: 'be-registry-state', url: first.url } });
  expect(registered.errors).toBeUndefined();
  expect(registered.data?.registerSubgraph).toMatchObject({ name: 'be-registry-state', url: first.url, public: false, headers: [], timeoutMs: null, retiredAt: null, registeredBy: 'urn:test:issuer#registry-admin', version: 1 });
  const report = await readyz((r) => stateOf(r, 'be-registry-state')?.state === 'serving');
  expect(stateOf(report, DEMO_MEMBER_SUBGRAPH_NAME, 'file')).toMatchObject({ state: 'serving' });
  expect((await officer.send('{ port(unlocode: "BEANR") { name registryNote } }')).data).toEqual({ port: { name: 'Antwerp', registryNote: 'first' } });

  const updated = await admin.send(RegistryUpdateDocument, { input: { name: 'be-registry-state', version: 1, url: second.url } });
  expect(updated.errors).toBeUndefined();
  expect(updated.data?.updateSubgraph).toMatchObject({ url: second.url, version: 2 });
  for (let i = 0; i < 80; i++) {
    const res = await officer.send<{ port: { registryNote: string } }, Record<string, never>>('{ port(unlocode: "BEANR") { registryNote } }');
    if (res.data?.port.registryNote === 'second') break;
    if (i === 79) throw new Error(`never served the new URL: ${JSON.stringify(res)}`);
    await sleep(100);
  }

  const listed = await admin.send(RegistryListDocument, {});
  expect(listed.data?.memberSubgraphs.edges.map((e) => e.node.name)).toEqual(['be-registry-state']);

  const retired = await admin.send(RegistryRetireDocument, { input: { name: 'be-registry-state', version: 2 } });
  expect(retired.errors).toBeUndefined();
  expect(retired.data?.retireSubgraph.retiredAt).toEqual(expect.any(String));
  await readyz((r) => !r.subgraphs.some((s) => s.name === 'be-registry-state'));
  let gone;
  for (let i = 0; i < 50; i++) {
    gone = await officer.send('{ port(unlocode: "BEANR") { registryNote } }');
    if (gone.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') break;
    await sleep(100);
  }
  expect(gone?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect((await admin.send(RegistryListDocument, {})).data?.memberSubgraphs.totalCount).toBe(0);
  expect((await admin.send(RegistryListDocument, { filter: { includeRetired: true } })).data?.memberSubgraphs.totalCount).toBe(1);

  // Every change on record, with the subgraph's name as its natural key and the registration's id.
  const id = registered.data!.registerSubgraph.id;
  expect(await auditOf('be-registry-state')).toEqual([
    { outcome: 'ALLOWED', fields: ['Mutation.registerSubgraph'], record_ids: [id], keys: { subgraph: 'be-registry-state' }, detail: null },
    { outcome: 'ALLOWED', fields: ['Mutation.updateSubgraph'], record_ids: [id], keys: { subgraph: 'be-registry-state' }, detail: null },
    { outcome: 'ALLOWED', fields: ['Mutation.retireSubgraph'], record_ids: [id], keys: { subgraph: 'be-registry-state' }, detail: null },
  ]);

  // A retired name is registered again in place.
  const again = await admin.send(RegistryRegisterDocument, { input: { name: 'be-registry-state', url: first.url } });
  expect(again.data?.registerSubgraph).toMatchObject({ id, retiredAt: null, url: first.url });
  await readyz((r) => stateOf(r, 'be-registry-state')?.state === 'serving');
  const current = (await admin.send(RegistryListDocument, {})).data!.memberSubgraphs.edges[0]!.node;
  await admin.send(RegistryRetireDocument, { input: { name: 'be-registry-state', version: current.version } });
});

test('only administrators manage or list the registry: others are refused with the usual code, nothing is written, refusals are audited', async () => {
  const analyst = await fed.as({ agency: 'BE-AADA', roles: [Role.ANALYST], subject: 'registry-analyst' });
  const partner = await fed.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER], subject: 'registry-partner' });
  const before = await registrations();
  for (const [viewer, code] of [[analyst, 'FORBIDDEN'], [partner, 'FORBIDDEN'], [fed.anonymous, 'UNAUTHENTICATED']] as const) {
    const res = await viewer.send(RegistryRegisterDocument, { input: { name: 'intruder-state', url: 'http://127.0.0.1:9/graphql' } });
    expect(res.data?.registerSubgraph ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    const list = await viewer.send(RegistryListDocument, {});
    expect(list.data?.memberSubgraphs ?? null).toBeNull();
    expect(list.errors?.[0]?.extensions?.code).toBe(code);
    expect((await viewer.send(RegistryRetireDocument, { input: { name: 'intruder-state', version: 1 } })).errors?.[0]?.extensions?.code).toBe(code);
  }
  expect(await registrations()).toBe(before);
  const trail = await auditOf('intruder-state');
  expect(trail.filter((r) => r.fields[0] === 'Mutation.registerSubgraph').map((r) => r.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
});

test('a stale version is a CONFLICT and changes nothing', async () => {
  const subgraph = await portExtension('be-versioned-state', 'versionedNote', 'v');
  const registered = await admin.send(RegistryRegisterDocument, { input: { name: 'be-versioned-state', url: subgraph.url } });
  expect(registered.errors).toBeUndefined();
  expect((await admin.send(RegistryUpdateDocument, { input: { name: 'be-versioned-state', version: 1, timeoutMs: 1000 } })).errors).toBeUndefined();
  const stale = await admin.send(RegistryUpdateDocument, { input: { name: 'be-versioned-state', version: 1, timeoutMs: 4000 } });
  expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect((await admin.send(RegistryRetireDocument, { input: { name: 'be-versioned-state', version: 1 } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect((await admin.send(RegistryRegisterDocument, { input: { name: 'be-versioned-state', url: subgraph.url } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect((await admin.send(RegistryUpdateDocument, { input: { name: 'nobody-state', version: 1 } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const [row] = await sql<{ timeout_ms: number; version: number }>(`select timeout_ms, version from member_subgraph where name = 'be-versioned-state'`);
  expect(row).toEqual({ timeout_ms: 1000, version: 2 });
  expect((await admin.send(RegistryRetireDocument, { input: { name: 'be-versioned-state', version: 2 } })).errors).toBeUndefined();
});

test.each([
  ['a name with capitals and spaces', { name: 'Bad Name' }, 'input.name'],
  ['the core\'s name', { name: 'core' }, 'input.name'],
  ['a URL that is not http(s)', { url: 'ftp://graph.example.be/graphql' }, 'input.url'],
  ['a header name that is not an HTTP token', { headers: [{ name: 'bad header', fromEnv: 'SOME_VAR' }] }, 'input.headers[0].name'],
  ['a reserved header', { headers: [{ name: 'Authorization', fromEnv: 'SOME_VAR' }] }, 'input.headers[0].name'],
  ['another reserved header', { headers: [{ name: 'x-ok', fromEnv: 'A' }, { name: 'traceparent', fromEnv: 'SOME_VAR' }] }, 'input.headers[1].name'],
  ['a secret where the variable name goes', { headers: [{ name: 'x-api-key', fromEnv: 's3cr3t-value' }] }, 'input.headers[0].fromEnv'],
  ['a header twice', { headers: [{ name: 'x-api-key', fromEnv: 'A' }, { name: 'X-Api-Key', fromEnv: 'B' }] }, 'input.headers'],
  ['a time limit too short', { timeoutMs: 99 }, 'input.timeoutMs'],
  ['a time limit too long', { timeoutMs: 60001 }, 'input.timeoutMs'],
])('%s is BAD_USER_INPUT naming the field, and writes nothing', async (_what, change, field) => {
  const before = await registrations();
  const res = await admin.send(RegistryRegisterDocument, { input: { name: 'bad-input-state', url: 'http://127.0.0.1:9/graphql', ...change } });
  expect(res.data?.registerSubgraph ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await registrations()).toBe(before);
});

test('a subgraph that wants a router secret: HTTP 401 without it, a readable problem while its variable is unset, served once set; the secret is shown and stored nowhere', async () => {
  const guarded = await portExtension('be-guarded-state', 'guardedNote', 'guarded', { requireHeader: { name: 'router-authorization', value: SECRET } });
  const registered = await admin.send(RegistryRegisterDocument, { input: { name: 'be-guarded-state', url: guarded.url } });
  expect(registered.errors).toBeUndefined();
  const without = await readyz((r) => stateOf(r, 'be-guarded-state')?.state === 'unreachable');
  expect(stateOf(without, 'be-guarded-state')!.problems.join('\n')).toMatch(/HTTP 401/);

  const updated = await admin.send(RegistryUpdateDocument, { input: { name: 'be-guarded-state', version: 1, headers: [{ name: 'router-authorization', fromEnv: 'REGISTRY_TEST_SECRET' }] } });
  expect(updated.errors).toBeUndefined();
  expect(updated.data?.updateSubgraph.headers).toEqual([{ name: 'router-authorization', fromEnv: 'REGISTRY_TEST_SECRET' }]);
  const unset = await readyz((r) => stateOf(r, 'be-guarded-state')?.state === 'refused');
  expect(stateOf(unset, 'be-guarded-state')!.problems).toEqual([
    'header "router-authorization" takes its value from the environment variable REGISTRY_TEST_SECRET, which is not set on the gateway',
  ]);

  env.REGISTRY_TEST_SECRET = SECRET;
  try {
    const served = await readyz((r) => stateOf(r, 'be-guarded-state')?.state === 'serving');
    const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
    const res = await officer.send('{ port(unlocode: "BEANR") { guardedNote } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ port: { guardedNote: 'guarded' } });
    expect(guarded.executed).toBeGreaterThan(0);

    expect(JSON.stringify(served)).not.toContain(SECRET);
    const rows = await sql<{ row: unknown }>(`select row_to_json(m) as row from member_subgraph m where name = 'be-guarded-state'`);
    expect(JSON.stringify(rows)).toContain('REGISTRY_TEST_SECRET');
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    const audit = await sql<{ row: unknown }>(`select row_to_json(a) as row from audit_event a where keys->>'subgraph' = 'be-guarded-state'`);
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  } finally {
    delete env.REGISTRY_TEST_SECRET;
    await admin.send(RegistryRetireDocument, { input: { name: 'be-guarded-state', version: 2 } });
  }
});

test("a registration's time limit overrides SUBGRAPH_TIMEOUT_MS for its SDL reads, probes and calls", async () => {
  const slow = await portExtension('be-slow-state', 'slowNote', 'late', { delayAllMs: 800 });
  expect((await admin.send(RegistryRegisterDocument, { input: { name: 'be-slow-state', url: slow.url, timeoutMs: 300 } })).errors).toBeUndefined();
  const report = await readyz((r) => stateOf(r, 'be-slow-state')?.state === 'unreachable');
  expect(stateOf(report, 'be-slow-state')!.problems.join('\n')).toMatch(/timeout after 300 ms/);

  // Without its own limit, the gateway's (2000 ms here) applies: served.
  expect((await admin.send(RegistryUpdateDocument, { input: { name: 'be-slow-state', version: 1, timeoutMs: null } })).errors).toBeUndefined();
  await readyz((r) => stateOf(r, 'be-slow-state')?.state === 'serving');
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  expect((await officer.send('{ port(unlocode: "BEANR") { slowNote } }')).data).toEqual({ port: { slowNote: 'late' } });

  // Its calls too: with 300 ms again (the schema is the one served), a query gives up after 300 ms, naming it.
  expect((await admin.send(RegistryUpdateDocument, { input: { name: 'be-slow-state', version: 2, timeoutMs: 300 } })).errors).toBeUndefined();
  let res;
  for (let i = 0; i < 50; i++) {
    const started = Date.now();
    res = await officer.send('{ port(unlocode: "BEANR") { name slowNote } }');
    if (res.errors?.length) {
      expect(Date.now() - started).toBeLessThan(750);
      break;
    }
    await sleep(100);
  }
  expect(res?.data).toEqual({ port: { name: 'Antwerp', slowNote: null } });
  expect(res?.errors?.[0]?.message).toBe('Subgraph "be-slow-state" did not answer within 300 ms');
  await admin.send(RegistryRetireDocument, { input: { name: 'be-slow-state', version: 3 } });
  await readyz((r) => !r.subgraphs.some((s) => s.name === 'be-slow-state'));
});

test("a registration never evicts a serving subgraph: a conflicting newcomer is refused, and the file's entry wins a name both hold", async () => {
  const serving = await portExtension('serving-state', 'harbourMaster', 'Jansen');
  const newcomer = await startAdHocSubgraph({
    name: 'newcomer-state',
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! harbourMaster: Int }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, harbourMaster: 7 }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
  });
  adHoc.push(newcomer);
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }, { name: 'serving-state', url: serving.url }]);
  await readyz((r) => stateOf(r, 'serving-state', 'file')?.state === 'serving');

  expect((await admin.send(RegistryRegisterDocument, { input: { name: 'newcomer-state', url: newcomer.url } })).errors).toBeUndefined();
  const refused = await readyz((r) => stateOf(r, 'newcomer-state')?.state === 'refused');
  expect(stateOf(refused, 'newcomer-state')!.problems.join('\n')).toMatch(/does not compose with the subgraphs already served \(core, .*serving-state.*\)/);
  expect(stateOf(refused, 'serving-state', 'file')).toMatchObject({ state: 'serving', inSupergraph: true });

  // The same name as the file's demo member subgraph: the file's entry keeps serving.
  const usurper = await portExtension(DEMO_MEMBER_SUBGRAPH_NAME, 'usurperNote', 'x');
  expect((await admin.send(RegistryRegisterDocument, { input: { name: DEMO_MEMBER_SUBGRAPH_NAME, url: usurper.url } })).errors).toBeUndefined();
  const shadowed = await readyz((r) => stateOf(r, DEMO_MEMBER_SUBGRAPH_NAME)?.state === 'refused');
  expect(stateOf(shadowed, DEMO_MEMBER_SUBGRAPH_NAME)!.problems.join('\n')).toMatch(/SUBGRAPHS_FILE.*the file's entry is served/);
  expect(stateOf(shadowed, DEMO_MEMBER_SUBGRAPH_NAME, 'file')).toMatchObject({ state: 'serving', inSupergraph: true });

  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  const res = await officer.send('query { port(unlocode: "BEANR") { harbourMaster } }');
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ port: { harbourMaster: 'Jansen' } });
  expect(usurper.executed).toBe(0);
});
