// createEngine({ wasm }): where the WASM core comes from (a folder URL, per-build URLs, bytes or a compiled module),
// errors that name the URL and what went wrong, and backend 'auto' falling back to JS with the reason readable.
import { readFile } from 'node:fs/promises';
import { serveLocal } from './local-server.js';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../src/index.js';
import { hasSimd } from '../src/wasm/load.js';
import type { Engine, EngineOptions } from '../src/types.js';

const buildDir = new URL('../build/', import.meta.url);
const simd = hasSimd();
const file = simd ? 'momentum-simd.wasm' : 'momentum.wasm';
let bytes: Uint8Array;
let stop: () => Promise<void>;
let base: string;

/** A server of build/*.wasm: /good/ with application/wasm, /plain/ as octet-stream, /empty/ with no body, 404 else. */
beforeAll(async () => {
  bytes = await readFile(new URL(file, buildDir));
  ({ base, close: stop } = await serveLocal((req, res) => {
    const path = req.url ?? '/';
    if (path === `/good/${file}`) res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes);
    else if (path === `/plain/${file}`) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    else if (path === `/empty/${file}`) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end();
    else if (path === `/empty-wasm/${file}`) res.writeHead(200, { 'content-type': 'application/wasm' }).end();
    else res.writeHead(404).end('not found');
  }));
});

afterAll(async () => {
  await stop();
});

/** A fit whose doubles the default engine also computes: every weight, the intercept and each loss value. */
function bits(engine: Engine): number[] {
  const data = engine.dataset([[0, 1], [1, 0], [2, 1], [3, 3]], [1, 2, 6, 9]);
  const fit = engine.fit(data, { lr: 0.05, momentum: 0.9, maxIterations: 200 });
  data.dispose();
  return [...fit.weights, fit.intercept, ...fit.loss];
}

function sameBits(a: number[], b: number[]): number[] {
  expect(a).toHaveLength(b.length);
  return a.flatMap((v, i) => (Object.is(v, b[i]) ? [] : [i]));
}

