/**
 * Threads for the WASM core (issue 17): one shared WebAssembly.Memory, the threads build of the core
 * (build/momentum-simd-threads.wasm) instantiated on the calling thread and in T − 1 workers (Node worker_threads,
 * from an inline script: no file to resolve), each worker in the core's `threadLoop` (assembly/shards.ts) waiting
 * for jobs in the engine's control block (src/abi/layout.ts TC_*). A worker that traps has its wrapper set the error
 * flag, so the coordinator stops (it traps too) and the fit ends with {@link ThreadPool.failure}'s Error instead of
 * spinning. {@link ThreadPool.dispose} sets the quit flag and ends the workers; they are unref'd, so a Node process
 * exits without disposing.
 */
import * as L from '../abi/layout.js';
import type { CoreExports } from './load.js';
import type { LinearMemory } from './memory.js';

/** The worker script (CommonJS, `eval: true`): instantiate the module over the shared memory, run threadLoop. */
const WORKER_SCRIPT = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, ctrl, id } = workerData;
try {
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  parentPort.postMessage({ ready: true });
  ex.threadLoop(ctrl, id);
} catch (e) {
  const i32 = new Int32Array(memory.buffer);
  Atomics.store(i32, (ctrl + ${L.TC_ERROR}) >> 2, id);
  Atomics.notify(i32, (ctrl + ${L.TC_DONE}) >> 2);
  parentPort.postMessage({ error: String((e && e.message) || e) });
}
`;

/** Node's Worker, as much of it as is used here. */
interface NodeWorker {
  on(event: 'message', f: (m: { ready?: boolean; error?: string }) => void): unknown;
  on(event: 'error', f: (e: Error) => void): unknown;
  on(event: 'exit', f: () => void): unknown;
  unref(): void;
  terminate(): Promise<number>;
}

let live = 0;
/** Worker threads of every engine that have not exited yet (tests: nothing leaks after dispose). */
export function liveWorkers(): number {
  return live;
}

/** The workers of one engine. */
export interface ThreadPool {
  /** Threads in use, the calling thread included. */
  readonly count: number;
  /** The Error that ended the threads (a worker trapped or exited), or null. */
  failure(): Error | null;
  /** Test only: makes worker `id` trap at its next job. */
  trapAt(id: number): void;
  /** Sets the quit flag, wakes and ends the workers; the core runs its shards on one thread from then on. */
  dispose(): Promise<void>;
}

/**
 * Starts T − 1 workers on `module` (the threads build) over the core's shared memory, and tells the core (the
 * calling thread's instance) to use them. Resolves once every worker has instantiated the module.
 */
export async function startThreads(core: CoreExports, module: WebAssembly.Module, mem: LinearMemory, T: number): Promise<ThreadPool> {
  const workerModule = 'node:worker_threads';
  const { Worker } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ workerModule)) as {
    Worker: new (code: string, options: { eval: true; workerData: unknown }) => NodeWorker;
  };
  const ctrl = mem.alloc(L.TC_SIZE, 'the thread control block');
  const i32 = () => new Int32Array(mem.memory.buffer);
  for (let k = 0; k < L.TC_SIZE; k += 4) Atomics.store(i32(), (ctrl + k) >> 2, 0);
  Atomics.store(i32(), (ctrl + L.TC_THREADS) >> 2, T);
  const workers: NodeWorker[] = [];
  let failed: Error | null = null;
  let disposed = false;
  const ready: Promise<void>[] = [];
  for (let id = 1; id < T; id++) {
    const w = new Worker(WORKER_SCRIPT, { eval: true, workerData: { module, memory: mem.memory, ctrl, id } });
    live++;
    workers.push(w);
    ready.push(new Promise<void>((resolve, reject) => {
      w.on('message', (m) => {
        if (m.ready) resolve();
        if (m.error !== undefined) {
          failed ??= new Error(`momentum-gd: worker thread ${id} of ${T} failed: ${m.error}`);
          reject(failed);
        }
      });
      w.on('error', (e) => {
        failed ??= new Error(`momentum-gd: worker thread ${id} of ${T} failed: ${e.message}`, { cause: e });
        Atomics.store(i32(), (ctrl + L.TC_ERROR) >> 2, id);
        reject(failed);
      });
      w.on('exit', () => {
        live--;
        if (!disposed) {
          failed ??= new Error(`momentum-gd: worker thread ${id} of ${T} exited`);
          Atomics.store(i32(), (ctrl + L.TC_ERROR) >> 2, id);
        }
        reject(failed ?? new Error('worker exited'));
      });
    }));
  }
  const stop = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    core.setThreads(0, 1);
    Atomics.store(i32(), (ctrl + L.TC_QUIT) >> 2, 1);
    Atomics.add(i32(), (ctrl + L.TC_GEN) >> 2, 1);
    Atomics.notify(i32(), (ctrl + L.TC_GEN) >> 2);
    await Promise.all(workers.map((w) => w.terminate()));
  };
  try {
    await Promise.all(ready);
  } catch (e) {
    await stop();
    throw e;
  }
  // Unref'd once running (not before: the ready messages must keep the event loop alive until they arrive).
  for (const w of workers) w.unref();
  core.setThreads(ctrl, T);
  return {
    count: T,
    failure: () => {
      if (failed) return failed;
      const id = Atomics.load(i32(), (ctrl + L.TC_ERROR) >> 2);
      return id === 0 ? null : new Error(`momentum-gd: worker thread ${id} of ${T} trapped during the fit; this engine's threads are stopped`);
    },
    trapAt: (id) => { Atomics.store(i32(), (ctrl + L.TC_TRAP) >> 2, id); },
    dispose: stop,
  };
}
