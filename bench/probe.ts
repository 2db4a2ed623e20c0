/**
 * Read-bandwidth probes measured in the same run as the contenders: a plain JS sum over a Float64Array and the
 * hand-assembled WASM f64x2 sum (probe-wasm.ts), each over a buffer far larger than the last-level cache, so
 * they measure DRAM read bandwidth of one core — the roof for the big sizes.
 */
import { instantiateSumProbe } from './probe-wasm.js';
import { sampleSeconds, sink, summarize, warmUp, type TimingBudget } from './measure.js';
import type { RoundProbe } from './suite.js';

/** One probe's result. */
export interface ProbeResult {
  readonly id: string;
  readonly label: string;
  /** Bytes read per second (from the median sample). */
  readonly bytesPerSecond: number;
  readonly rme: number;
}

/** JS sum with four independent accumulators: V8 does not vectorise, so this is the best a JS loop reads. */
function jsSum(a: Float64Array): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const n = a.length - (a.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += a[i]!;
    s1 += a[i + 1]!;
    s2 += a[i + 2]!;
    s3 += a[i + 3]!;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * Measures both probes over `bytes` bytes each (256 MiB by default, ≫ any L3 of this machine's class) and frees
 * the buffers before returning. Each probe also checks its sum so a wrong probe cannot report a fast number.
 */
export function measureReadBandwidth(budget: TimingBudget, bytes = 256 * 2 ** 20): ProbeResult[] {
  const n = Math.floor(bytes / 64) * 8; // a multiple of 8 elements, as the WASM probe reads 64 bytes a step
  const results: ProbeResult[] = [];
  const run = (id: string, label: string, sum: () => number): void => {
    const fn = (): void => {
      const s = sum();
      if (s !== n) throw new Error(`${id}: sum ${s} ≠ ${n}`);
      sink.value += s;
    };
    warmUp(fn, 0.2, 3);
    const stats = summarize(sampleSeconds(fn, budget));
    results.push({ id, label, bytesPerSecond: (8 * n) / stats.median, rme: stats.rme });
  };

  {
    const js = new Float64Array(n).fill(1); // 1.0 everywhere: every partial sum is an exact integer
    run('probe-js', 'JS Float64Array sum (4 accumulators)', () => jsSum(js));
  }
  {
    const probe = instantiateSumProbe(8 * n);
    new Float64Array(probe.memory.buffer, 0, n).fill(1);
    run('probe-wasm', 'WASM f64x2 sum (4 accumulators, hand-assembled)', () => probe.sum(0, n));
  }
  return results;
}

/**
 * The WASM probe as a participant of a size's rounds (suite.ts: RoundProbe): one 256 MiB buffer of ones, summed
 * whole on each run and checked, so that DRAM sizes are compared with bandwidth measured in the same minutes.
 */
export function roundProbe(bytes = 256 * 2 ** 20): RoundProbe {
  const n = Math.floor(bytes / 64) * 8;
  const probe = instantiateSumProbe(8 * n);
  new Float64Array(probe.memory.buffer, 0, n).fill(1);
  return {
    label: `WASM f64x2 sum over ${Math.round((8 * n) / 2 ** 20)} MiB, in the rounds`,
    bytes: 8 * n,
    run(): number {
      const s = probe.sum(0, n);
      if (s !== n) throw new Error(`round probe: sum ${s} ≠ ${n}`);
      return s;
    },
  };
}
