// The audit trail against the database's own roles. The core connects as a runtime role that owns nothing: it can
// append to the trail and read it, never disable its triggers, truncate, update, delete or drop. Whoever can (the
// owner, a superuser) is caught by the hash chain: `npm run audit:verify` and the `auditIntegrity` query find the
// first broken link, and a chain rebuilt after the fact no longer holds a link recorded earlier. Concurrent
// inserts still chain one after the other. A database an earlier version ran as one superuser is upgraded on start.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { Role } from '../src/auth/viewer.js';
import { migrate } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { ormConfig } from '../src/db/mikro-orm.config.js';
import { auditProtectionProblems } from '../src/db/roles.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { verifyAuditChain, type AuditChainReport } from '../src/hub/modules/audit/audit.chain.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { AuditIntegrityDocument, AuditRecordSeizureDocument, AuditSeizureDetailsDocument } from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';
import { freePort } from './support/ports.js';

let hub: TestHub;
let make: Factories;
let customs: Agency;
let antwerp: Port;
let admin: Client;

/** Runs `work` on a connection of its own to `url`, then closes it. */
async function on<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The error PostgreSQL answers `sql` with, as the runtime role (or null when it succeeds). */
const asRuntime = (sql: string) => on(hub.databaseUrl, (c) => c.query(sql).then(() => null, (error: Error & { code?: string }) => error));
/** Statements run as the cluster's superuser in one session, with every trigger off (replica), as an intruder would. */
const asSuperuser = (...statements: string[]) => on(hub.adminDatabaseUrl, async (c) => {
  await c.query('set session_replication_role = replica');
  for (const sql of statements) await c.query(sql);
});

/** An audit row inserted by hand, listing its columns (never seq or hash, unless `extra` does). */
const INSERT_ROW = `insert into audit_event (id, at, kind, roles, record_ids, fields, outcome) values (gen_random_uuid(), clock_timestamp(), 'READ', '{}', '{}', '{Test.row}', 'ALLOWED')`;

async function verify(anchors: { seq: number; hash: string }[] = []): Promise<AuditChainReport> {
  return on(hub.databaseUrl, async (c) => {
    await c.query('begin isolation level repeatable read read only');
    try {
      return await verifyAuditChain(async (sql) => (await c.query(sql)).rows, anchors);
    } finally {
      await c.query('commit');
    }
  });
}

/** `npm run audit:verify` (compiled), against this file's database as the runtime role. */
function verifyScript(...args: string[]): Promise<{ code: number; report: AuditChainReport & { anchor: string | null }; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.resolve('dist/src/scripts/audit-verify.js'), '--json', ...args], {
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: hub.databaseUrl, LOG_LEVEL: 'silent' },
    }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, report: stdout ? JSON.parse(stdout) : null, stderr });
    });
  });
}

async function graphqlIntegrity() {
  return (await admin.query(AuditIntegrityDocument, {})).auditIntegrity;
}

const seqOf = async (where: string) => Number((await hub.ownerSql<{ seq: string }>(`select seq from audit_event where ${where} order by seq limit 1`))[0]!.seq);

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp' });
  customs = await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS, ports: [antwerp] });
  admin = await hub.as({ agency: customs, roles: [Role.ADMIN], subject: 'ada' });
  // Some audited activity: AMBER reads and a change.
  const officer = await hub.as({ agency: customs, roles: [Role.OFFICER], subject: 'otto' });
  for (let i = 0; i < 4; i++) {
    const seizure = await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.AMBER });
    await officer.query(AuditSeizureDetailsDocument, { id: seizure.id });
  }
  await officer.query(AuditRecordSeizureDocument, {
    input: { reference: 'DEMO-CHAIN-1', seizedOn: '2024-05-01', port: 'BEANR', drugType: 'COCAINE', quantity: '3', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'AMBER' },
  });
});
afterAll(() => hub.close());

