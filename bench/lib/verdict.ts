import { log } from './measure';

/** One target of issue #14 (or an earlier one): the figure, its direct-SQL baseline, the verdict. */
export interface Verdict {
  name: string;
  /** The service's figure, e.g. `301/s` or `p95 12.0 ms`. */
  figure: string;
  /** The same work done directly with node-postgres in the same run. */
  baseline: string;
  /** How the figure compares with the baseline, e.g. `0.79 of node-postgres`. */
  comparison: string;
  target: string;
  pass: boolean;
}

export function printVerdicts(verdicts: readonly Verdict[]): void {
  const width = (pick: (v: Verdict) => string) => Math.max(...verdicts.map((v) => pick(v).length));
  const [name, figure, baseline, comparison] = [
    width((v) => v.name),
    width((v) => v.figure),
    width((v) => v.baseline),
    width((v) => v.comparison),
  ];
  for (const v of verdicts) {
    log(
      `${v.pass ? 'PASS' : 'FAIL'}  ${v.name.padEnd(name)}  ${v.figure.padEnd(figure)}  ` +
        `baseline ${v.baseline.padEnd(baseline)}  ${v.comparison.padEnd(comparison)}  target ${v.target}`,
    );
  }
}
