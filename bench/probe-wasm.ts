/**
 * A hand-assembled WebAssembly module with one export, `sum(ptr: i32, n: i32) → f64`: the sum of n f64 values
 * at byte address ptr, read with v128 loads into four independent f64x2 accumulators (n a multiple of 8).
 * It is the WASM read-bandwidth roof that the engine's kernels are compared with. Built from bytes so that the
 * bench needs no compiler at run time; the memory is imported so the host can size and fill it.
 */

/** Unsigned LEB128, as the binary format encodes sizes, indices and memarg fields. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 for `i32.const` immediates. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const utf8 = (s: string): number[] => [...uleb(s.length), ...new TextEncoder().encode(s)];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

// Opcodes used below (WebAssembly core spec §5.4, SIMD proposal for the 0xfd prefix).
const LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22, I32_CONST = 0x41;
const I32_ADD = 0x6a, I32_SHL = 0x74, I32_GE_U = 0x4f, I32_LT_U = 0x49, F64_ADD = 0xa0;
const BLOCK = 0x02, LOOP = 0x03, BR_IF = 0x0d, END = 0x0b, VOID = 0x40;
const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const v128Load = (offset: number): number[] => [0xfd, 0x00, 4, ...uleb(offset)]; // align 2^4 = 16 bytes
const F64X2_ADD = [0xfd, ...uleb(0xf0)];
const f64x2ExtractLane = (lane: number): number[] => [0xfd, 0x21, lane];

// Locals: 0 ptr, 1 n (params), 2…5 the four accumulators, 6 end pointer.
const P = 0, N = 1, A = [2, 3, 4, 5] as const, E = 6;

function body(): number[] {
  const code: number[] = [
    LOCAL_GET, P, LOCAL_GET, N, I32_CONST, 3, I32_SHL, I32_ADD, LOCAL_SET, E,
    BLOCK, VOID,
    LOCAL_GET, P, LOCAL_GET, E, I32_GE_U, BR_IF, 0,
    LOOP, VOID,
  ];
  A.forEach((acc, k) => code.push(LOCAL_GET, acc, LOCAL_GET, P, ...v128Load(16 * k), ...F64X2_ADD, LOCAL_SET, acc));
  code.push(
    LOCAL_GET, P, I32_CONST, ...sleb(64), I32_ADD, LOCAL_TEE, P, LOCAL_GET, E, I32_LT_U, BR_IF, 0,
    END, // loop
    END, // block
    LOCAL_GET, A[0], LOCAL_GET, A[1], ...F64X2_ADD, LOCAL_GET, A[2], LOCAL_GET, A[3], ...F64X2_ADD, ...F64X2_ADD,
    LOCAL_TEE, A[0], ...f64x2ExtractLane(0), LOCAL_GET, A[0], ...f64x2ExtractLane(1), F64_ADD,
    END,
  );
  const locals = [2, 4, V128, 1, I32]; // two declarations: 4 × v128, 1 × i32
  const fn = [...locals, ...code];
  return [...uleb(fn.length), ...fn];
}

/**
 * The module's bytes. shared: the imported memory is a shared one (limits flag 3: min 1, max 65 536 pages), for the
 * two-thread probe (bench/threads.ts), which needs the threads feature of the engine that compiles it.
 */
export function sumProbeBytes(shared = false): Uint8Array<ArrayBuffer> {
  const limits = shared ? [0x03, 1, ...uleb(65536)] : [0x00, 1];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [1, 0x60, 2, I32, I32, 1, F64]), // type 0: (i32, i32) → f64
    ...section(2, [1, ...utf8('env'), ...utf8('memory'), 0x02, ...limits]), // import env.memory, min 1 page
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(7, [1, ...utf8('sum'), 0x00, 0]), // export "sum" = function 0
    ...section(10, [1, ...body()]),
  ];
  return new Uint8Array(bytes);
}

/** The instantiated probe over a memory of at least `bytes` bytes. */
export interface WasmSumProbe {
  readonly memory: WebAssembly.Memory;
  sum(ptr: number, n: number): number;
}

/** Compiles the probe and gives it a fresh memory of `bytes` bytes (rounded up to 64 KiB pages). */
export function instantiateSumProbe(bytes: number): WasmSumProbe {
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const module = new WebAssembly.Module(sumProbeBytes());
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const sum = instance.exports['sum'] as (ptr: number, n: number) => number;
  return { memory, sum };
}
