// The supervisor's process tree: each part of the hub (src/run/*.ts) in its own OS process, forked with a heap
// cap, in its own process group (Ctrl-C reaches only the supervisor, which stops the parts in order). A part that
// dies is started again after a delay that doubles on each crash (0.5 s up to 30 s) and resets once it has run
// for a minute; the other parts keep serving meanwhile.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../observability/logger.js';
import type { PartMessage, PartName } from './part.js';

export const RESTART_DELAY_MIN_MS = 500;
export const RESTART_DELAY_MAX_MS = 30_000;
/** A part that ran this long is healthy again: its next crash restarts it after the shortest delay. */
export const STABLE_AFTER_MS = 60_000;
/** How long a part may take to start listening (building the core's schemas takes a few seconds). */
const READY_TIMEOUT_MS = 120_000;
/** How long a part may take to stop after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 15_000;

/** The compiled entry point of a part (dist/src/run/<name>.js). */
export function entryPoint(name: PartName): string {
  return fileURLToPath(new URL(`../run/${name}.js`, import.meta.url));
}

export interface SupervisorOptions {
  /** Heap cap of each part, in MB (V8 --max-old-space-size). */
  heapMb: number;
  logger: Logger;
}

/** Exponential backoff: 0.5 s, 1 s, 2 s … up to 30 s after `failures` crashes in a row. */
export function restartDelay(failures: number): number {
  return Math.min(RESTART_DELAY_MAX_MS, RESTART_DELAY_MIN_MS * 2 ** Math.min(failures, 16));
}

interface Part {
  name: PartName;
  child?: ChildProcess;
  /** When the current process said it was ready. */
  readyAt?: number;
  /** Crashes in a row (reset after STABLE_AFTER_MS of running). */
  failures: number;
  restartTimer?: NodeJS.Timeout;
  exited?: Promise<void>;
}

export class Supervisor {
  private readonly parts = new Map<PartName, Part>();
  private stopping = false;

  /** The environment every part gets (the supervisor's own, plus the database URL, ports and data folder). */
  env: NodeJS.ProcessEnv = process.env;

  constructor(private readonly options: SupervisorOptions) {}

  private fork(name: PartName, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
    if (this.stopping) throw new Error('the hub is stopping');
    const child = fork(entryPoint(name), [], {
      env: { ...this.env, ...extraEnv },
      execArgv: [`--max-old-space-size=${this.options.heapMb}`, '--enable-source-maps'],
      // Own process group: a terminal's Ctrl-C goes to the supervisor alone, which stops the parts in order.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.options.logger.info({ child: name, childPid: child.pid }, `${name} started (pid ${child.pid})`);
    return child;
  }

  /**
   * Runs a one-shot task to its end; rejects with the task's own reason when it fails. `extraEnv`: settings for this
   * task alone (the schema owner's URL, which the long-running parts never get).
   */
  async runTask(name: PartName, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    const child = this.fork(name, extraEnv);
    const part: Part = { name, child, failures: 0 };
    this.parts.set(name, part);
    let reason: string | undefined;
    child.on('message', (message: PartMessage) => {
      if (message?.type === 'failed') reason = message.reason;
    });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    part.exited = ended.then(() => undefined);
    return ended.then(({ code, signal }) => {
      this.parts.delete(name);
      if (code !== 0) throw new Error(reason ?? `${name} ended with ${signal ? `signal ${signal}` : `exit code ${code}`}`);
    });
  }

  /**
   * Starts a long-running part and resolves once it listens. A part that fails to start here is reported (with
   * its own reason) rather than restarted: at the first start, a wrong setting would only fail again.
   */
  async start(name: PartName): Promise<string | undefined> {
    const part: Part = { name, failures: 0 };
    this.parts.set(name, part);
    return this.launch(part, true);
  }

  private launch(part: Part, firstStart: boolean): Promise<string | undefined> {
    const child = this.fork(part.name);
    part.child = child;
    part.readyAt = undefined;
    let reason: string | undefined;
    let settle: { resolve(url?: string): void; reject(error: Error): void } | undefined;
    const ready = new Promise<string | undefined>((resolve, reject) => (settle = { resolve, reject }));
    const timer = setTimeout(() => {
      reason = `did not start listening within ${READY_TIMEOUT_MS / 1000} s`;
      child.kill('SIGKILL');
    }, READY_TIMEOUT_MS);

    child.on('message', (message: PartMessage) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        part.readyAt = Date.now();
        this.options.logger.info({ child: part.name, childPid: child.pid, url: message.url }, `${part.name} ready (pid ${child.pid})`);
        settle?.resolve(message.url);
      } else if (message?.type === 'failed') {
        reason = message.reason;
      }
    });
    part.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve();
      this.onExit(part, child, code, signal, firstStart && part.readyAt === undefined ? settle : undefined, reason);
    }));
    return ready;
  }

  private onExit(part: Part, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, startFailed: { reject(error: Error): void } | undefined, reason: string | undefined): void {
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (part.child === child) part.child = undefined;
    if (this.stopping) {
      this.options.logger.info({ child: part.name, childPid: child.pid, code, signal }, `${part.name} exited (${how})`);
      startFailed?.reject(new Error(`${part.name}: stopped before it was ready`));
      return;
    }
    if (startFailed) {
      startFailed.reject(new Error(`${part.name}: ${reason ?? `ended with ${how} before it was ready`}`));
      return;
    }
    if (part.readyAt !== undefined && Date.now() - part.readyAt >= STABLE_AFTER_MS) part.failures = 0;
    const delay = restartDelay(part.failures);
    part.failures++;
    this.options.logger.warn(
      { child: part.name, childPid: child.pid, code, signal, reason, restartInMs: delay, failuresInARow: part.failures },
      `${part.name} (pid ${child.pid}) exited with ${how}${reason ? `: ${reason}` : ''}; restarting in ${delay} ms`,
    );
    part.restartTimer = setTimeout(() => {
      part.restartTimer = undefined;
      if (this.stopping) return;
      this.options.logger.info({ child: part.name, restart: part.failures }, `restarting ${part.name}`);
      // A restart that fails is one more crash: it goes through onExit again, with a longer delay.
      void this.launch(part, false).catch(() => undefined);
    }, delay);
  }

  /** The pid of a part's current process (tests, logs). */
  pid(name: PartName): number | undefined {
    return this.parts.get(name)?.child?.pid;
  }

  private async stopPart(name: PartName, force: boolean): Promise<void> {
    const part = this.parts.get(name);
    if (!part) return;
    clearTimeout(part.restartTimer);
    const child = part.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(force ? 'SIGKILL' : 'SIGTERM');
    const stopped = await Promise.race([part.exited!.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS).unref())]);
    if (!stopped) {
      this.options.logger.warn({ child: name, childPid: child.pid }, `${name} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
      child.kill('SIGKILL');
      await part.exited;
    }
  }

  /** Stops the gateway first (no new requests), then the subgraphs and any task; `force` kills at once. */
  async stop(force = false): Promise<void> {
    this.stopping = true;
    await this.stopPart('gateway', force);
    await Promise.all((['core', 'member', 'prepare'] as const).map((name) => this.stopPart(name, force)));
  }
}
