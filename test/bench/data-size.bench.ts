// Does the cost grow with the data? `npm run bench:data`: the same analyst operations on 3,000 and on 1,000,000
// seizures (BENCH_LARGE_SEIZURES), side by side in one run, through the hub's gateway and core (in this process),
// plus the EXPLAIN (ANALYZE) plan of every SQL statement each operation makes on the large database. Target: p50 at
// the large size at most 1.5× the p50 at 3,000. Prints tables; writes bench-results/data-size.json.
//
// The databases are kept between runs under .data-bench/ (git-ignored), keyed by size and seed: loading a million
// seizures takes minutes, running the comparison does not. Delete the folder to load them again.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { newPrivateJwk, signerFrom } from '../../src/auth/dev-issuer.js';
import { gatewaySignerFrom, GatewayVerifier } from '../../src/auth/gateway-token.js';
import { TokenVerifier } from '../../src/auth/tokens.js';
import { Role } from '../../src/auth/viewer.js';
import { loadConfig } from '../../src/config.js';
import { DatabaseAvailability } from '../../src/db/availability.js';
import { migrate, openDatabase } from '../../src/db/database.js';
import { loadDemoData } from '../../src/db/demo-data/index.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { startGateway } from '../../src/gateway/server.js';
import { startHubServer } from '../../src/hub/server.js';
import { silentLogger } from '../../src/observability/logger.js';
import { freePort } from '../support/ports.js';
import { REPOSITORY_ROOT } from '../support/repository.js';
import { interactive } from './runner.js';
import { compare, percentile, timedRequest } from './support.js';

const SMALL = 3000;
const LARGE = Number(process.env.BENCH_LARGE_SEIZURES ?? 1_000_000);
const SEED = 20240124;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const TARGET = 1.5;

const OPERATIONS = [
  { name: 'seizures(first: 20) { totalCount … port }', query: 'query BenchList { seizures(first: 20) { totalCount edges { node { reference seizedOn drugType quantity unit port { unlocode name } } } } }' },
  { name: 'seizureStatistics(groupBy: [YEAR, DRUG_TYPE])', query: 'query BenchStatistics { seizureStatistics(groupBy: [YEAR, DRUG_TYPE], first: 100) { seizures suppressedBuckets buckets { year drugType seizures quantityKg } } }' },
  { name: 'port(BEANR) { seizures(first: 10) { totalCount … } }', query: 'query BenchPort { port(unlocode: "BEANR") { name seizures(first: 10) { totalCount edges { node { reference seizedOn quantity } } } } }' },
  { name: 'filtered search (2 ports, cocaine, 2024)', query: 'query BenchSearch { seizures(first: 20, filter: { ports: ["BEANR", "NLRTM"], drugTypes: [COCAINE], seizedFrom: "2024-01-01", seizedTo: "2024-12-31" }) { totalCount edges { node { reference seizedOn quantity port { unlocode } } } } }' },
  { name: 'search inside a year (rows counted)', query: 'query BenchSearchRows { seizures(first: 20, filter: { ports: ["BEANR"], seizedFrom: "2024-03-01", seizedTo: "2024-05-31" }) { totalCount edges { node { reference seizedOn } } } }' },
];

/** A database of `seizures` demo seizures, kept under .data-bench/ between runs, served on a free port. */
async function database(seizures: number) {
  const dataDir = path.join(REPOSITORY_ROOT, '.data-bench', `seizures-${seizures}-seed-${SEED}`);
  const fresh = !existsSync(path.join(dataDir, 'loaded'));
  const pgServer = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  // As the owner: the migrations written since the database was loaded (the rollup's backfill included), and the load.
  const owner = await openDatabase({ databaseUrl: pgServer.ownerUrl, dataDir, embeddedPgPort: 0, debugSql: false });
  try {
    const applied = await migrate(owner.orm, { runtimeUrl: pgServer.appUrl });
    if (fresh) {
      process.stdout.write(`loading ${seizures.toLocaleString('en')} demo seizures into ${path.relative(REPOSITORY_ROOT, dataDir)} (kept for later runs)…\n`);
      await loadDemoData(owner.orm, { seed: SEED, seizures, log: interactive ? (line) => process.stdout.write(`  ${line}\n`) : undefined });
      await owner.orm.em.getConnection().execute('vacuum analyze');
    } else if (applied.length) {
      await owner.orm.em.getConnection().execute('vacuum (full, analyze) "seizure_rollup"');
    }
  } finally {
    await owner.close();
  }
  if (fresh) await writeFile(path.join(dataDir, 'loaded'), new Date().toISOString());
  const availability = new DatabaseAvailability(loadConfig({}).database);
  const db = await openDatabase({ databaseUrl: pgServer.appUrl, dataDir, embeddedPgPort: 0, debugSql: false }, { availability });
  return { seizures, pgServer, db, availability };
}

