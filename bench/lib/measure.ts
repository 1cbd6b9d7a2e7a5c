import fs from 'node:fs';
import os from 'node:os';

export function log(message = ''): void {
  process.stdout.write(`${message}\n`);
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const kib = (value: number) => `${(value / 1024).toFixed(1)} KiB`;
export const mib = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MiB`;
export const perSecond = (value: number) => `${value.toFixed(0)}/s`;

export function loadAverage(): string {
  return `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} CPUs`;
}

export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export interface Latency {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

export function latencyOf(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
    count: sorted.length,
  };
}

export const showLatency = (l: Latency) => `p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  max ${ms(l.max)}`;

/** Wall time of one call. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Runs `calls` of each kind one after the other, alternating kinds call by call, so that both
 * see the same moments of a noisy machine. Returns each kind's wall times.
 */
export async function interleaved(
  calls: number,
  kinds: (() => Promise<unknown>)[],
): Promise<number[][]> {
  const times = kinds.map(() => [] as number[]);
  for (let i = 0; i < calls; i++) {
    for (const [k, kind] of kinds.entries()) times[k].push(await timed(kind));
  }
  return times;
}

/**
 * `workers` loops pulling work until `operations` are done; returns operations per second.
 * `operation(i)` gets the operation's number.
 */
export async function throughput(
  workers: number,
  operations: number,
  operation: (index: number, worker: number) => Promise<void>,
): Promise<{ rate: number; seconds: number; latency: Latency }> {
  let next = 0;
  const times: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let index = next++; index < operations; index = next++) {
        times.push(await timed(() => operation(index, worker)));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { rate: operations / seconds, seconds, latency: latencyOf(times) };
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (ms) of a process tree read from /proc; undefined where there is no /proc. */
export function processTreeCpuMs(rootPid: number): number | undefined {
  try {
    const stats = fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((pid) => {
        try {
          const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
          return {
            pid: Number(pid),
            ppid: Number(fields[1]),
            // Own user + system time, and that of children already exited and reaped (a
            // closed connection's backend), which would otherwise vanish from the sum.
            cpu: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
          };
        } catch {
          return undefined;
        }
      })
      .filter((s) => s !== undefined);
    const tree = new Set([rootPid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of stats) {
        if (!tree.has(s.pid) && tree.has(s.ppid)) {
          tree.add(s.pid);
          grew = true;
        }
      }
    }
    return stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.cpu, 0) * CLOCK_TICK_MS;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in bytes, from /proc (undefined elsewhere). */
export function residentBytes(pid: number): number | undefined {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 100 ms for as long as it runs; keeps the highest. */
export class RssWatch {
  peak = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }
  sample(): number | undefined {
    const rss = residentBytes(this.pid);
    if (rss !== undefined && rss > this.peak) this.peak = rss;
    return rss;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** CPU time (ms) spent by each party over a block of work. */
export interface CpuSplit {
  service: number;
  postgres: number;
  bench: number;
}

const benchCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** CPU used by the service and PostgreSQL per call over a block of calls. */
export class CpuMeter {
  constructor(
    private readonly app: () => number | undefined,
    private readonly db: () => number | undefined,
  ) {}

  /** Runs `work` and says how much CPU the service, PostgreSQL and this process spent on it. */
  async split<T>(work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
    const before = [this.app() ?? NaN, this.db() ?? NaN, benchCpuMs()];
    const result = await work();
    const after = [this.app() ?? NaN, this.db() ?? NaN, benchCpuMs()];
    const [service, postgres, bench] = after.map((value, i) => value - before[i]);
    return { result, cpu: { service, postgres, bench } };
  }

  async per(calls: number, work: () => Promise<unknown>): Promise<string> {
    const app0 = this.app();
    const db0 = this.db();
    await work();
    const app1 = this.app();
    const db1 = this.db();
    const show = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? 'n/a' : ms((b - a) / calls);
    return `cpu/call: service ${show(app0, app1)}, postgres ${show(db0, db1)}`;
  }
}