describe('the runtime role the core connects as', () => {
  test('cannot disable the triggers, replicate around them, truncate, update or delete audit rows, move the chain head, or drop anything', async () => {
    const refusals: [string, RegExp][] = [
      ['alter table audit_event disable trigger audit_event_no_update_or_delete', /must be owner/],
      ['alter table audit_event disable trigger all', /must be owner/],
      ['alter table audit_event disable trigger audit_event_chain', /must be owner/],
      ['set session_replication_role = replica', /permission denied/],
      ['truncate audit_event', /permission denied/],
      ["update audit_event set outcome = 'DENIED'", /permission denied/],
      ['delete from audit_event', /permission denied/],
      ['update audit_chain_head set seq = 0', /permission denied/],
      ["insert into audit_chain_head (id, seq, hash) values (false, 0, '\\x00')", /permission denied/],
      ['drop table audit_event', /must be owner/],
      ['drop table seizure cascade', /must be owner/],
      ['drop function audit_event_chain() cascade', /must be owner/],
      ['alter table seizure owner to hub_app', /must be owner/],
      ['create table intruder (id int)', /permission denied for schema/],
      ['delete from mikro_orm_migrations', /permission denied/],
    ];
    for (const [sql, expected] of refusals) {
      const error = await asRuntime(sql);
      expect([sql, error?.message]).toEqual([sql, expect.stringMatching(expected)]);
    }
    expect(await auditProtectionProblems(hub.orm)).toEqual([]);
    // The owner, by contrast, is reported (and the core refuses it in production: src/run/core.ts).
    const owner = await MikroORM.init(ormConfig({ clientUrl: hub.ownerDatabaseUrl }));
    try {
      expect(await auditProtectionProblems(owner)).toEqual([expect.stringMatching(/owns audit_event/)]);
    } finally {
      await owner.close(true);
    }
  });

  test('the core works as it: reads, changes and the other tables\' DML, with their audit rows', async () => {
    const before = (await verify()).rows;
    const officer = await hub.as({ agency: customs, roles: [Role.OFFICER], subject: 'rita' });
    const { recordSeizure } = await officer.query(AuditRecordSeizureDocument, {
      input: { reference: 'DEMO-CHAIN-2', seizedOn: '2024-05-02', port: 'BEANR', drugType: 'HEROIN', quantity: '1', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'AMBER' },
    });
    await officer.query(AuditSeizureDetailsDocument, { id: recordSeizure.id });
    const after = await verify();
    expect(after.rows).toBeGreaterThanOrEqual(before + 2);
    expect(after.verified).toBe(true);
    expect(await asRuntime(INSERT_ROW)).toBeNull();
  });
});

