/**
 * Finds, compiles and instantiates the WASM core (Node and browsers). Two builds of the same source:
 * build/momentum-simd.wasm (f64x2) where `WebAssembly.validate` accepts a SIMD probe, else build/momentum.wasm.
 * The only user of @assemblyscript/loader. Compiled modules are cached; each call makes a fresh instance with its
 * own memory, so engines never share state.
 */
import { checkKeys } from '../check/args.js';

type Loader = typeof import('@assemblyscript/loader');

/** The exports of assembly/index.ts, as the host sees them (byte addresses are numbers). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  fit(cfgPtr: number, statePtr: number, stopAtEpoch: number, stopAtIteration: number): number;
  /** assembly/fit.ts: J and ∇J of the model of the config block at cfgPtr over n rows (the gradient seam). */
  objectiveAndGrad(cfgPtr: number, xPtr: number, yPtr: number, swPtr: number, rowsPtr: number, n: number, paramsPtr: number, gradPtr: number): number;
  /** assembly/lipschitz.ts: λmax(AᵀA/n) by power iteration from the start vector at vPtr; the passes made at itersPtr. */
  powerIteration(xPtr: number, swPtr: number, n: number, d: number, intercept: number, vPtr: number, wPtr: number, maxIter: number, tol: number, itersPtr: number, tilePtr: number): number;
  /** assembly/shards.ts (threads build; a no-op in the others): the engine's thread control block and thread count. */
  setThreads(ctrlPtr: number, threads: number): void;
  /** assembly/shards.ts: a worker's loop (threads build). */
  threadLoop(ctrlPtr: number, id: number): void;
  /** assembly/step.ts: one step of the per-step API over the segment at segmentPtr, out of place. */
  checkedStep(
    settingsPtr: number, statePtr: number, segmentPtr: number, thetaPtr: number, outPtr: number, buf1Ptr: number,
    buf1OutPtr: number, buf2Ptr: number, buf2OutPtr: number, gradPtr: number, lr: number, step: number,
    beta1Pow: number, beta2Pow: number, flags: number,
  ): number;
}

/** What the core imports: nothing (exp, log, log1p are its own, assembly/math.ts; test/math/imports.test.ts). */
const IMPORTS = {};

/** A smallest module using SIMD: (func (result v128) (f64x2.splat (f64.const 0))). */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section
  0x0a, 0x0f, 0x01, 0x0d, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x14, 0x0b, // code: f64.const 0; f64x2.splat
]);

/** True when WebAssembly exists in this environment. */
export function hasWebAssembly(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}