/**
 * The statements (text and parameters) the hub sends to PostgreSQL while `capture` is on: node-postgres's query
 * method, wrapped in this process only, so that their plans can be asked for with the same parameters.
 */
const captured: { text: string; values: unknown[] }[] = [];
let capture = false;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function capturing(this: pg.Client, ...args: unknown[]) {
  const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  if (capture) {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string' && /^\s*(select|with)\b/i.test(text)) captured.push({ text, values: (typeof config === 'object' ? config.values : values) ?? [] });
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

const signer = await gatewaySignerFrom(await newPrivateJwk('bench-gateway'));
const idp = await signerFrom('urn:bench:idp', await newPrivateJwk('bench-idp'));
const token = await idp.sign({ subject: 'bench-analyst', agency: 'FR-DGDDI', roles: [Role.ANALYST] }, { audience: 'port-alliance-hub', expiresIn: '2h' });

const sizes = [await database(SMALL), await database(LARGE)];
const served = await Promise.all(sizes.map(async (size) => {
  const core = await startHubServer(size.db.orm, { host: '127.0.0.1', port: 0, gateway: new GatewayVerifier(signer.jwks, 'core'), database: size.availability, logger: silentLogger });
  const gateway = await startGateway({
    host: '127.0.0.1', port: 0, core: { name: 'core', url: core.url }, registry: { entries: [] }, signer, logger: silentLogger,
    verifier: new TokenVerifier([idp.issuer], 'port-alliance-hub'), audit: { pool: await size.db.orm.em.getConnection().getNativeClient() },
  });
  return { ...size, core, gateway };
}));

const results: Record<string, unknown>[] = [];
try {
  const label = (n: number) => `${n.toLocaleString('en')} seizures`;
  for (const operation of OPERATIONS) {
    const body = JSON.stringify({ query: operation.query });
    const samples = await compare(operation.name, served.map((s) => ({
      name: label(s.seizures),
      run: () => timedRequest(s.gateway.url, body, { authorization: `Bearer ${token}` }),
    })), ITERATIONS, 10, TARGET);
    const p50 = served.map((s) => percentile([...samples.get(label(s.seizures))!].sort((a, b) => a - b), 50));
    // The plans of what the large database runs for this operation.
    const large = served[1]!;
    captured.length = 0;
    capture = true;
    await timedRequest(large.gateway.url, body, { authorization: `Bearer ${token}` });
    capture = false;
    const statements = captured.filter((c) => !/audit_event/.test(c.text));
    const client = new pg.Client({ connectionString: large.pgServer.appUrl });
    await client.connect();
    const plans: { sql: string; plan: string[] }[] = [];
    try {
      for (const { text, values } of statements) {
        const { rows } = await query.call(client, `explain (analyze, buffers, costs off) ${text}`, values) as pg.QueryResult<{ 'QUERY PLAN': string }>;
        plans.push({ sql: text, plan: rows.map((r) => r['QUERY PLAN']) });
      }
    } finally {
      await client.end();
    }
    results.push({ operation: operation.name, p50ms: Object.fromEntries(served.map((s, i) => [s.seizures, p50[i]])), ratio: p50[1]! / p50[0]!, target: TARGET, plans });
  }

  // What the hub adds to the same rows read with plain SQL (node-postgres, no GraphQL, no policy engine, no
  // gateway): the first operation's page and count, as the hub must compute them for this analyst.
  const raw: Record<string, unknown>[] = [];
  for (const size of served) {
    const pool = new pg.Pool({ connectionString: size.pgServer.appUrl, max: 2 });
    const [{ id: agencyId }] = (await pool.query<{ id: string }>(`select id from agency where code = 'FR-DGDDI'`)).rows as [{ id: string }];
    const visible = `(tlp in ('CLEAR', 'GREEN', 'AMBER') or (tlp in ('AMBER+STRICT', 'RED') and origin_agency_id = $1))`;
    const page = `select s.reference, s.seized_on, s.drug_type, s.quantity, s.unit, p.unlocode, p.name from seizure s join port p on p.id = s.port_id
      where ${visible} and s.withdrawn_at is null order by s.seized_on desc, s.id desc limit 20`;
    const count = `select sum(seizures)::int as n from seizure_rollup where detection_method = '*' and not withdrawn and ${visible}`;
    const rawOnce = async () => {
      const [rows, total] = await Promise.all([pool.query(page, [agencyId]), pool.query<{ n: number }>(count, [agencyId])]);
      return { references: rows.rows.map((r: { reference: string }) => r.reference), total: total.rows[0]!.n };
    };
    // Same rows as the hub's answer, or the comparison means nothing.
    const hub = await (await fetch(size.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: OPERATIONS[0]!.query }) })).json() as { data: { seizures: { totalCount: number; edges: { node: { reference: string } }[] } } };
    const plain = await rawOnce();
    if (plain.total !== hub.data.seizures.totalCount || JSON.stringify(plain.references) !== JSON.stringify(hub.data.seizures.edges.map((e) => e.node.reference))) {
      throw new Error(`raw SQL and the hub disagree at ${label(size.seizures)}: ${JSON.stringify(plain)} vs ${JSON.stringify(hub.data.seizures)}`);
    }
    const body = JSON.stringify({ query: OPERATIONS[0]!.query });
    const samples = await compare(`${OPERATIONS[0]!.name} at ${label(size.seizures)}: the hub vs the same rows by plain SQL`, [
      { name: 'plain SQL (pg)', run: async () => { const t = performance.now(); await rawOnce(); return performance.now() - t; } },
      { name: 'hub (gateway, core, policy, audit)', run: () => timedRequest(size.gateway.url, body, { authorization: `Bearer ${token}` }) },
    ], ITERATIONS, 10);
    const [sql, hubMs] = ['plain SQL (pg)', 'hub (gateway, core, policy, audit)'].map((name) => percentile([...samples.get(name)!].sort((a, b) => a - b), 50)) as [number, number];
    raw.push({ seizures: size.seizures, sqlP50ms: sql, hubP50ms: hubMs, ratio: hubMs / sql });
    await pool.end();
  }

  console.log(`\nCost against data size: p50 through the gateway, ${label(LARGE)} vs ${label(SMALL)} (target ≤ ${TARGET}×)`);
  console.log(`| operation | p50 ms at ${SMALL.toLocaleString('en')} | p50 ms at ${LARGE.toLocaleString('en')} | ratio | target |`);
  console.log('|---|---:|---:|---:|---|');
  for (const r of results) {
    const p50 = r.p50ms as Record<number, number>;
    const ratio = r.ratio as number;
    console.log(`| ${r.operation as string} | ${p50[SMALL]!.toFixed(1)} | ${p50[LARGE]!.toFixed(1)} | ${ratio.toFixed(2)}× | ${ratio <= TARGET ? 'met' : 'NOT met'} (≤ ${TARGET}×) |`);
  }
  console.log('\nThe hub against plain SQL for the same rows (first operation; no target: what GraphQL, policy, audit and the gateway cost)');
  console.log('| seizures | plain SQL p50 ms | hub p50 ms | ratio |');
  console.log('|---:|---:|---:|---:|');
  for (const r of raw) console.log(`| ${(r.seizures as number).toLocaleString('en')} | ${(r.sqlP50ms as number).toFixed(1)} | ${(r.hubP50ms as number).toFixed(1)} | ${(r.ratio as number).toFixed(2)}× |`);
  console.log(`\nPlans at ${label(LARGE)} (EXPLAIN ANALYZE; execution times):`);
  for (const r of results) {
    console.log(`\n${r.operation as string}`);
    for (const { plan } of r.plans as { plan: string[] }[]) {
      console.log(`  ${plan[0]}`);
      console.log(`    ${plan.filter((line) => /Index|Seq Scan|Execution Time/.test(line)).map((line) => line.trim()).join('\n    ')}`);
    }
  }
  const file = path.join(REPOSITORY_ROOT, 'bench-results/data-size.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ at: new Date().toISOString(), small: SMALL, large: LARGE, iterations: ITERATIONS, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), results, plainSql: raw }, null, 2));
  console.log(`\nResults and full plans: ${path.relative(REPOSITORY_ROOT, file)}`);
} finally {
  for (const s of served) {
    await s.gateway.stop();
    await s.core.stop();
    s.availability.close();
    await s.db.close();
    await s.pgServer.stop();
  }
}
