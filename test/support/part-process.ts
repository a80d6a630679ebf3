// One part of the hub (core, gateway or member subgraph) as its own OS process, run from the build (dist/, made by
// `npm test` before jest) exactly as `npm run start:core` / `start:gateway` run it in a deployment, heap cap included
// (CHILD_MAX_HEAP_MB): configured from the environment only. Quiet (warnings and errors kept for failure messages);
// killed if the test process ends.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPOSITORY_ROOT } from './repository.js';

const ROOT = REPOSITORY_ROOT;
const OUTPUT_KEPT = 20_000;

export interface PartProcess {
  process: ChildProcess;
  output(): string;
  /** SIGKILL: a crash, no clean stop. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts dist/src/run/<part>.js with `env` (and PATH/HOME only) and waits until `readyUrl` answers 200. `root`: the
 * checkout whose build to run (another build, e.g. a benchmark's baseline; default this repository).
 */
export async function startPart(part: 'core' | 'gateway' | 'member', env: Record<string, string>, readyUrl: string, timeoutMs = 30_000, root = ROOT): Promise<PartProcess> {
  const child = spawn(process.execPath, [`--max-old-space-size=${env.CHILD_MAX_HEAP_MB ?? 256}`, path.join(root, `dist/src/run/${part}.js`)], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const end = async (signal: NodeJS.Signals) => {
    process.off('exit', killOnExit);
    if (gone()) return;
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  const handle: PartProcess = { process: child, output: () => output, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`${part} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    try {
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.ok) return handle;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await handle.kill();
  throw new Error(`${part} was not ready at ${readyUrl} within ${timeoutMs} ms:\n${output}`);
}
