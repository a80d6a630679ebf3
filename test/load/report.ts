// The load's result: Markdown tables on stdout, and the same figures as JSON (bench-results/load.json).
import type { MemoryRow } from './memory.js';
import type { BucketSummary, ErrorEntry } from './recorder.js';

export const RSS_LIMIT_BYTES = 400 * 1024 * 1024;

export interface LoadResult {
  startedAt: string;
  settings: { connections: number; durationSeconds: number; seizures: number; timeoutSeconds: number; seed: number; host: string };
  hub: { url: string; readyAfterSeconds: number; processes: { pid: number; label: string; command: string }[] };
  seconds: number;
  viewers: Record<string, BucketSummary>;
  operations: Record<string, BucketSummary>;
  total: BucketSummary;
  errors: Record<string, ErrorEntry>;
  /** Connection errors and timeouts autocannon saw that no request of the script accounts for (not per viewer). */
  unattributedConnectionErrors: number;
  inFlightAtStop: number;
  autocannon: { requests: number; errors: number; timeouts: number; non2xx: number; statusCodes: Record<string, number> };
  /** Rows: bytes per process (a group: its largest process); sums: per sample, then idle/peak/after of the sums. */
  memory: { samples: number; rows: MemoryRow[]; sums: Record<'node' | 'postgres', { idle: number | null; peak: number | null; after: number | null }> };
  exitedProcesses: { pid: number; label: string }[];
  targets: { errors: { target: 0; actual: number; met: boolean }; peakRss: { targetBytes: number; worstBytes: number | null; met: boolean }; noExits: { actual: number; met: boolean } };
  met: boolean;
  interrupted: boolean;
}

