// `npm run audit:verify [-- --expect <seq>:<hash> …] [--json]`: recomputes the audit trail's hash chain
// (src/hub/modules/audit/audit.chain.ts) and says whether a row was deleted or changed, and where first.
// Exit code 0: verified; 1: broken (the first broken link is printed); 2: could not check (no database, bad usage).
//
// It reads only, so it connects as the runtime role: DATABASE_URL, or the embedded database of DATA_DIR (the one a
// running hub uses, or started for the check when none runs). Print the last link it reports somewhere the
// database's administrators cannot change, and pass it later with --expect: a chain rebuilt after a deletion no
// longer holds it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { formatAnchor, parseAnchor, verifyAuditChain, type AuditAnchor } from '../hub/modules/audit/audit.chain.js';

function fail(reason: string): never {
  process.stderr.write(`audit:verify could not check the audit trail: ${reason}\n`);
  process.exit(2);
}

let anchors: AuditAnchor[];
let json: boolean;
try {
  const { values } = parseArgs({ options: { expect: { type: 'string', multiple: true, default: [] }, json: { type: 'boolean', default: false } } });
  anchors = values.expect!.map(parseAnchor);
  json = values.json!;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run audit:verify [-- --expect <seq>:<hash> …] [--json]`);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? `configuration error: ${error.message}` : String(error));
}

let url = config.databaseUrl;
let stop: (() => Promise<void>) | undefined;
let where = 'DATABASE_URL';
if (!url) {
  const embedded = await import('../db/embedded-postgres.js');
  if (!existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) fail(`there is no embedded database in ${config.dataDir} (set DATA_DIR, or DATABASE_URL)`);
  const running = await embedded.runningEmbeddedPostgres(config.dataDir);
  where = `the embedded database in ${config.dataDir}`;
  if (running) url = running.appUrl;
  else {
    try {
      const started = await embedded.startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
      url = started.appUrl;
      stop = started.stop;
    } catch (error) {
      fail((error as Error).message);
    }
  }
}

const client = new pg.Client({ connectionString: url, application_name: 'port-alliance-hub-audit-verify' });
let code = 2;
try {
  await client.connect();
  // One snapshot: rows, head and hashes as of one instant, while the hub goes on inserting.
  await client.query('begin isolation level repeatable read read only');
  const report = await verifyAuditChain(async (sql) => (await client.query(sql)).rows, anchors);
  await client.query('commit');
  code = report.verified ? 0 : 1;
  if (json) process.stdout.write(`${JSON.stringify({ ...report, anchor: formatAnchor(report) }, null, 2)}\n`);
  else if (report.verified) {
    const anchor = formatAnchor(report);
    process.stdout.write(`Audit trail verified: ${report.rows} row(s), every one follows from the one before${anchors.length ? `, and the ${anchors.length} recorded link(s) still hold` : ''}.\n`);
    if (anchor) process.stdout.write(`Last link: ${anchor}\nRecord it outside the database; check it later with: npm run audit:verify -- --expect ${anchor}\n`);
  } else {
    const broken = report.firstBroken!;
    process.stdout.write(`Audit trail BROKEN (${broken.problem}${broken.seq !== null ? ` at seq ${broken.seq}` : ''}): ${broken.message}.\n${report.rows} row(s) checked in ${where}.\n`);
  }
} catch (error) {
  process.stderr.write(`audit:verify could not check the audit trail in ${where}: ${(error as Error).message}\n`);
  code = 2;
} finally {
  await client.end().catch(() => undefined);
  await stop?.();
}
process.exit(code);
