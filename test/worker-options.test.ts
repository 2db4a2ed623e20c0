// createWorkerEngine's own options, in Node with a stand-in worker (the real one runs in Chromium:
// test/browser/worker.test.ts, bundlers.test.ts): validation before anything starts, `wasm` URLs made absolute
// against the page before they reach the worker, and the worker engine's backend, simd and fallbackReason as the
// worker reports them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerEngine, type WorkerEngineOptions, type WorkerLike } from '../src/worker.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The worker engine's methods called with arguments their types refuse. */
type Loose = { dataset(...a: unknown[]): Promise<unknown>; fit(...a: unknown[]): Promise<unknown> };

/** A worker that answers `init` with `reply` and records what it was sent. */
function fakeWorker(reply: object): WorkerLike & { sent: unknown[]; terminated: boolean } {
  const w = {
    sent: [] as unknown[],
    terminated: false,
    onmessage: null as ((event: unknown) => void) | null,
    onerror: null as ((event: unknown) => void) | null,
    postMessage(message: { id: number; type: string }) {
      w.sent.push(message);
      if (message.type === 'init') queueMicrotask(() => w.onmessage?.({ data: { id: message.id, ok: true, value: reply } }));
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

describe('createWorkerEngine options', () => {
  it('sends wasm URLs made absolute against the page, and bytes as they are', async () => {
    vi.stubGlobal('location', { href: 'https://app.example/sub/page.html' });
    const bytes = new Uint8Array([0, 97, 115, 109]);
    const cases: [WorkerEngineOptions['wasm'], unknown][] = [
      ['/wasm/', 'https://app.example/wasm/'],
      ['assets/', 'https://app.example/sub/assets/'],
      [new URL('https://cdn.example/m/'), 'https://cdn.example/m/'],
      [{ simd: 'a.wasm', scalar: bytes }, { simd: 'https://app.example/sub/a.wasm', scalar: bytes }],
    ];
    for (const [wasm, sent] of cases) {
      const worker = fakeWorker({ backend: 'wasm', simd: true });
      await createWorkerEngine({ worker, wasm, simd: true });
      expect(worker.sent).toEqual([{ type: 'init', id: 1, options: { wasm: sent, simd: true } }]);
    }
  });

  it("reports the worker engine's backend and fallback reason", async () => {
    const reason = 'the WASM core could not be loaded: could not fetch the WASM core from https://x/m.wasm: HTTP 404 Not Found';
    const engine = await createWorkerEngine({ worker: fakeWorker({ backend: 'js', simd: false, fallbackReason: reason }) });
    expect([engine.backend, engine.simd, engine.fallbackReason]).toEqual(['js', false, reason]);
    const wasm = await createWorkerEngine({ worker: fakeWorker({ backend: 'wasm', simd: true }) });
    expect([wasm.backend, wasm.simd, wasm.fallbackReason]).toEqual(['wasm', true, undefined]);
  });

  it('names a worker that fails to start, and its URL', async () => {
    class FailingWorker {
      onmessage: unknown = null;
      onerror: ((e: unknown) => void) | null = null;
      constructor(readonly url: string) {
        queueMicrotask(() => this.onerror?.({ message: '', preventDefault() {} }));
      }
      postMessage() {}
      terminate() {}
    }
    vi.stubGlobal('Worker', FailingWorker);
    vi.stubGlobal('location', { href: 'https://app.example/' });
    await expect(createWorkerEngine({ workerUrl: '/w.js' })).rejects.toThrow(
      'the worker could not be started from https://app.example/w.js (a missing file or a script error; a bundler ' +
      'that does not bundle the worker by itself needs createWorkerEngine({ workerUrl }) (README: "In the browser"))',
    );
  });

  it.each([
    [{ workers: 1 }, TypeError, 'Unknown createWorkerEngine option "workers" (did you mean "worker"?); known options: backend, simd, wasm, worker, workerUrl'],
    [{ worker: 'a fake' as unknown, workerUrl: '/w.js' }, TypeError, 'worker and workerUrl: give one (a running worker, or the URL to start one from), not both'],
    [{ worker: 'w.js' }, TypeError, 'worker must be a Worker running momentum-gd/worker, got "w.js" (string)'],
    [{ workerUrl: 42 }, TypeError, 'workerUrl must be a URL (string or URL), got 42'],
    [null, TypeError, 'options must be an object, got null'],
  ])('refuses %o before starting anything', async (options, type, message) => {
    vi.stubGlobal('Worker', class {
      constructor() {
        throw new Error('no worker should start');
      }
    });
    const e = await createWorkerEngine(options as WorkerEngineOptions).then(() => null, (x: Error) => x);
    expect(e).toBeInstanceOf(type);
    expect(e!.message).toBe(message);
  });

  it('refuses an extra argument before starting anything', async () => {
    const worker = fakeWorker({ backend: 'wasm', simd: true });
    const call = createWorkerEngine as (...args: unknown[]) => Promise<unknown>;
    await expect(call({ worker }, { threads: 2 })).rejects.toThrow(
      'createWorkerEngine(options) takes 1 argument, got 2: argument 2 ([object Object] with "threads") is not used; remove it',
    );
    expect(worker.sent).toEqual([]);
  });

  it.each([
    ['dataset options', (e: Loose) => e.dataset([[1]], [1], { weights: [1] }),
      'Unknown worker engine.dataset option "weights"; known options: transfer, sampleWeight, dtype'],
    ['dataset transfer', (e: Loose) => e.dataset([[1]], [1], { transfer: 'yes' }), 'transfer must be a boolean, got "yes" (string)'],
    ['dataset extra argument', (e: Loose) => e.dataset([[1]], [1], {}, 4),
      'engine.dataset(X, y, options) takes 3 arguments, got 4: argument 4 (4) is not used; remove it'],
    ['fit control', (e: Loose) => e.fit(null, { lr: 1 }, { sigal: null }),
      'Unknown worker fit control option "sigal" (did you mean "signal"?); known options: signal'],
    ['fit extra argument', (e: Loose) => e.fit(null, { lr: 1 }, {}, 4),
      'engine.fit(data, options, control) takes 3 arguments, got 4: argument 4 (4) is not used; remove it'],
  ])('the worker engine refuses unknown %s before posting anything', async (_, call, message) => {
    const worker = fakeWorker({ backend: 'wasm', simd: true });
    const engine = await createWorkerEngine({ worker });
    const e = await call(engine as unknown as Loose).then(() => null, (x: Error) => x);
    expect(e).toBeInstanceOf(TypeError);
    expect(e!.message).toBe(message);
    expect(worker.sent).toHaveLength(1); // init only
  });

  it('without Worker (Node) says it needs Web Workers', async () => {
    await expect(createWorkerEngine()).rejects.toThrow('createWorkerEngine needs Web Workers (a browser)');
  });
});
