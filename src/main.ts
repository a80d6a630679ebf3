// Start: config → database (embedded or DATABASE_URL) → migrate → demo data → server.
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { loadDemoData } from './db/demo-data/index.js';
import { devSigner } from './auth/dev-issuer.js';
import { TokenVerifier } from './auth/tokens.js';
import { startHubServer } from './hub/server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await server?.stop().catch((e) => console.error(e));
    await db.close().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  let server: Awaited<ReturnType<typeof startHubServer>> | undefined;
  const applied = await migrate(db.orm);
  console.log(`Database (${db.source}): ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
  if (config.demoData) {
    await loadDemoData(db.orm, { seed: config.demoSeed, seizures: config.demoSeizures, log: (line) => console.log(line) });
  }
  const issuers = [...config.trustedIssuers];
  if (config.devIssuer) issuers.push((await devSigner(config.dataDir)).issuer);
  const verifier = new TokenVerifier(issuers, config.audience);
  server = await startHubServer(db.orm, { host: config.host, port: config.port, verifier });
  console.log(`Port Alliance Hub ready at ${server.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
