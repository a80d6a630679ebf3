import { rm } from 'node:fs/promises';
import type { EmbeddedDatabase } from '../../src/db/embedded-postgres.ts';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__hubTestPg as EmbeddedDatabase | undefined;
  await server?.stop();
  if (process.env.HUB_TEST_PG_DATADIR) await rm(process.env.HUB_TEST_PG_DATADIR, { recursive: true, force: true });
}