/** True when this engine validates f64x2 SIMD. */
export function hasSimd(): boolean {
  return hasWebAssembly() && WebAssembly.validate(SIMD_PROBE);
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

// ---- Where the core comes from (EngineOptions.wasm) -------------------------------------------------------------

/** The file names of the two builds, as published in the package's build/ folder. */
export const WASM_FILES = { simd: 'momentum-simd.wasm', scalar: 'momentum.wasm' } as const;

/** The keys of `{ simd, scalar }` (EngineOptions.wasm), each naming one of WASM_FILES. */
const WASM_KEYS = ['simd', 'scalar'] as const;

/** Keys users write for a folder, which is given as `wasm` itself rather than inside the object. */
const FOLDER_NOTE = "a folder is given as wasm itself (createEngine({ wasm: '<folder URL>' })); the object takes one build per key";
const WASM_NOTES: Readonly<Record<string, string>> = { url: FOLDER_NOTE, path: FOLDER_NOTE, folder: FOLDER_NOTE, dir: FOLDER_NOTE };

/**
 * The default location: the package's own build/ folder, next to dist/. Written as literal
 * `new URL('…', import.meta.url)` expressions so that bundlers which understand the pattern (Vite, webpack 5, Parcel,
 * Rollup with a plugin) copy the file and rewrite the URL.
 */
function defaultUrl(simd: boolean): URL {
  return simd
    ? new URL('../../build/momentum-simd.wasm', import.meta.url)
    : new URL('../../build/momentum.wasm', import.meta.url);
}

/** What a document or worker resolves relative URLs against (undefined in Node). */
function baseUrl(): string | undefined {
  const g = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return g.document?.baseURI ?? g.location?.href;
}

function isUrlLike(v: unknown): v is { readonly href: string } {
  return typeof v === 'object' && v !== null && typeof (v as { href?: unknown }).href === 'string';
}

function isBytes(v: unknown): v is ArrayBuffer | ArrayBufferView {
  return v instanceof ArrayBuffer || ArrayBuffer.isView(v);
}

function isModule(v: unknown): v is WebAssembly.Module {
  return typeof WebAssembly === 'object' && v instanceof WebAssembly.Module;
}

/** Resolves a URL given as a string (relative to the page, in browsers) or a URL object. */
function toUrl(v: string | { readonly href: string }, what: string): URL {
  const text = typeof v === 'string' ? v : v.href;
  try {
    return new URL(text, baseUrl());
  } catch {
    throw new TypeError(`${what} must be an absolute URL (or, in a browser, one relative to the page), got ${JSON.stringify(text)}`);
  }
}

/** One build as the loader takes it: a URL to fetch (or read, for file: in Node), bytes, or a compiled module. */
type Resolved = URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Validates `EngineOptions.wasm` (undefined: the package's build/ folder) and picks the file of one build.
 * - a string or URL: a folder (URL prefix) holding momentum-simd.wasm and momentum.wasm;
 * - `{ simd, scalar }`: each a URL, the bytes, or a compiled `WebAssembly.Module`; a build left out uses the default.
 * @throws TypeError naming `wasm` (or `wasm.simd` / `wasm.scalar`) and what it accepts; for another key, checkKeys'
 *   `Unknown wasm option "<key>" (did you mean "<nearest>"?); known options: simd, scalar` (a folder's key such as
 *   `url` is told to give the folder as `wasm` itself).
 */
export function resolveWasm(source: unknown, simd: boolean): Resolved {
  if (source === undefined) return defaultUrl(simd);
  if (typeof source === 'string' || isUrlLike(source)) {
    const file = simd ? WASM_FILES.simd : WASM_FILES.scalar;
    const prefix = toUrl(source, 'wasm').href;
    return new URL(file, prefix.endsWith('/') ? prefix : `${prefix}/`);
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source) || isBytes(source) || isModule(source)) {
    throw new TypeError(
      `wasm must be a folder URL (string or URL) holding ${WASM_FILES.simd} and ${WASM_FILES.scalar}, or ` +
      `{ simd, scalar } with each a URL, the bytes or a WebAssembly.Module; got ${describeValue(source)}`,
    );
  }
  checkKeys(source, WASM_KEYS, 'wasm', WASM_NOTES);
  let chosen: Resolved | undefined;
  for (const key of WASM_KEYS) { // both checked, so that a mistake shows whichever build is in use
    const v = (source as Record<string, unknown>)[key];
    const name = key === 'simd' ? WASM_FILES.simd : WASM_FILES.scalar;
    let r: Resolved | undefined;
    if (v === undefined) r = undefined;
    else if (typeof v === 'string' || isUrlLike(v)) r = toUrl(v, `wasm.${key}`);
    else if (isBytes(v) || isModule(v)) r = v;
    else {
      throw new TypeError(`wasm.${key} must be a URL (string or URL), the bytes of ${name} (ArrayBuffer or typed array) or a WebAssembly.Module, got ${describeValue(v)}`);
    }
    if ((key === 'simd') === simd) chosen = r;
  }
  return chosen ?? defaultUrl(simd);
}

/** Where to look when the default location fails: the README section and the option. */
const HINT = 'a bundler that does not copy the package\'s build/*.wasm needs createEngine({ wasm: \'<URL of a folder ' +
  'serving momentum-simd.wasm and momentum.wasm>\' }) (README: "In the browser")';

async function compileBytes(bytes: ArrayBuffer | ArrayBufferView, from: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes as BufferSource);
  } catch (e) {
    throw new Error(`could not compile the WASM core from ${from} (${bytes.byteLength} bytes): ${(e as Error).message}`, { cause: e });
  }
}

