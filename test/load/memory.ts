// Resident memory of every hub process, sampled every 500 ms through three phases: idle before the load, during
// it, and idle again after it. Processes are looked up again at each sample (a supervisor may restart a child;
// PostgreSQL starts a backend per connection).
import { groupOf, residentBytes, type HubProcess, type ProcessTree } from './processes.js';

export type Phase = 'idle' | 'load' | 'after';

interface Series {
  proc: HubProcess;
  idle?: number;
  peak?: number;
  after?: number;
  firstSeen: Phase;
  /** Phase in which the process was last seen alive. */
  lastSeen: Phase;
  /** Phase of the first sample that no longer found it. */
  goneIn?: Phase;
}

interface PhaseFigures {
  idle?: number;
  peak?: number;
  after?: number;
}

export interface MemoryRow {
  process: string;
  pids: number[];
  /** Bytes; for a group of processes, the largest single process. */
  idle: number | null;
  peak: number | null;
  after: number | null;
  /** Processes in the row (PostgreSQL's workers and connections are one row). */
  count: number;
  note?: string;
}

export class MemorySampler {
  private phase: Phase = 'idle';
  private readonly series = new Map<string, Series>();
  /** Per-sample sums: the hub's node processes, and PostgreSQL's processes. */
  private readonly totals = { node: {} as PhaseFigures, postgres: {} as PhaseFigures };
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  samples = 0;

  constructor(private readonly tree: ProcessTree) {}

  start(intervalMs = 500): void {
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Takes a sample now (also one at each phase change, so that phases start and end on fresh figures). */
  async setPhase(phase: Phase): Promise<void> {
    await this.sample();
    this.phase = phase;
    await this.sample();
  }

  sample(): Promise<void> {
    // One sample at a time: a slow /proc walk is skipped over rather than piled up.
    this.running ??= this.takeSample().finally(() => (this.running = undefined));
    return this.running;
  }

  private async takeSample(): Promise<void> {
    const phase = this.phase;
    const procs = await this.tree.discover();
    const readings = await Promise.all(procs.map(async (proc) => [proc, await residentBytes(proc.pid)] as const));
    const alive = new Set<string>();
    const sums = { node: 0, postgres: 0 };
    for (const [proc, rss] of readings) {
      if (rss === undefined) continue;
      const key = `${proc.pid}:${proc.startTime}`;
      alive.add(key);
      sums[proc.label.startsWith('postgres') ? 'postgres' : 'node'] += rss;
      let series = this.series.get(key);
      if (!series) this.series.set(key, (series = { proc, firstSeen: phase, lastSeen: phase }));
      series.lastSeen = phase;
      if (phase === 'idle') series.idle = rss;
      else if (phase === 'load') series.peak = Math.max(series.peak ?? 0, rss);
      else series.after = rss;
    }
    for (const [key, series] of this.series) if (!alive.has(key)) series.goneIn ??= phase;
    for (const kind of ['node', 'postgres'] as const) {
      const figures = this.totals[kind];
      if (phase === 'idle') figures.idle = sums[kind];
      else if (phase === 'load') figures.peak = Math.max(figures.peak ?? 0, sums[kind]);
      else figures.after = sums[kind];
    }
    this.samples++;
  }

  /** Node processes of the hub that exited while the load ran or after it (a crash, a restart). */
  exitedDuringRun(): HubProcess[] {
    return [...this.series.values()].filter((s) => s.goneIn && s.goneIn !== 'idle' && !s.proc.label.startsWith('postgres')).map((s) => s.proc);
  }

  rows(): { rows: MemoryRow[]; sums: Record<'node' | 'postgres', { idle: number | null; peak: number | null; after: number | null }> } {
    const groups = new Map<string, Series[]>();
    for (const series of this.series.values()) {
      const group = groupOf(series.proc);
      // Node processes get a row each (a restarted child shows twice); PostgreSQL's many backends one row.
      const key = group.startsWith('postgres workers') ? group : `${group}#${series.proc.pid}`;
      groups.set(key, [...(groups.get(key) ?? []), series]);
    }
    const max = (values: (number | undefined)[]): number | null => {
      const known = values.filter((v): v is number => v !== undefined);
      return known.length ? Math.max(...known) : null;
    };
    const rows = [...groups.values()].map((members): MemoryRow => {
      const first = members[0]!;
      const notes: string[] = [];
      if (members.length === 1) {
        if (first.firstSeen !== 'idle') notes.push(`started during ${first.firstSeen === 'load' ? 'the load' : 'the after phase'}`);
        if (first.goneIn) notes.push(`exited during ${first.goneIn === 'load' ? 'the load' : first.goneIn === 'after' ? 'the after phase' : 'the idle phase'}`);
      } else {
        notes.push(`largest of ${members.length} processes`);
      }
      return {
        process: groupOf(first.proc),
        pids: members.map((m) => m.proc.pid),
        idle: max(members.map((m) => m.idle)),
        peak: max(members.map((m) => m.peak)),
        after: max(members.map((m) => m.after)),
        count: members.length,
        note: notes.join('; ') || undefined,
      };
    });
    const order = (row: MemoryRow) => ['supervisor', 'hub', 'gateway', 'core', 'member'].indexOf(row.process) + 1 || (row.process.startsWith('postgres') ? 90 : 50);
    rows.sort((a, b) => order(a) - order(b) || a.pids[0]! - b.pids[0]!);
    const nullable = (f: PhaseFigures) => ({ idle: f.idle ?? null, peak: f.peak ?? null, after: f.after ?? null });
    return { rows, sums: { node: nullable(this.totals.node), postgres: nullable(this.totals.postgres) } };
  }
}
