// The hub and its database's faults, on a PostgreSQL of this file's own (so it can be killed) behind the real
// gateway: PostgreSQL killed during a stream of reads and writes and started again, idempotent retries, and a pool
// exhausted by slow statements.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { locatedError } from 'graphql';
import pg from 'pg';
import { Role } from '../src/auth/viewer.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres.js';
import { formatError } from '../src/hub/common/errors.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type TestFederation } from './support/federation.js';
import { TEST_AUDIENCE, type GraphQLResponse } from './support/hub.js';
import { freePort } from './support/ports.js';

const RECORD = `mutation Record($input: RecordSeizureInput!) { recordSeizure(input: $input) { id reference } }`;
const SEIZURES = `query Seizures { seizures(first: 5) { totalCount edges { node { id reference } } } }`;
const PORTS = `query Ports { ports(first: 1) { totalCount } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: GraphQLResponse<Record<string, { id: string; reference: string } | null>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it is true; fails after `withinMs` with `what`. */
async function waitFor(what: string, check: () => Promise<boolean>, withinMs = 30_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}


let dataDir: string;
let pgPort: number;
let postgres: EmbeddedDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-fault-pg-'));
  pgPort = await freePort();
  postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
});
afterAll(async () => {
  await postgres.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A federation whose core uses this file's PostgreSQL, with an officer and an analyst of a customs agency. */
async function federation(options: Parameters<typeof startTestFederation>[0] = {}) {
  const fed = await startTestFederation({ ...options, core: { ...options.core, pgServer: postgres } });
  const make = new Factories(fed.core.orm);
  const port = await make.port({ unlocode: 'BEANR', name: 'Antwerp' });
  await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', ports: [port] });
  const sign = (subject: string, roles: Role[]) => fed.issuer.sign({ subject, agency: 'BE-AAD', roles }, { audience: TEST_AUDIENCE });
  const officer = await sign('officer', [Role.OFFICER]);
  const analyst = await sign('analyst', [Role.ANALYST, Role.OFFICER]);
  const post = async (token: string | null, query: string, variables?: object, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(fed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
  };
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: fed.core.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const readyz = async (base: string) => (await fetch(new URL('/readyz', base))).status;
  return { fed, officer, analyst, post, sql, readyz, sign };
}

const report = (reference: string, idempotencyKey?: string) => ({
  reference, seizedOn: '2024-05-02', port: 'BEANR', drugType: 'COCAINE', quantity: '12.5', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'GREEN',
  ...(idempotencyKey ? { idempotencyKey } : {}),
});

/** Every connection the core's pool opened is back and idle: none was lost with its dead socket. */
async function expectPoolWhole(fed: TestFederation): Promise<void> {
  const pool = (await fed.core.orm.em.getConnection().getNativeClient()) as unknown as { totalCount: number; idleCount: number; waitingCount: number };
  expect({ waiting: pool.waitingCount, checkedOut: pool.totalCount - pool.idleCount }).toEqual({ waiting: 0, checkedOut: 0 });
}

const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

describe('PostgreSQL killed during a stream of reads and writes, then started again', () => {
  let hub: Awaited<ReturnType<typeof federation>>;
  beforeAll(async () => {
    hub = await federation({ core: { database: { retryMs: 1000, checkCacheMs: 200 } }, gateway: { readinessCacheMs: 200 } });
  });
  afterAll(() => hub.fed.close());

  test('outage answers carry DATABASE_UNAVAILABLE, readiness goes 503 then 200, no acknowledged write is lost, no write lacks its audit row, retries are recorded once', async () => {
    const { fed, post, sql, readyz, officer, analyst } = hub;
    const coreBase = fed.core.url;
    const gatewayBase = fed.gateway.url;
    expect([await readyz(coreBase), await readyz(gatewayBase)]).toEqual([200, 200]);

    const writes: { reference: string; key: string; answer: Answer }[] = [];
    const reads: Answer[] = [];
    let running = true;
    let n = 0;
    const writer = async () => {
      while (running) {
        const reference = `FAULT-${++n}`;
        const key = randomUUID();
        writes.push({ reference, key, answer: await post(officer, RECORD, { input: report(reference, key) }) });
      }
    };
    const reader = async () => {
      while (running) {
        reads.push(await post(analyst, SEIZURES));
        await sleep(20);
      }
    };
    const stream = Promise.all([writer(), writer(), writer(), reader(), reader()]);

    await waitFor('some writes are acknowledged', async () => writes.filter((w) => w.answer.body.data?.recordSeizure).length >= 10);
    const killedAt = Date.now();
    process.kill(-postgres.pid, 'SIGKILL'); // the postmaster's whole process group: a crash, not a shutdown
    await postgres.exited;

    await waitFor('the core says it is not ready', async () => (await readyz(coreBase)) === 503);
    await waitFor('the gateway says it is not ready', async () => (await readyz(gatewayBase)) === 503);
    const details = (await (await fetch(new URL('/readyz', gatewayBase))).json()) as { core: { reason: string } };
    expect(details.core.reason).toMatch(/PostgreSQL/);
    // The outage must be seen by the stream, then PostgreSQL comes back (crash recovery on the same data).
    await waitFor('reads meet the outage', async () => reads.some((r) => codesOf(r).includes('DATABASE_UNAVAILABLE')));
    // What does not need the core's database is still answered: the member state's subgraph.
    const national = await post(null, '{ nationalUnit { name } }');
    expect(national.status).toBe(200);
    expect(national.body.data?.nationalUnit).toEqual({ name: expect.any(String) });
    await sleep(1500); // long enough that requests stop waiting for it (DB_RETRY_MS is 1 s here) and fail at once
    const restartedAt = Date.now();
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
    const acceptingAt = Date.now();
    await waitFor('the core is ready again', async () => (await readyz(coreBase)) === 200, 20_000);
    await waitFor('the gateway is ready again', async () => (await readyz(gatewayBase)) === 200, 20_000);
    const readyAfterMs = Date.now() - acceptingAt;
    const writesBefore = writes.length;
    await waitFor('writes succeed again', async () => writes.slice(writesBefore).some((w) => w.answer.body.data?.recordSeizure));
    running = false;
    await stream;
    if (process.env.FAULT_REPORT) {
      const outcome = (w: (typeof writes)[number]) => (w.answer.body.data?.recordSeizure ? 'acknowledged' : String(w.answer.body.errors?.[0]?.extensions?.writeOutcome));
      const tally = writes.reduce<Record<string, number>>((t, w) => ({ ...t, [outcome(w)]: (t[outcome(w)] ?? 0) + 1 }), {});
      process.stdout.write(`outage: ${restartedAt - killedAt} ms down, PostgreSQL took ${acceptingAt - restartedAt} ms to start (crash recovery), the hub was ready ${readyAfterMs} ms later; writes ${JSON.stringify(tally)}, ${reads.length} reads\n`);
    }

    // Every failure says what it is: the outage code, never an internal error; reads that got nothing are 503 + Retry-After.
    const failed = [...writes.map((w) => w.answer), ...reads].filter((a) => a.body.errors?.length);
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.flatMap(codesOf))).toEqual(new Set(['DATABASE_UNAVAILABLE']));
    for (const answer of reads.filter((r) => r.body.errors?.length)) {
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    const outcomes = new Set(writes.flatMap((w) => (w.answer.body.errors ?? []).map((e) => e.extensions?.writeOutcome)));
    for (const outcome of outcomes) expect(['NOT_APPLIED', 'UNKNOWN']).toContain(outcome);

    const stored = new Map((await sql<{ id: string; reference: string }>(`select id, reference from seizure where reference like 'FAULT-%'`)).map((r) => [r.reference, r.id]));
    // Every acknowledged write survived the crash.
    for (const w of writes) {
      const done = w.answer.body.data?.recordSeizure;
      if (done) expect(stored.get(w.reference)).toBe(done.id);
    }
    // A write refused as NOT_APPLIED is absent.
    for (const w of writes.filter((x) => x.answer.body.errors?.[0]?.extensions?.writeOutcome === 'NOT_APPLIED')) expect(stored.has(w.reference)).toBe(false);
    // No seizure without the audit row of its change (written in the same transaction).
    const unaudited = await sql(`select s.reference from seizure s where not exists (
      select 1 from audit_event a where a.kind = 'WRITE' and a.outcome = 'ALLOWED' and a.fields = array['Mutation.recordSeizure'] and s.id::text = any(a.record_ids))`);
    expect(unaudited).toEqual([]);

    // Retrying every write with its key: each reference is recorded exactly once, the acknowledged ones answered as first.
    for (const w of writes) {
      const again = await post(officer, RECORD, { input: report(w.reference, w.key) });
      expect(again.body.errors).toBeUndefined();
      const first = w.answer.body.data?.recordSeizure;
      if (first) expect(again.body.data?.recordSeizure?.id).toBe(first.id);
    }
    const counts = await sql<{ reference: string; n: string }>(`select reference, count(*) as n from seizure where reference like 'FAULT-%' group by reference`);
    expect(counts.length).toBe(writes.length);
    expect(counts.every((c) => Number(c.n) === 1)).toBe(true);

    await expectPoolWhole(fed);
    const metrics = await (await fetch(new URL('/metrics', coreBase))).text();
    expect(metrics).toMatch(/hub_db_outages_total [1-9]/);
    expect(metrics).toMatch(/hub_db_reconnects_total [1-9]/);
    expect(metrics).toMatch(/hub_db_up 1/);
  });
});

describe('idempotency keys', () => {
  let hub: Awaited<ReturnType<typeof federation>>;
  beforeAll(async () => {
    hub = await federation();
  });
  afterAll(() => hub.fed.close());

  test('a retried recordSeizure with the same key (input field or Idempotency-Key header) is recorded once and answered as the first', async () => {
    const { post, sql, officer } = hub;
    const key = randomUUID();
    const first = await post(officer, RECORD, { input: report('IDEM-1', key) });
    const second = await post(officer, RECORD, { input: report('IDEM-1', key) });
    expect(first.body.errors).toBeUndefined();
    expect(second.body.data?.recordSeizure?.id).toBe(first.body.data?.recordSeizure?.id);

    const headerKey = randomUUID();
    const viaHeader = await Promise.all([1, 2, 3, 4, 5, 6].map(() => post(officer, RECORD, { input: report('IDEM-2') }, { 'idempotency-key': headerKey })));
    const ids = new Set(viaHeader.map((a) => a.body.data?.recordSeizure?.id));
    expect(viaHeader.every((a) => !a.body.errors)).toBe(true); // concurrent duplicates wait for the first and repeat its answer
    expect(ids.size).toBe(1);
    expect(await sql(`select id from seizure where reference in ('IDEM-1', 'IDEM-2')`)).toHaveLength(2);

    // One change on the trail, and the repeats as such.
    const trail = await sql<{ outcome: string; detail: string | null }>(`select outcome, detail from audit_event where fields = array['Mutation.recordSeizure'] and $1 = any(record_ids) order by at`, [first.body.data?.recordSeizure?.id]);
    expect(trail).toEqual([{ outcome: 'ALLOWED', detail: null }, { outcome: 'ALLOWED', detail: 'IDEMPOTENT_REPLAY' }]);
  });

  test('a key reused for a different request is refused; keys are per person; malformed keys are bad input', async () => {
    const { post, officer, sign } = hub;
    const key = randomUUID();
    await post(officer, RECORD, { input: report('IDEM-3', key) });
    const other = await post(officer, RECORD, { input: { ...report('IDEM-3', key), quantity: '99' } });
    expect(other.body.data).toBeNull();
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'input.idempotencyKey' });

    // Someone else's identical key is theirs: no answer depends on another person's keys.
    const colleague = await sign('colleague', [Role.OFFICER]);
    const theirs = await post(colleague, RECORD, { input: report('IDEM-4', key) });
    expect(theirs.body.errors).toBeUndefined();
    expect(theirs.body.data?.recordSeizure?.reference).toBe('IDEM-4');

    const bad = await post(officer, RECORD, { input: report('IDEM-5', 'short') });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    const badHeader = await post(officer, RECORD, { input: report('IDEM-6') }, { 'idempotency-key': 'no spaces allowed here' });
    expect(badHeader.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
  });
});

describe('a pool exhausted by slow statements', () => {
  let hub: Awaited<ReturnType<typeof federation>>;
  let locker: pg.Client;
  beforeAll(async () => {
    hub = await federation({
      core: { database: { poolMax: 3, poolWaitMs: 300 }, requestTimeoutMs: 2500 },
      gateway: { requestTimeoutMs: 10_000 },
      subgraphTimeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await hub.fed.close();
  });

  /** Hub statements waiting on the seizure table's lock (read outside the locking transaction). */
  const waiting = () => hub.sql<{ n: string }>(`select count(*) as n from pg_stat_activity where application_name = 'port-alliance-hub' and wait_event_type = 'Lock'`).then((rows) => Number(rows[0]!.n));

  test('other requests are served beside a heavy statistics query, refused DATABASE_BUSY at once when every connection is taken, and the pool recovers', async () => {
    const { post, analyst, readyz, fed } = hub;
    expect((await post(analyst, SEIZURES)).body.errors).toBeUndefined(); // warms the gateway's agency directory
    // A statement on seizures stays slow while this transaction holds their tables (statistics read the rollup).
    locker = new pg.Client({ connectionString: fed.core.databaseUrl });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table seizure, seizure_rollup in access exclusive mode');

    const heavy = post(analyst, `query Stats { seizureStatistics(groupBy: [YEAR, DRUG_TYPE]) { buckets { seizures } } }`);
    await waitFor('the statistics query waits on the table', async () => (await waiting()) === 1);
    for (let i = 0; i < 3; i++) expect((await post(null, PORTS)).body.errors).toBeUndefined();

    let slowDone = 0;
    const slow = [post(analyst, SEIZURES), post(analyst, SEIZURES)].map((p) => p.then((a) => (slowDone++, a)));
    await waitFor('every pooled connection is held', async () => (await waiting()) === 3);
    const refused = await post(null, PORTS);
    expect(slowDone).toBe(0); // answered while the slow ones still hold the pool: no hanging
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'DATABASE_BUSY' });
    expect(await readyz(fed.core.url)).toBe(200); // a full pool is not an outage

    // At the core's deadline the slow statements are cancelled and give their connections back, lock or not.
    const answers = await Promise.all([heavy, ...slow]);
    for (const a of answers) expect(codesOf(a)).toContain('REQUEST_TIMEOUT');
    // PostgreSQL gets the cancel requests on connections of their own: the statements end a moment after the answers.
    await waitFor('the cancelled statements have left PostgreSQL', async () => (await waiting()) === 0, 5000);
    expect((await post(null, PORTS)).body.errors).toBeUndefined();

    await locker.query('rollback');
    const after = await post(analyst, SEIZURES);
    expect(after.body.errors).toBeUndefined();
    await expectPoolWhole(fed);
    const metrics = await (await fetch(new URL('/metrics', fed.core.url))).text();
    expect(metrics).toMatch(/hub_db_pool_wait_timeouts_total [1-9]/);
  });
});

describe('what a lost connection reads as', () => {
  test('a socket error graphql-js did not take for an Error (NonErrorThrown: another realm, a plain object) is DATABASE_UNAVAILABLE, not an internal error', () => {
    // As a count's raw SQL rejected when PostgreSQL was killed under load: graphql-js wrapped the socket error.
    const located = locatedError({ errno: -104, code: 'ECONNRESET', syscall: 'read' }, undefined, ['seizures', 'totalCount']);
    expect(located.originalError?.name).toBe('NonErrorThrown');
    const answer = formatError({ message: located.message, path: located.path }, located);
    expect(answer.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(answer.path).toEqual(['seizures', 'totalCount']);
  });
});
