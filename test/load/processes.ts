// The hub's processes, found in /proc (Linux): every descendant of the spawned pid, plus any process whose command
// line names the run's data folder (an embedded PostgreSQL started detached), and their descendants. Each gets a
// label from its command line, and its resident memory (VmRSS) is sampled while the load runs.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface HubProcess {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot: with the pid, identifies the process (pids are reused). */
  startTime: number;
  /** Command line, arguments split. */
  argv: string[];
  /** gateway / core / member / supervisor / postgres / postgres: <backend> / the script's file name. */
  label: string;
}

interface StatLine {
  ppid: number;
  startTime: number;
}

async function readStat(pid: number): Promise<StatLine | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), startTime: Number(fields[19]) };
  } catch {
    return undefined; // gone meanwhile
  }
}

async function readArgv(pid: number): Promise<string[]> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Resident memory in bytes (VmRSS), undefined when the process is gone (or a zombie). */
export async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function isAlive(proc: { pid: number; startTime: number }): Promise<boolean> {
  const stat = await readStat(proc.pid);
  return stat !== undefined && stat.startTime === proc.startTime;
}

const NODE_PART = /\b(gateway|core|member|supervisor)\b/i;

/** What a process is, from its command line (a child may also name itself through process.title). */
export function labelOf(argv: string[], isRoot: boolean): string {
  const first = argv[0] ?? '?';
  if (first.startsWith('postgres:')) return first.replace(/\s+/g, ' ').trim();
  if (path.basename(first) === 'postgres') return 'postgres';
  // Look at file names and plain words only, not at the folders above them (a clone may live in ".../core/...").
  const words = argv.slice(1).map((arg) => path.basename(arg).replace(/\.(c|m)?(j|t)s$/, ''));
  const part = words.map((w) => NODE_PART.exec(w)?.[1]).find(Boolean) ?? NODE_PART.exec(path.basename(first))?.[1];
  if (part) return part.toLowerCase();
  if (isRoot) return 'hub';
  const script = argv.slice(1).find((arg) => /\.(c|m)?(j|t)s$/.test(arg));
  return script ? path.basename(script) : path.basename(first);
}

/** Walks /proc for the hub's process tree. */
export class ProcessTree {
  private known = new Map<string, HubProcess>();
  private checked = new Set<string>();

  constructor(
    private readonly rootPid: number,
    /** A process whose command line contains this (the data folder) belongs to the hub even if detached. */
    private readonly marker: string,
  ) {}

  async discover(): Promise<HubProcess[]> {
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
    const stats = new Map<number, StatLine>();
    await Promise.all(pids.map(async (pid) => {
      const stat = await readStat(pid);
      if (stat) stats.set(pid, stat);
    }));
    const children = new Map<number, number[]>();
    for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);

    const roots = new Set<number>();
    if (stats.has(this.rootPid)) roots.add(this.rootPid);
    // Processes found before stay tracked even when their parent has gone (an orphan is adopted by init).
    for (const proc of this.known.values()) if (stats.get(proc.pid)?.startTime === proc.startTime) roots.add(proc.pid);
    // Any other process is checked once for the marker.
    await Promise.all([...stats.keys()].map(async (pid) => {
      const key = `${pid}:${stats.get(pid)!.startTime}`;
      if (this.known.has(key) || this.checked.has(key)) return;
      this.checked.add(key);
      if ((await readArgv(pid)).some((arg) => arg.includes(this.marker))) roots.add(pid);
    }));

    const found: HubProcess[] = [];
    const seen = new Set<number>();
    const visit = async (pid: number): Promise<void> => {
      if (seen.has(pid) || pid === process.pid) return;
      seen.add(pid);
      const stat = stats.get(pid)!;
      const key = `${pid}:${stat.startTime}`;
      let proc = this.known.get(key);
      if (!proc) {
        const argv = await readArgv(pid);
        // No command line: a zombie, or a process that is just ending or starting (exec); looked at again next time.
        if (argv.length === 0) return;
        proc = { pid, ppid: stat.ppid, startTime: stat.startTime, argv, label: labelOf(argv, pid === this.rootPid) };
        this.known.set(key, proc);
      }
      found.push(proc);
      await Promise.all((children.get(pid) ?? []).map(visit));
    };
    await Promise.all([...roots].map(visit));
    // The spawned process is the supervisor when it has node processes under it.
    const root = found.find((p) => p.pid === this.rootPid);
    if (root && root.label === 'hub' && found.some((p) => p.ppid === this.rootPid && !p.label.startsWith('postgres'))) root.label = 'supervisor';
    return found.sort((a, b) => a.pid - b.pid);
  }

  /** Every process ever found, still alive or not. */
  all(): HubProcess[] {
    return [...this.known.values()];
  }
}

/** Summary groups for the memory table: node processes one by one, PostgreSQL's server and its workers/backends. */
export function groupOf(proc: HubProcess): string {
  if (proc.label.startsWith('postgres:')) return 'postgres workers and connections';
  return proc.label;
}