describe('the hash chain', () => {
  test('an untouched chain verifies, in GraphQL and with npm run audit:verify (exit 0), and names its last link', async () => {
    const report = await verify();
    expect(report).toMatchObject({ verified: true, firstBroken: null });
    expect(report.rows).toBeGreaterThan(5);
    expect(report.lastSeq).toBe(report.rows);
    expect(report.lastHash).toMatch(/^[0-9a-f]{64}$/);
    const graphql = await graphqlIntegrity();
    expect(graphql).toMatchObject({ verified: true, firstBrokenAt: null, problem: null, message: null });
    // Its own request's audit rows may already follow; the chain still verified up to where it read.
    expect(graphql.rows).toBeGreaterThanOrEqual(report.rows);
    const script = await verifyScript();
    expect(script.code).toBe(0);
    expect(script.report).toMatchObject({ verified: true, anchor: `${script.report.lastSeq}:${script.report.lastHash}` });
    expect((await verifyScript('--expect', script.report.anchor!)).code).toBe(0);
  });

  test('only administrators may ask', async () => {
    const officer = await hub.as({ agency: customs, roles: [Role.OFFICER, Role.ANALYST, Role.INVESTIGATOR] });
    expect((await officer.send(AuditIntegrityDocument, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hub.send(AuditIntegrityDocument, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('inserts that list their columns are chained by the trigger, which replaces any seq or hash they give', async () => {
    const { lastSeq } = await verify();
    await on(hub.databaseUrl, (c) => c.query(`insert into audit_event (id, at, kind, roles, record_ids, fields, outcome, seq, hash)
      values (gen_random_uuid(), now(), 'WRITE', '{ADMIN}', '{}', '{Test.forged}', 'DENIED', 1, '\\xdeadbeef'), (gen_random_uuid(), now(), 'READ', '{}', '{}', '{Test.forged}', 'ALLOWED', 1, null)`));
    const rows = await hub.ownerSql<{ seq: string; hash: string }>(`select seq, encode(hash, 'hex') as hash from audit_event where fields = '{Test.forged}' order by seq`);
    expect(rows.map((r) => Number(r.seq))).toEqual([lastSeq! + 1, lastSeq! + 2]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(await verify()).toMatchObject({ verified: true, lastSeq: lastSeq! + 2 });
  });

  test('concurrent inserts, in transactions long and short, committed or rolled back, form one valid chain', async () => {
    const { rows: before } = await verify();
    const officer = await hub.as({ agency: customs, roles: [Role.OFFICER], subject: 'conny' });
    const amber = await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.AMBER });
    let committed = 0;
    const writer = (n: number) => on(hub.databaseUrl, async (c) => {
      for (let i = 0; i < 8; i++) {
        await c.query('begin');
        await c.query(`${INSERT_ROW}, (gen_random_uuid(), clock_timestamp(), 'WRITE', '{}', '{}', '{Test.row}', 'FAILED')`);
        if ((n + i) % 3 === 0) await c.query('select pg_sleep(0.01)'); // holds the chain's head a while
        if ((n + i) % 5 === 0) await c.query('rollback');
        else {
          await c.query('commit');
          committed += 2;
        }
      }
    });
    // Ten writers at once, beside requests of the core writing their own rows.
    const reads = Array.from({ length: 6 }, () => officer.query(AuditSeizureDetailsDocument, { id: amber.id }));
    await Promise.all([...Array.from({ length: 10 }, (_, n) => writer(n)), ...reads]);
    const after = await verify();
    expect(after.verified).toBe(true);
    expect(after.rows).toBe(before + committed + reads.length);
    expect(after.lastSeq).toBe(after.rows);
  });

  test('a row changed by a superuser with every trigger off is found (GraphQL and script, exit 1); put back, the chain verifies again', async () => {
    const seq = await seqOf("kind = 'READ' and outcome = 'ALLOWED'");
    const [{ outcome }] = await hub.ownerSql<{ outcome: string }>(`select outcome from audit_event where seq = ${seq}`);
    await asSuperuser(`update audit_event set outcome = 'DENIED' where seq = ${seq}`);
    const report = await verify();
    expect(report).toMatchObject({ verified: false, firstBroken: { seq, problem: 'ALTERED_ROW' } });
    expect(report.firstBroken!.message).toMatch(new RegExp(`seq ${seq} .*does not match its hash`));
    expect(await graphqlIntegrity()).toMatchObject({ verified: false, firstBrokenAt: seq, problem: 'ALTERED_ROW', brokenEventId: report.firstBroken!.eventId });
    const script = await verifyScript();
    expect(script.code).toBe(1);
    expect(script.report.firstBroken).toMatchObject({ seq, problem: 'ALTERED_ROW' });

    await asSuperuser(`update audit_event set outcome = '${outcome}' where seq = ${seq}`);
    expect((await verify()).verified).toBe(true);
  });

  test('rows deleted by the owner (its append-only trigger disabled) are found: in the middle at the gap, at the end by the head', async () => {
    const seq = await seqOf("kind = 'WRITE'") + 1;
    const save = `create temp table saved as select * from audit_event where seq in (${seq}, ${seq + 1})`;
    await on(hub.ownerDatabaseUrl, async (c) => {
      await c.query(save);
      await c.query('alter table audit_event disable trigger audit_event_no_update_or_delete');
      await c.query(`delete from audit_event where seq in (${seq}, ${seq + 1})`);
      await c.query('alter table audit_event enable trigger audit_event_no_update_or_delete');
      const report = await verify();
      expect(report).toMatchObject({ verified: false, firstBroken: { seq: seq + 2, problem: 'MISSING_ROWS' } });
      expect(report.firstBroken!.message).toMatch(new RegExp(`rows with seq ${seq} to ${seq + 1} are missing`));
      expect(await graphqlIntegrity()).toMatchObject({ verified: false, firstBrokenAt: seq + 2, problem: 'MISSING_ROWS' });
      expect((await verifyScript()).code).toBe(1);
      // Put back as they were (the chain's own trigger off too: they keep their seq and hash).
      await c.query('alter table audit_event disable trigger audit_event_chain');
      await c.query('insert into audit_event select * from saved');
      await c.query('alter table audit_event enable trigger audit_event_chain');
    });
    expect((await verify()).verified).toBe(true);

    const { lastSeq } = await verify();
    await asSuperuser(`delete from audit_event where seq = ${lastSeq}`);
    const report = await verify();
    expect(report).toMatchObject({ verified: false, lastSeq: lastSeq! - 1, firstBroken: { seq: lastSeq, problem: 'MISSING_ROWS' } });
    expect(report.firstBroken!.message).toMatch(/missing \(deleted\) at the end/);
  });

  test('a chain rebuilt after a deletion verifies on its own, but no longer holds a link recorded before', async () => {
    // Whatever the last test left: this one starts from a chain that verifies, and records its last link.
    await asSuperuser(`update audit_chain_head set seq = (select max(seq) from audit_event), hash = (select hash from audit_event order by seq desc limit 1)`);
    const recorded = await verifyScript();
    expect(recorded.code).toBe(0);
    // The intruder deletes a row and recomputes every seq and hash after it, and the head, as the trigger would.
    const seq = await seqOf("kind = 'WRITE'");
    await asSuperuser(
      `delete from audit_event where seq = ${seq}`,
      `do $$
        declare r audit_event; previous bytea; n bigint := ${seq - 1};
        begin
          perform set_config('timezone', 'UTC', true);
          select hash into previous from audit_event where seq = ${seq - 1};
          for r in select * from audit_event where seq > ${seq} order by seq loop
            n := n + 1;
            r.seq := n;
            previous := sha256(previous || convert_to(coalesce((select jsonb_object_agg(f.key, f.value) from jsonb_each(to_jsonb(r) - 'hash') f where jsonb_typeof(f.value) <> 'null'), '{}'::jsonb)::text, 'UTF8'));
            update audit_event set seq = n, hash = previous where id = r.id;
          end loop;
          update audit_chain_head set seq = n, hash = previous;
        end $$`,
    );
    expect((await verify()).verified).toBe(true);
    const checked = await verifyScript('--expect', recorded.report.anchor!);
    expect(checked.code).toBe(1);
    expect(checked.report.firstBroken).toMatchObject({ seq: recorded.report.lastSeq, problem: 'ANCHOR_MISMATCH' });
    expect((await verifyScript('--expect', 'not-an-anchor')).code).toBe(2);
  });
});


test('a database an earlier version ran as one superuser is handed to the owner role on start, then chained and granted by the migrations', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-upgrade-pg-'));
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir, port });
  try {
    // The earlier layout: the database and everything in it the superuser's, the gateway's table created at run time.
    await on(server.url.replace(/\/hub$/, '/postgres'), (c) => c.query('alter database hub owner to hub'));
    const legacy = await MikroORM.init(ormConfig({ clientUrl: server.url }));
    try {
      await legacy.migrator.up({ to: 'Migration20261130060000_idempotency_keys' });
    } finally {
      await legacy.close(true);
    }
    await on(server.url, async (c) => {
      await c.query('create table rate_limit (key varchar(255) primary key, points integer not null default 0, expire bigint)');
      for (let i = 0; i < 3; i++) {
        await c.query(`insert into audit_event (id, at, kind, roles, record_ids, fields, outcome) values (gen_random_uuid(), now() - interval '${i} day', 'READ', '{ANALYST}', '{}', '{Seizure.id}', 'ALLOWED')`);
      }
    });
    await server.stop();

    server = await startEmbeddedPostgres({ dataDir, port });
    const owners = await on(server.url, (c) => c.query<{ owner: string; n: number }>(
      `select pg_get_userbyid(relowner) as owner, count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'S') group by 1`).then((r) => r.rows));
    expect(owners).toEqual([{ owner: 'hub_owner', n: expect.any(Number) }]);
    const [{ datowner }] = await on(server.url, (c) => c.query(`select pg_get_userbyid(datdba) as datowner from pg_database where datname = 'hub'`).then((r) => r.rows));
    expect(datowner).toBe('hub_owner');

    // What the preparation step does next: the remaining migrations as the owner, then the runtime role's grants.
    const owner = await MikroORM.init(ormConfig({ clientUrl: server.ownerUrl }));
    try {
      expect(await migrate(owner, { runtimeUrl: server.appUrl })).toContain('Migration20261130100000_audit_chain');
    } finally {
      await owner.close(true);
    }
    const report = await on(server.appUrl, async (c) => {
      await c.query('begin');
      const r = await verifyAuditChain(async (sql) => (await c.query(sql)).rows);
      await c.query('commit');
      return r;
    });
    expect(report).toMatchObject({ verified: true, rows: 3, lastSeq: 3 });
    const refused = await on(server.appUrl, (c) => c.query('alter table audit_event disable trigger all').then(() => null, (e: Error) => e.message));
    expect(refused).toMatch(/must be owner/);
    expect(await on(server.appUrl, (c) => c.query(`insert into rate_limit (key, points) values ('k', 1)`).then(() => 'ok'))).toBe('ok');
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);
