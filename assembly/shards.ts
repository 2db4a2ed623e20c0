// Shards and threads (issue 17). A batch of n rows is summed over shardCount(n) shards of rows (src/abi/layout.ts:
// SHARD_ROWS), each shard's raw sums into a partial of its own, combined in shard order by the caller
// (assembly/fit.ts: objectiveAndGrad). In the threads build (ASC_FEATURE_THREADS: shared memory, the host's workers,
// src/wasm/threads.ts) the shards run on T threads: the calling thread (the coordinator, id 0) writes the job into
// the engine's control block (TC_*), bumps its generation and wakes the workers (ids 1 … T − 1, each in threadLoop
// on its own instance of the module), runs its own shards, then spins until every worker is done (a page's main
// thread may not wait). Thread id takes the contiguous block of shards [⌊id·S/T⌋, ⌊(id + 1)·S/T⌋); the combination
// is in shard order whatever the assignment, so the doubles do not depend on T.
import { setXTile } from './reduce';
import { lossSum } from './loss/registry';
import { Config } from './config';
import {
  SHARD_ROWS, SHARD_MAX, SHARD_ALIGN, THREAD_MIN_ROWS, TC_GEN, TC_DONE, TC_QUIT, TC_ERROR, TC_THREADS, TC_TRAP, TC_JOB,
} from '../src/abi/layout';

/** Shards of a batch of n rows: clamp(⌊n / SHARD_ROWS⌋, 1, SHARD_MAX) (src/abi/layout.ts; src/js/fit.ts). */
export function shardCount(n: i32): i32 {
  const S = n / SHARD_ROWS;
  return S < 1 ? 1 : S > SHARD_MAX ? SHARD_MAX : S;
}

/** First row of shard s of S over n rows: SHARD_ALIGN·⌊s·⌊n / SHARD_ALIGN⌋ / S⌋, and n for s = S. */
export function shardStart(s: i32, n: i32, S: i32): i32 {
  if (s >= S) return n;
  return <i32>((<i64>s * <i64>(n / SHARD_ALIGN)) / <i64>S) * SHARD_ALIGN;
}

/**
 * Shard s of the batch (x, y, row weights sw, row order rows (0: in order), n rows) at θ: its raw gradient sums into
 * g (p = K·d + K doubles) and its raw loss sum returned, with the kernels' 4·K scratch doubles at scratch and
 * float32 storage's tile at tile (0: f64 X).
 */
export function shardSum(
  c: Config, xPtr: usize, yPtr: usize, swPtr: usize, rowsPtr: usize, n: i32, paramsPtr: usize, s: i32, S: i32,
  g: usize, scratch: usize, tile: usize,
): f64 {
  const d = c.cols, K = c.outputs;
  const a = shardStart(s, n, S), rows = shardStart(s + 1, n, S) - a;
  const rowBytes = <usize>d << (tile != 0 ? 2 : 3);
  // A shuffled batch: positions [a, a + rows) of its row order; an ordered one: its rows from a on.
  const xs = rowsPtr != 0 ? xPtr : xPtr + <usize>a * rowBytes;
  const ys = rowsPtr != 0 ? yPtr : yPtr + (<usize>a << 3);
  const ws = rowsPtr != 0 || swPtr == 0 ? swPtr : swPtr + (<usize>a << 3);
  const rs = rowsPtr != 0 ? rowsPtr + (<usize>a << 2) : 0;
  setXTile(tile, rows);
  const sum = lossSum(c.loss, xs, ys, ws, rs, rows, d, K, paramsPtr, paramsPtr + (<usize>(K * d) << 3), g, scratch, c.lossEpsilon);
  setXTile(0);
  return sum;
}

// The coordinator's control block (setThreads; 0: one thread) and thread count.
let control: usize = 0;
let threads: i32 = 1;

/** Host: the engine's control block (src/abi/layout.ts TC_*) and its thread count T ≥ 1 (1: no workers). */
export function setThreads(ctrl: usize, T: i32): void {
  control = ctrl;
  threads = T;
}

/**
 * Whether objectiveAndGrad should run the shards of a batch of n rows (S shards) on the workers: with workers, a
 * workspace for the partials, and n ≥ THREAD_MIN_ROWS (below it a worker's wake-up costs more than it saves).
 */
