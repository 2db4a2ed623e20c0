/**
 * Finds, compiles and instantiates the WASM core (Node and browsers). Two builds of the same source:
 * build/momentum-simd.wasm (f64x2) where `WebAssembly.validate` accepts a SIMD probe, else build/momentum.wasm.
 * The only user of @assemblyscript/loader. Compiled modules are cached; each call makes a fresh instance with its
 * own memory, so engines never share state.
 */
type Loader = typeof import('@assemblyscript/loader');

/** The exports of assembly/index.ts, as the host sees them (byte addresses are numbers). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  fit(cfgPtr: number, statePtr: number, stopAtEpoch: number, stopAtIteration: number): number;
  objectiveAndGrad(
    model: number, xPtr: number, yPtr: number, rowsPtr: number, n: number, d: number, K: number, paramsPtr: number, gradPtr: number,
    alpha: number, flags: number, scratchPtr: number,
  ): number;
  checkedStep(
    kind: number, thetaPtr: number, outPtr: number, buf1Ptr: number, buf1OutPtr: number, buf2Ptr: number,
    buf2OutPtr: number, gradPtr: number, n: number, lr: number, momentum: number, dampening: number, weightDecay: number, flags: number,
    beta1: number, beta2: number, eps: number, rho: number, lrDecay: number, beta1Pow: number, beta2Pow: number,
    step: number,
  ): number;
  predictRaw(xPtr: number, n: number, d: number, K: number, paramsPtr: number, outPtr: number): void;
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

const modules = new Map<boolean, Promise<WebAssembly.Module>>();

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

async function compile(simd: boolean): Promise<WebAssembly.Module> {
  const url = simd
    ? new URL('../../build/momentum-simd.wasm', import.meta.url)
    : new URL('../../build/momentum.wasm', import.meta.url);
  if (url.protocol === 'file:' && isNode()) {
    // A variable specifier keeps bundlers from pulling a Node built-in into the browser path.
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
    return WebAssembly.compile(await fs.readFile(url));
  }
  const response = fetch(url);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch {
      // A server without the application/wasm MIME type: compile from bytes instead.
    }
  }
  return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
}

/** Instantiates the chosen build (compiled once per process and build). */
export async function loadCore(simd: boolean): Promise<CoreExports> {
  let mod = modules.get(simd);
  if (!mod) {
    mod = compile(simd);
    modules.set(simd, mod);
    mod.catch(() => modules.delete(simd));
  }
  const module = await mod;
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

let loaderPromise: Promise<Loader | null> | null = null;

/** @assemblyscript/loader, imported once; null where it cannot be resolved. */
function loadLoader(): Promise<Loader | null> {
  loaderPromise ??= import('@assemblyscript/loader').then((m) => m as Loader, () => null);
  return loaderPromise;
}