describe('createEngine({ wasm })', () => {
  let reference: number[];
  beforeAll(async () => {
    const engine = await createEngine({ backend: 'wasm' });
    expect(engine.fallbackReason).toBeUndefined();
    reference = bits(engine);
  });

  const sources: [string, () => EngineOptions['wasm']][] = [
    ['a folder as a URL object', () => buildDir],
    ['a folder as a string, without the trailing slash', () => buildDir.href.slice(0, -1)],
    ['an http folder served as application/wasm (compileStreaming)', () => `${base}good/`],
    ['an http folder served as octet-stream (compiled from the bytes)', () => `${base}plain`],
    ['the bytes of the build in use', () => (simd ? { simd: bytes } : { scalar: bytes })],
    ['the bytes as an ArrayBuffer', () => {
      const copy = bytes.slice().buffer;
      return simd ? { simd: copy } : { scalar: copy };
    }],
    ['a compiled WebAssembly.Module', () => {
      const module = new WebAssembly.Module(bytes);
      return simd ? { simd: module } : { scalar: module };
    }],
    ['the per-build URL', () => (simd ? { simd: `${base}good/${file}` } : { scalar: `${base}good/${file}` })],
    ['the other build only (this one from its default place)', () => (simd ? { scalar: 'http://127.0.0.1:1/x.wasm' } : { simd: 'http://127.0.0.1:1/x.wasm' })],
  ];
  it.each(sources)('loads from %s, with the same doubles as the default location', async (_, source) => {
    const engine = await createEngine({ backend: 'wasm', wasm: source() });
    expect([engine.backend, engine.simd, engine.fallbackReason]).toEqual(['wasm', simd, undefined]);
    expect(sameBits(bits(engine), reference)).toEqual([]);
  });

  it("backend 'wasm': a 404 is an Error naming the URL and the status", async () => {
    const url = `${base}missing/${file}`;
    await expect(createEngine({ backend: 'wasm', wasm: `${base}missing/` }))
      .rejects.toThrow(`could not fetch the WASM core from ${url}: HTTP 404 Not Found`);
  });

  it("backend 'wasm': an empty body is an Error naming the URL and the compile error, whatever the MIME type", async () => {
    for (const folder of ['empty', 'empty-wasm']) {
      const error = await createEngine({ backend: 'wasm', wasm: `${base}${folder}/` }).then(() => null, (e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).toContain(`could not compile the WASM core from ${base}${folder}/${file}`);
      expect(error!.message).toMatch(/empty|expected|magic|length/i); // the engine's own words follow
    }
  });

  it("backend 'wasm': a missing file (file: URL) names the URL", async () => {
    const folder = new URL('../no-such-folder/', import.meta.url);
    await expect(createEngine({ backend: 'wasm', wasm: folder }))
      .rejects.toThrow(`could not read the WASM core from ${new URL(file, folder).href}: ENOENT`);
  });

  it("backend 'wasm': bytes that are not a module name the option", async () => {
    const junk = new Uint8Array([1, 2, 3]);
    await expect(createEngine({ backend: 'wasm', wasm: simd ? { simd: junk } : { scalar: junk } }))
      .rejects.toThrow(`could not compile the WASM core from the bytes given as wasm.${simd ? 'simd' : 'scalar'} (3 bytes)`);
  });

  it("backend 'auto' falls back to JS with the reason readable, and gives the same doubles", async () => {
    const engine = await createEngine({ wasm: `${base}missing/` });
    expect(engine.backend).toBe('js');
    expect(engine.fallbackReason).toBe(
      `the WASM core could not be loaded: could not fetch the WASM core from ${base}missing/${file}: HTTP 404 Not Found`,
    );
    expect(sameBits(bits(engine), reference)).toEqual([]);
  });

  it("backend 'auto' without WebAssembly says so in fallbackReason", async () => {
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const engine = await createEngine();
      expect([engine.backend, engine.fallbackReason]).toEqual(['js', 'WebAssembly is not available here']);
    } finally {
      vi.unstubAllGlobals();
    }
    expect((await createEngine({ backend: 'js' })).fallbackReason).toBeUndefined(); // asked for: no fallback
  });

  it("a relative folder in Node (no page to resolve it against) is a TypeError", async () => {
    await expect(createEngine({ wasm: 'assets/' })).rejects.toThrow(
      'wasm must be an absolute URL (or, in a browser, one relative to the page), got "assets/"',
    );
  });

  it.each([
    [42, 'wasm must be a folder URL (string or URL) holding momentum-simd.wasm and momentum.wasm, or { simd, scalar } with each a URL, the bytes or a WebAssembly.Module; got number 42'],
    [null, 'got null'],
    [[], 'got an array'],
    [new Uint8Array(8), 'got an object (Uint8Array)'],
    [{ simd: 42 }, 'wasm.simd must be a URL (string or URL), the bytes of momentum-simd.wasm (ArrayBuffer or typed array) or a WebAssembly.Module, got number 42'],
    [{ scalar: {} }, 'wasm.scalar must be a URL'],
    [{ simdd: 'x' }, 'Unknown wasm option "simdd" (did you mean "simd"?); known options: simd, scalar'],
    [{ Scalar: 'x' }, 'Unknown wasm option "Scalar" (did you mean "scalar"?); known options: simd, scalar'],
    [{ url: 'https://cdn.example/m/' }, 'Unknown wasm option "url": a folder is given as wasm itself ' +
      "(createEngine({ wasm: '<folder URL>' })); the object takes one build per key; known options: simd, scalar"],
  ])('a wasm of the wrong shape is a TypeError, never a fallback: %o', async (wasm, message) => {
    for (const backend of ['auto', 'wasm', 'js'] as const) { // checked even where it would not be used
      const e = await createEngine({ backend, wasm: wasm as EngineOptions['wasm'] }).then(() => null, (x: Error) => x);
      expect(e).toBeInstanceOf(TypeError);
      expect(e!.message).toContain(message);
    }
  });

  it('unknown createEngine options list wasm among the known ones', async () => {
    await expect(createEngine({ wasmPath: 'x' } as EngineOptions)).rejects.toThrow(
      'Unknown createEngine option "wasmPath" (did you mean "wasm"?); known options: backend, simd, wasm',
    );
  });

  it('pathToFileURL folders work as strings too', async () => {
    const engine = await createEngine({ backend: 'wasm', wasm: pathToFileURL(new URL('../build', import.meta.url).pathname).href });
    expect(sameBits(bits(engine), reference)).toEqual([]);
  });
});
