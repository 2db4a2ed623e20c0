// A worker that runs the real worker entry (src/worker-entry.ts) in this thread, for the tests of the worker engine.
import { expect, vi } from 'vitest';
import type { WorkerLike } from '../src/index.js';

/**
 * Messages go both ways through structuredClone, as postMessage copies them, so the options reach the worker's own
 * engine and its errors come back as the page sees them. A fresh module graph each time: the entry keeps one engine
 * per worker. The caller undoes the stubbed globals (`vi.unstubAllGlobals()` after each test).
 */
export async function loopbackWorker(): Promise<WorkerLike> {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message: unknown) {
      const data = structuredClone(message);
      queueMicrotask(() => entry({ data }));
    },
    terminate() {},
  };
  vi.stubGlobal('postMessage', (reply: unknown) => {
    const data = structuredClone(reply);
    queueMicrotask(() => w.onmessage?.({ data }));
  });
  vi.stubGlobal('onmessage', null);
  vi.resetModules();
  await import('../src/worker-entry.js');
  const entry = (globalThis as unknown as { onmessage: (event: { data: unknown }) => void }).onmessage;
  expect(typeof entry).toBe('function');
  return w;
}
