/**
 * Threads for the WASM core (issue 17): one shared WebAssembly.Memory, the threads build of the core
 * (build/momentum-simd-threads.wasm) instantiated on the calling thread and in T − 1 workers, each worker in the
 * core's `threadLoop` (assembly/shards.ts) waiting for jobs in the engine's control block (src/abi/layout.ts TC_*).
 * In Node the workers are `worker_threads` from an inline script (no file to resolve); elsewhere (a cross-origin-
 * isolated page or worker) Web Workers from a Blob URL of the same script, which receive the module and the shared
 * memory by postMessage. The calling thread spins while they work (a page's main thread may not Atomics.wait).
 * A worker that traps has its wrapper set the error flag, so the coordinator stops (it traps too) and the fit ends
 * with {@link ThreadPool.failure}'s Error instead of spinning. {@link ThreadPool.dispose} sets the quit flag and ends
 * the workers (Worker.terminate); Node's are unref'd, so a Node process exits without disposing.
 */
import * as L from '../abi/layout.js';
import type { CoreExports } from './load.js';
import type { LinearMemory } from './memory.js';

/** The worker's body, given { module, memory, ctrl, id }: instantiate the module over the shared memory, run threadLoop. */
const RUN = `
  try {
    const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
    post({ ready: true });
    ex.threadLoop(ctrl, id);
  } catch (e) {
    const i32 = new Int32Array(memory.buffer);
    Atomics.store(i32, (ctrl + ${L.TC_ERROR}) >> 2, id);
    Atomics.notify(i32, (ctrl + ${L.TC_DONE}) >> 2);
    post({ error: String((e && e.message) || e) });
  }
`;

/** Node's worker script (CommonJS, `eval: true`): the job arrives as workerData. */
const NODE_SCRIPT = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, ctrl, id } = workerData;
const post = (m) => parentPort.postMessage(m);
${RUN}`;

/** The Web Worker's script (classic, from a Blob URL): the job arrives as the first message. */
const WEB_SCRIPT = `
self.onmessage = (event) => {
  self.onmessage = null;
  const { module, memory, ctrl, id } = event.data;
  const post = (m) => self.postMessage(m);
  ${RUN}
};
`;

/** Node's Worker, as much of it as is used here. */
interface NodeWorker {
  on(event: 'message', f: (m: { ready?: boolean; error?: string }) => void): unknown;
  on(event: 'error', f: (e: Error) => void): unknown;
  on(event: 'exit', f: () => void): unknown;
  unref(): void;
  terminate(): Promise<number>;
}

/** A Web Worker, as much of it as is used here. */
interface WebWorker {
  onmessage: ((event: { data: { ready?: boolean; error?: string } }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

/** One started worker: events in, terminate out (Node's and the Web's behind one shape). */
interface Started {
  terminate(): Promise<void>;
  unref(): void;
}

/** What a started worker reports to the pool. */
interface Events {
  ready(): void;
  error(message: string, cause?: unknown): void;
  exit(): void;
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
  const spawn = isNode() ? await nodeSpawner() : webSpawner();
  const ctrl = mem.alloc(L.TC_SIZE, 'the thread control block');
  const i32 = () => new Int32Array(mem.memory.buffer);
  for (let k = 0; k < L.TC_SIZE; k += 4) Atomics.store(i32(), (ctrl + k) >> 2, 0);
  Atomics.store(i32(), (ctrl + L.TC_THREADS) >> 2, T);
  const workers: Started[] = [];
  let failed: Error | null = null;
  let disposed = false;
  const ready: Promise<void>[] = [];
  for (let id = 1; id < T; id++) {
    ready.push(new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => {
        failed ??= e;
        Atomics.store(i32(), (ctrl + L.TC_ERROR) >> 2, id);
        reject(failed);
      };
      try {
        workers.push(spawn({ module, memory: mem.memory, ctrl, id }, {
          ready: resolve,
          error: (message, cause) => fail(new Error(`momentum-gd: worker thread ${id} of ${T} failed: ${message}`, { cause })),
          exit: () => {
            if (!disposed) fail(new Error(`momentum-gd: worker thread ${id} of ${T} exited`));
            reject(failed ?? new Error('worker exited'));
          },
        }));
      } catch (e) {
        // e.g. a Content-Security-Policy without worker-src blob: (some browsers throw at construction)
        fail(new Error(`momentum-gd: worker thread ${id} of ${T} could not be started: ${(e as Error).message}`, { cause: e }));
      }
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
  } finally {
    spawn.release?.();
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

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** What each worker is sent: the threads build, the shared memory, the control block and its thread id. */
interface Job { module: WebAssembly.Module; memory: WebAssembly.Memory; ctrl: number; id: number }

/** Starts one worker; `release` (when there) frees what the starts shared once every worker is ready or failed. */
type Spawner = ((job: Job, on: Events) => Started) & { release?(): void };

/** Node: worker_threads from NODE_SCRIPT. */
async function nodeSpawner(): Promise<Spawner> {
  const workerModule = 'node:worker_threads';
  const { Worker } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ workerModule)) as {
    Worker: new (code: string, options: { eval: true; workerData: unknown }) => NodeWorker;
  };
  return (job, on) => {
    const w = new Worker(NODE_SCRIPT, { eval: true, workerData: job });
    live++;
    w.on('message', (m) => {
      if (m.ready) on.ready();
      if (m.error !== undefined) on.error(m.error);
    });
    w.on('error', (e) => on.error(e.message, e));
    w.on('exit', () => {
      live--;
      on.exit();
    });
    return { terminate: async () => { await w.terminate(); }, unref: () => w.unref() };
  };
}

/**
 * Browsers (and other hosts with Web Workers): classic workers from one Blob URL of WEB_SCRIPT, revoked once every
 * worker of the pool is ready (or has failed). A Content-Security-Policy that forbids blob: workers makes the
 * constructor throw or the worker fire `error` before it is ready: either rejects the pool's start.
 */
function webSpawner(): Spawner {
  const g = globalThis as unknown as {
    Worker: new (url: string, options?: { name?: string }) => WebWorker;
    Blob: new (parts: string[], options: { type: string }) => unknown;
    URL: { createObjectURL(b: unknown): string; revokeObjectURL(u: string): void };
  };
  let url: string | null = null;
  const spawn: Spawner = (job, on) => {
    url ??= g.URL.createObjectURL(new g.Blob([WEB_SCRIPT], { type: 'text/javascript' }));
    const w = new g.Worker(url, { name: `momentum-gd thread ${job.id}` });
    live++;
    let ended = false;
    w.onmessage = (event) => {
      const m = event.data;
      if (m.ready) on.ready();
      if (m.error !== undefined) on.error(m.error);
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      on.error(event.message || 'the worker could not be started (a Content-Security-Policy without worker-src blob:?)');
    };
    w.postMessage(job);
    return {
      terminate: async () => {
        if (ended) return;
        ended = true;
        w.terminate();
        live--;
        on.exit();
      },
      unref: () => {},
    };
  };
  spawn.release = () => {
    if (url !== null) g.URL.revokeObjectURL(url);
    url = null;
  };
  return spawn;
}
