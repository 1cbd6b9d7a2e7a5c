/**
 * `npx ts-node --transpile-only bench/cpu-profile.ts <file.cpuprofile> [count]`: where a V8 CPU
 * profile (BENCH_CPU_PROF) spent its time — self time by function and by package.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile.ts <file.cpuprofile> [count]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) =>
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/dist/')) return 'service';
  return url ? url.replace(/^.*\//, '') : '(native)';
};
const add = (map: Map<string, number>, key: string, us: number) =>
  map.set(key, (map.get(key) ?? 0) + us);
const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, us] of self) {
  const { callFrame } = byId.get(id)!;
  add(
    functions,
    `${callFrame.functionName || '(anonymous)'} ${where(callFrame.url)}:${callFrame.lineNumber + 1}`,
    us,
  );
  add(packages, where(callFrame.url), us);
}
const show = (title: string, map: Map<string, number>, count: number) => {
  process.stdout.write(`${title}\n`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    process.stdout.write(
      `  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}\n`,
    );
  }
};
show(`Self time by package (total ${(total / 1000).toFixed(0)} ms):`, packages, 25);
show('Self time by function:', functions, Number(countArg ?? 40));
