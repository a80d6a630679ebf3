// Checks before anything starts, so that a start that cannot succeed says why at once: one hub per data folder,
// and every port free (naming the setting that changes it).
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { StartError } from './part.js';

export interface PortClaim {
  /** The setting that changes it: PORT, CORE_PORT, DEMO_MEMBER_PORT, EMBEDDED_PG_PORT. */
  setting: string;
  port: number;
  host: string;
  what: string;
}

function probe(claim: PortClaim): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ port: claim.port, host: claim.host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** Throws a StartError naming the first port that cannot be listened on and the setting to change. */
export async function assertPortsFree(claims: PortClaim[]): Promise<void> {
  const seen = new Map<number, PortClaim>();
  for (const claim of claims) {
    if (claim.port === 0) continue;
    const other = seen.get(claim.port);
    if (other) throw new StartError(`${claim.setting} and ${other.setting} are both ${claim.port}: give the ${claim.what} and the ${other.what} different ports`);
    seen.set(claim.port, claim);
    const error = await probe(claim);
    if (!error) continue;
    if (error.code === 'EADDRINUSE') throw new StartError(`${claim.setting} ${claim.port} (${claim.what}) is already in use on ${claim.host}: stop what listens there or set ${claim.setting} to a free port`);
    if (error.code === 'EACCES') throw new StartError(`${claim.setting} ${claim.port} (${claim.what}) needs privileges on this host: set ${claim.setting} to a port above 1023`);
    throw new StartError(`${claim.setting} ${claim.port} (${claim.what}) cannot be listened on at ${claim.host}: ${error.message}`);
  }
}

/** Whether `pid` runs a hub supervisor (Linux: its command line; elsewhere an alive pid is taken at its word). */
function isSupervisor(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.charAt(stat.lastIndexOf(')') + 2) === 'Z') return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith('main.js'));
  } catch {
    return false;
  }
}

/**
 * One supervisor per data folder: a second `npm start` on the same DATA_DIR would otherwise take the first one's
 * embedded PostgreSQL for a stale one and stop it. The lock is a pid file; a pid that is gone (a `kill -9`) or now
 * belongs to another program does not hold it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'supervisor.pid');
  const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isSupervisor(holder)) {
    throw new StartError(`another Port Alliance Hub (pid ${holder}) is running on DATA_DIR ${dataDir}: stop it first, or set DATA_DIR to another folder`);
  }
  await writeFile(file, `${process.pid}\n`);
  return async () => {
    const current = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (current === process.pid) await rm(file, { force: true });
  };
}