async function compileUrl(url: URL, isDefault: boolean): Promise<WebAssembly.Module> {
  const hint = isDefault ? `; ${HINT}` : '';
  if (url.protocol === 'file:' && isNode()) {
    // A variable specifier, ignored by Vite and webpack, keeps bundlers from pulling a Node built-in into the browser path.
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* webpackIgnore: true */ /* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(url);
    } catch (e) {
      throw new Error(`could not read the WASM core from ${url.href}: ${(e as Error).message}${hint}`, { cause: e });
    }
    return compileBytes(bytes, url.href);
  }
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not fetch the WASM core from ${url.href}: ${(e as Error).message}${hint}`, { cause: e });
  }
  if (!response.ok) {
    throw new Error(`could not fetch the WASM core from ${url.href}: HTTP ${response.status} ${response.statusText}${hint}`.trimEnd());
  }
  const type = response.headers.get('content-type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(type)) {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (e) {
      throw new Error(`could not compile the WASM core from ${url.href}: ${(e as Error).message}${hint}`, { cause: e });
    }
  }
  // A server without the application/wasm MIME type: compile from the bytes.
  return compileBytes(await response.arrayBuffer(), url.href);
}

/** Compiled modules by URL (and build), so that engines from the same files compile once per process. */
const modules = new Map<string, Promise<WebAssembly.Module>>();

function compile(source: Resolved, simd: boolean): Promise<WebAssembly.Module> {
  if (!(source instanceof URL)) {
    if (isBytes(source)) return compileBytes(source, `the bytes given as wasm.${simd ? 'simd' : 'scalar'}`);
    return Promise.resolve(source);
  }
  const key = source.href;
  let mod = modules.get(key);
  if (!mod) {
    mod = compileUrl(source, key === defaultUrl(simd).href);
    modules.set(key, mod);
    mod.catch(() => modules.delete(key));
  }
  return mod;
}

/**
 * Instantiates the chosen build from `source` (EngineOptions.wasm; undefined: the package's build/ folder).
 * @throws Error naming the URL (and the HTTP status, or the compile error) when the file cannot be loaded.
 */
export async function loadCore(simd: boolean, source?: unknown): Promise<CoreExports> {
  const module = await compile(resolveWasm(source, simd), simd);
  const loader = await loadLoader();
  if (loader) {
    const { exports } = await loader.instantiate<Record<string, unknown>>(module, IMPORTS as unknown as Parameters<Loader['instantiate']>[1]);
    return exports as unknown as CoreExports;
  }
  // Where the bare specifier cannot be resolved (a module worker of a bundler-free page: import maps do not reach
  // workers), instantiate directly: the core imports nothing and uses none of the loader's helpers.
  const instance = await WebAssembly.instantiate(module, IMPORTS);
  return instance.exports as unknown as CoreExports;
}

/** The threads build (issue 17): shared memory, imported; the f64x2 kernels. */
export const THREADS_FILE = 'momentum-simd-threads.wasm';
/** Pages the threads build's shared memory starts with (its static data fits; the host grows it as it allocates). */
const THREADS_INITIAL_PAGES = 16;

/** What a browser page or worker must send for shared memory (the reason given when it is missing). */
export const NOT_ISOLATED = 'not cross-origin isolated: serve the page with COOP: same-origin and COEP: require-corp';

/**
 * Why threads cannot be used here (null: they can): WebAssembly SIMD, shared memory and Atomics, and workers (Node's
 * worker_threads; elsewhere Web Workers in a cross-origin-isolated page or worker, `globalThis.crossOriginIsolated`).
 */
export function threadsUnavailable(): string | null {
  if (!hasWebAssembly() || !hasSimd()) return 'threads need WebAssembly with SIMD';
  const g = globalThis as { crossOriginIsolated?: unknown; Worker?: unknown };
  if (!isNode() && g.crossOriginIsolated !== true) return NOT_ISOLATED;
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') {
    return 'threads need SharedArrayBuffer and Atomics (in a browser: a cross-origin-isolated page)';
  }
  if (!isNode() && typeof g.Worker !== 'function') return 'threads need Web Workers (the Worker constructor is missing here)';
  return null;
}

/**
 * The threads build over a fresh shared memory: its instance for the calling thread and the compiled module (for
 * the workers). source: undefined (the package's build/ folder) or a folder URL holding THREADS_FILE.
 */
export async function loadThreadedCore(source?: unknown): Promise<{ core: CoreExports; module: WebAssembly.Module }> {
  let url: URL;
  // A literal URL (not built from THREADS_FILE) so that bundlers copy the file, as for the other two builds.
  if (source === undefined) url = new URL('../../build/momentum-simd-threads.wasm', import.meta.url);
  else if (typeof source === 'string' || isUrlLike(source)) {
    const prefix = toUrl(source, 'wasm').href;
    url = new URL(THREADS_FILE, prefix.endsWith('/') ? prefix : `${prefix}/`);
  } else throw new Error(`threads need ${THREADS_FILE}: give wasm as a folder URL, not { simd, scalar }`);
  const key = url.href;
  let mod = modules.get(key);
  if (!mod) {
    mod = compileUrl(url, source === undefined);
    modules.set(key, mod);
    mod.catch(() => modules.delete(key));
  }
  const module = await mod;
  const memory = new WebAssembly.Memory({ initial: THREADS_INITIAL_PAGES, maximum: 65536, shared: true });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return { core: instance.exports as unknown as CoreExports, module };
}

let loaderPromise: Promise<Loader | null> | null = null;

/** @assemblyscript/loader, imported once; null where it cannot be resolved. */
function loadLoader(): Promise<Loader | null> {
  loaderPromise ??= import('@assemblyscript/loader').then((m) => m as Loader, () => null);
  return loaderPromise;
}