const mb = (bytes: number | null) => (bytes === null ? '–' : (bytes / 1024 / 1024).toFixed(0));
const ms = (value: number | null) => (value === null ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const count = (n: number) => n.toLocaleString('en-US');
const mark = (met: boolean) => (met ? '✓' : '✗');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

function bucketRow(name: string, s: BucketSummary): string {
  return `| ${name} | ${count(s.requests)} | ${s.perSecond.toFixed(1)} | ${ms(s.p50)} | ${ms(s.p99)} | ${count(s.rateLimited)} | ${count(s.errors)} |`;
}

export function renderMarkdown(r: LoadResult): string {
  const out: string[] = [];
  const { settings: s } = r;
  out.push(`## Load: ${s.connections} connections for ${r.seconds.toFixed(1)} s${r.interrupted ? ' (interrupted)' : ''}, ${count(s.seizures)} demo seizures`);
  out.push('');
  out.push(`Hub ${r.hub.url}, ready ${r.hub.readyAfterSeconds.toFixed(1)} s after spawn; processes: ${r.hub.processes.filter((p) => !p.label.startsWith('postgres:')).map((p) => `${p.label} (${p.pid})`).join(', ')}.`);
  out.push(`Latency is measured by the script per request, from send to complete answer; p50/p99 leave out 429s. Errors exclude 429s and the FORBIDDEN answers the policy owes a viewer on withheld fields (${count(r.total.expectedForbidden)} seen).`);
  out.push('');
  out.push('| viewer | requests | req/s | p50 ms | p99 ms | 429s | errors (target 0) |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [viewer, summary] of Object.entries(r.viewers)) out.push(bucketRow(viewer, summary));
  const total = { ...r.total, errors: r.total.errors + r.unattributedConnectionErrors };
  out.push(bucketRow('**total**', total).replace(/\| ([\d,]+) \|$/, `| **$1** ${mark(r.targets.errors.met)} |`));
  out.push('');
  out.push('| operation | requests | req/s | p50 ms | p99 ms | 429s | errors |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [operation, summary] of Object.entries(r.operations).sort((a, b) => b[1].requests - a[1].requests)) out.push(bucketRow(operation, summary));
  out.push('');
  const errors = Object.entries(r.errors).sort((a, b) => b[1].count - a[1].count);
  if (errors.length === 0 && r.unattributedConnectionErrors === 0) {
    out.push(`Errors (non-429): none ${mark(true)} (target 0)`);
  } else {
    out.push(`Errors (non-429), target 0 ${mark(false)}:`);
    out.push('');
    out.push('| code | requests | where (viewer/operation: requests) | sample (viewer, operation: message) |');
    out.push('|---|---:|---|---|');
    for (const [code, entry] of errors) {
      const where = Object.entries(entry.where).sort((a, b) => b[1] - a[1]);
      const shown = where.slice(0, 6).map(([w, n]) => `${w}: ${count(n)}`).join(', ') + (where.length > 6 ? `, … (${where.length - 6} more)` : '');
      out.push(`| ${cell(code)} | ${count(entry.count)} | ${shown} | ${entry.sample.viewer}, ${entry.sample.operation}: ${cell(entry.sample.message)} |`);
    }
    if (r.unattributedConnectionErrors) out.push(`| CONNECTION_ERROR | ${count(r.unattributedConnectionErrors)} | – | connection errors or timeouts reported by autocannon, not tied to a request |`);
  }
  if (r.inFlightAtStop) out.push(`\n${count(r.inFlightAtStop)} request(s) still in flight when the load stopped are not counted.`);
  out.push('');
  out.push(`Memory (VmRSS, MB; sampled every 500 ms, ${r.memory.samples} samples): idle before the load, peak during it, idle again ~5 s after. Target: peak < ${mb(RSS_LIMIT_BYTES)} MB per process.`);
  out.push('');
  out.push('| process | pid | idle | peak | after | after − idle | target |');
  out.push('|---|---:|---:|---:|---:|---:|---|');
  for (const row of r.memory.rows) {
    const worst = Math.max(row.peak ?? 0, row.after ?? 0);
    const growth = row.idle !== null && row.after !== null ? `${row.after >= row.idle ? '+' : '−'}${mb(Math.abs(row.after - row.idle))}` : '–';
    const pid = row.count === 1 ? String(row.pids[0]) : `${row.count} processes`;
    const name = row.note ? `${row.process} (${row.note})` : row.process;
    out.push(`| ${cell(name)} | ${pid} | ${mb(row.idle)} | ${mb(row.peak)} | ${mb(row.after)} | ${growth} | ${worst >= RSS_LIMIT_BYTES ? `${mark(false)} ≥ 400 MB` : mark(true)} |`);
  }
  const sumRow = (name: string, t: { idle: number | null; peak: number | null; after: number | null }) =>
    out.push(`| ${name} | | ${mb(t.idle)} | ${mb(t.peak)} | ${mb(t.after)} | ${t.idle !== null && t.after !== null ? `${t.after >= t.idle ? '+' : '−'}${mb(Math.abs(t.after - t.idle))}` : '–'} | |`);
  sumRow('sum of the node processes', r.memory.sums.node);
  sumRow('sum of the PostgreSQL processes (shared memory counted in each)', r.memory.sums.postgres);
  if (r.exitedProcesses.length) {
    out.push('');
    out.push(`Hub processes that exited during the run (a crash or a restart) ${mark(false)}: ${r.exitedProcesses.map((p) => `${p.label} (pid ${p.pid})`).join(', ')}`);
  }
  out.push('');
  const { targets } = r;
  out.push(`Targets: non-429 errors ${count(targets.errors.actual)} (target 0) ${mark(targets.errors.met)} · peak RSS ${mb(targets.peakRss.worstBytes)} MB in the largest process (target < 400 MB) ${mark(targets.peakRss.met)}${targets.noExits.actual ? ` · ${targets.noExits.actual} hub process(es) exited ${mark(false)}` : ''} → ${r.met ? 'met' : 'NOT met'}${r.interrupted ? ' (interrupted run)' : ''}`);
  return out.join('\n');
}