// @ts-ignore: decorator
@inline
export function threaded(c: Config, S: i32, n: i32): bool {
  return ASC_FEATURE_THREADS && threads > 1 && S > 1 && n >= THREAD_MIN_ROWS && c.partialsPtr != 0;
}

/** Thread id's shards of the job into the partials (c.partialsPtr: shard s's sums at s·p, then the loss sums). */
function runShards(
  cfg: usize, xPtr: usize, yPtr: usize, swPtr: usize, rowsPtr: usize, n: i32, paramsPtr: usize, id: i32, T: i32,
): void {
  const c = changetype<Config>(cfg);
  const p = c.outputs * c.cols + c.outputs;
  const S = shardCount(n);
  const from = <i32>((<i64>id * S) / T), to = <i32>((<i64>(id + 1) * S) / T);
  const scratch = id == 0 ? c.scratchPtr : c.threadScratchPtr + <usize>(id - 1) * c.threadScratchStride;
  const tile: usize = c.xTilePtr == 0 ? <usize>0 : id == 0 ? c.xTilePtr : c.threadTilePtr + <usize>(id - 1) * c.threadTileStride;
  const partials = c.partialsPtr, sums = partials + (<usize>(SHARD_MAX * p) << 3);
  for (let s = from; s < to; s++) {
    const sum = shardSum(c, xPtr, yPtr, swPtr, rowsPtr, n, paramsPtr, s, S, partials + (<usize>(s * p) << 3), scratch, tile);
    store<f64>(sums + (<usize>s << 3), sum);
  }
}

/**
 * The coordinator: the shards of the batch on every thread, into the partials; returns when all are done (traps
 * when a worker has set the error flag: the host reports its error).
 */
export function runThreaded(
  cfg: usize, xPtr: usize, yPtr: usize, swPtr: usize, rowsPtr: usize, n: i32, paramsPtr: usize,
): void {
  if (!ASC_FEATURE_THREADS) return;
  const ctl = control, T = threads;
  const job = ctl + TC_JOB;
  store<f64>(job, <f64>cfg);
  store<f64>(job + 8, <f64>xPtr);
  store<f64>(job + 16, <f64>yPtr);
  store<f64>(job + 24, <f64>swPtr);
  store<f64>(job + 32, <f64>rowsPtr);
  store<f64>(job + 40, <f64>n);
  store<f64>(job + 48, <f64>paramsPtr);
  atomic.store<i32>(ctl + TC_DONE, 0);
  atomic.add<i32>(ctl + TC_GEN, 1);
  atomic.notify(ctl + TC_GEN, T - 1);
  runShards(cfg, xPtr, yPtr, swPtr, rowsPtr, n, paramsPtr, 0, T);
  while (atomic.load<i32>(ctl + TC_DONE) < T - 1) {
    if (atomic.load<i32>(ctl + TC_ERROR) != 0) unreachable();
  }
}

/**
 * A worker's loop (thread id ≥ 1 of the control block at ctrl): waits for a new job generation, runs its shards,
 * counts itself done; returns when the quit flag is set. Called once by the worker's wrapper (src/wasm/threads.ts).
 */
export function threadLoop(ctrl: usize, id: i32): void {
  if (!ASC_FEATURE_THREADS) return;
  let last = 0;
  while (true) {
    atomic.wait<i32>(ctrl + TC_GEN, last, -1);
    if (atomic.load<i32>(ctrl + TC_QUIT) != 0) return;
    const gen = atomic.load<i32>(ctrl + TC_GEN);
    if (gen == last) continue;
    last = gen;
    // Test hook: the worker named by TC_TRAP traps (its wrapper sets the error flag).
    if (atomic.load<i32>(ctrl + TC_TRAP) == id) unreachable();
    const job = ctrl + TC_JOB;
    runShards(
      <usize>load<f64>(job), <usize>load<f64>(job + 8), <usize>load<f64>(job + 16), <usize>load<f64>(job + 24),
      <usize>load<f64>(job + 32), <i32>load<f64>(job + 40), <usize>load<f64>(job + 48), id,
      atomic.load<i32>(ctrl + TC_THREADS),
    );
    atomic.add<i32>(ctrl + TC_DONE, 1);
  }
}
