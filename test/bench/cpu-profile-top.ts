// Summarises V8 CPU profiles (`node --cpu-prof`, e.g. from BENCH_CPU_PROF=<dir> npm run bench:throughput): per
// .cpuprofile file, the functions with the most self time, and the packages (node_modules/<name>, node:internals,
// the hub's own files) they belong to. `node dist/test/bench/cpu-profile-top.js <file or dir>… [--top N]`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
const files = args.flatMap((arg) => (statSync(arg).isDirectory() ? readdirSync(arg).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(arg, f)) : [arg]));

/** node_modules/<package>, node:<internal>, or the file relative to the repository. */
function owner(url: string): string {
  if (!url) return '(native/VM)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url;
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => ['(idle)', '(program)'].includes(byId.get(id)!.callFrame.functionName)).reduce((a, [, t]) => a + t, 0);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, t] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const key = `${functionName || '(anonymous)'}  ${owner(url)}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + t);
    packages.set(owner(url), (packages.get(owner(url)) ?? 0) + t);
  }
  const busy = total - ([...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0));
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1)}%`.padStart(6);
  console.log(`\n== ${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)}%; shares below are of busy time; (program)+(idle) ${(idle / 1e6).toFixed(1)} s)`);
  console.log('-- top functions by self time');
  for (const [name, t] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${(t / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  console.log('-- by package / file (self time)');
  for (const [name, t] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(t)}  ${(t / 1000).toFixed(0).padStart(7)} ms  ${name}`);
}
