// Starts one embedded PostgreSQL for the whole run. Jest loads this file natively (not through ts-jest), so it
// imports only code that Node's type stripping can run; each test file creates and migrates its own database
// (see hub.ts), so files never see each other's rows.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';

export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-pg-'));
  const port = 55000 + Math.floor(Math.random() * 5000);
  const server = await startEmbeddedPostgres({ dataDir, port });
  (globalThis as Record<string, unknown>).__hubTestPg = server;
  // The cluster's superuser (creates each test file's database), the owner role (migrations) and the runtime
  // role (what each test file's core connects as), as under `npm start`.
  process.env.HUB_TEST_PG_URL = server.url;
  process.env.HUB_TEST_PG_OWNER_URL = server.ownerUrl;
  process.env.HUB_TEST_PG_APP_URL = server.appUrl;
  process.env.HUB_TEST_PG_DATADIR = dataDir;
}
