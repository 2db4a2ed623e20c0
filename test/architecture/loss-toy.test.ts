// Adding a loss takes its kernel file on each side and one registry entry on each side (plus its id), nothing else:
// in a copy of the sources this test adds a toy loss — the squared loss written again under another name, id 31 —
// with exactly those edits, routes objectiveAndGrad to it (the one line that picks the loss of a fit, standing in for
// the config's loss slot), compiles the copy's WASM core with the project's asc, and fits the linear and ridge models
// through the toy on both sides. Every weight, intercept and loss value must be the linear model's (Object.is), on
// WASM SIMD, WASM scalar and JS, for full and shuffled mini-batches, one feature, short and long rows.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import asc from 'assemblyscript/asc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type FitResult } from '../../src/index.js';
import { hasSimd } from '../../src/wasm/load.js';
import { bitsOf } from '../golden/bits.js';
import { mulberry32 } from '../prng.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOY_ID = 31; // above every real loss id (src/abi/layout.ts: LOSS_*)

// The toy kernel, AssemblyScript: assembly/loss/squared.ts under another name (traits and operations alike).
const TOY_AS = `
@unmanaged
export class Toy {
  // @ts-ignore: decorator
  @inline pointwise(): bool { return true; }
  // @ts-ignore: decorator
  @inline twoStreams(): bool { return true; }
  // @ts-ignore: decorator
  @inline twoLanes(): bool { return true; }
  // @ts-ignore: decorator
  @inline costly(): bool { return false; }
  // @ts-ignore: decorator
  @inline rowsInLanes(): bool { return true; }
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 { return z - y; }
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 { return r * r; }
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 { return f64x2.sub(Z, Y); }
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 { return f64x2.mul(R, R); }
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / (2.0 * n); }
}
`;

// Its JS mirror: src/js/loss/squared.ts under another name.
const TOY_JS = `
import type { PointwiseLoss } from './pass.js';
class Toy implements PointwiseLoss {
  readonly pointwise = true as const;
  readonly costly = false;
  readonly twoStreams = true;
  readonly twoLanes = true;
  readonly rowsInLanes = true;
  residual(z: number, y: number): number { return z - y; }
  value(z: number, y: number, r: number): number { return r * r; }
  mean(sum: number, n: number): number { return sum / (2.0 * n); }
}
export const toy = new Toy();
`;

/** Replaces `from` by `to` in a file of the copy, and fails unless it occurred exactly `times` times. */
function edit(file: string, from: string | RegExp, to: string, times = 1): void {
  const text = readFileSync(file, 'utf8');
  const count = (text.match(typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : from) ?? []).length;
  if (count !== times) throw new Error(`${file}: expected ${times} × ${String(from)}, found ${count}`);
  writeFileSync(file, text.replace(typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : from, to));
}

async function compile(dir: string, simd: boolean): Promise<Uint8Array> {
  let wasm: Uint8Array | null = null;
  const { error, stderr } = await asc.main(
    [path.join(dir, 'assembly/index.ts'), '-O3', '--noAssert', '--runtime', 'stub', '--initialMemory', '2',
      ...(simd ? ['--enable', 'simd'] : []), '--outFile', 'toy.wasm'],
    { writeFile: (name: string, contents: Uint8Array | string) => { if (name.endsWith('.wasm')) wasm = contents as Uint8Array; } },
  );
  if (error || wasm === null) throw new Error(`the toy core did not compile: ${error?.message}\n${stderr.toString()}`);
  return wasm;
}

let dir = '';
let toyJs: Engine;
const toyWasm: { name: string; engine: Engine }[] = [];

beforeAll(async () => {
  // Inside the project, so that the copy resolves the project's node_modules.
  dir = mkdtempSync(path.join(ROOT, '.loss-toy-'));
  cpSync(path.join(ROOT, 'assembly'), path.join(dir, 'assembly'), { recursive: true });
  cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
  // 1. The id.
  writeFileSync(path.join(dir, 'src/abi/layout.ts'), readFileSync(path.join(dir, 'src/abi/layout.ts'), 'utf8') + `\nexport const LOSS_TOY = ${TOY_ID};\n`);
  // 2. The kernel file on each side.
  writeFileSync(path.join(dir, 'assembly/loss/toy.ts'), TOY_AS);
  writeFileSync(path.join(dir, 'src/js/loss/toy.ts'), TOY_JS);
  // 3. One registry entry on each side (with its import).
  edit(path.join(dir, 'assembly/loss/registry.ts'), "import { Squared } from './squared';", "import { Squared } from './squared';\nimport { Toy } from './toy';");
  edit(path.join(dir, 'assembly/loss/registry.ts'), 'LOSS_MULTINOMIAL } from', 'LOSS_MULTINOMIAL, LOSS_TOY } from');
  edit(path.join(dir, 'assembly/loss/registry.ts'), '    default: unreachable();',
    '    case LOSS_TOY: return grad<Toy, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);\n    default: unreachable();');
  edit(path.join(dir, 'src/js/loss/registry.ts'), "import { squared } from './squared.js';", "import { squared } from './squared.js';\nimport { toy } from './toy.js';");
  edit(path.join(dir, 'src/js/loss/registry.ts'), '  [L.LOSS_MULTINOMIAL]: multinomial,', '  [L.LOSS_MULTINOMIAL]: multinomial,\n  [L.LOSS_TOY]: toy,');
  // The fit's choice of loss (the config's loss slot): every fit of the copy uses the toy.
  // (each shard's lossSum, two calls in JS, and the combined lossMean).
  edit(path.join(dir, 'assembly/fit.ts'), /lossMean\(\w+,/g, `lossMean(${TOY_ID},`);
  edit(path.join(dir, 'assembly/shards.ts'), 'lossSum(c.loss,', `lossSum(${TOY_ID},`);
  edit(path.join(dir, 'src/js/fit.ts'), /loss(Sum|Mean)\(\w+,/g, `loss$1(${TOY_ID},`, 3);

  const mod = await import(pathToFileURL(path.join(dir, 'src/index.ts')).href) as typeof import('../../src/index.js');
  toyJs = await mod.createEngine({ backend: 'js' });
  const builds = hasSimd() ? [true, false] : [false];
  for (const simd of builds) {
    const bytes = await compile(dir, simd);
    toyWasm.push({
      name: simd ? 'wasm-simd' : 'wasm-scalar',
      engine: await createEngine({ backend: 'wasm', simd, wasm: simd ? { simd: bytes } : { scalar: bytes } }),
    });
  }
}, 300_000); // two asc builds of the copy: ~40 s alone, past 120 s on a loaded 2-core machine

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Fits of the grid: the linear model's settings that reach each path of the pass. */
function grid(): { label: string; X: number[][]; y: number[]; options: Record<string, unknown> }[] {
  const out: { label: string; X: number[][]; y: number[]; options: Record<string, unknown> }[] = [];
  const rnd = mulberry32(13);
  for (const [n, d] of [[43, 1], [50, 5], [37, 17], [41, 40]] as const) {
    const w = Array.from({ length: d }, () => 2 * rnd() - 1);
    const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * rnd() - 1));
    const y = X.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0.5) + 0.1 * (rnd() - 0.5));
    const common = { lr: 0.05, momentum: 0.9, maxIterations: 60 };
    out.push({ label: `linear ${n}×${d} full batch`, X, y, options: { ...common, model: 'linear' } });
    out.push({ label: `ridge ${n}×${d} shuffled mini-batches of 7`, X, y, options: { ...common, model: 'ridge', alpha: 0.1, batchSize: 7, shuffle: true, seed: 3 } });
    out.push({ label: `linear ${n}×${d} Adam, no intercept`, X, y, options: { lr: 0.05, maxIterations: 60, model: 'linear', optimizer: 'adam', fitIntercept: false } });
  }
  return out;
}

describe('a loss added through the registry alone', () => {
  it('the toy squared loss gives the linear model\'s doubles on JS, WASM SIMD and WASM scalar', async () => {
    const engines = { js: await createEngine({ backend: 'js' }), wasm: [] as { name: string; engine: Engine }[] };
    for (const { name } of toyWasm) engines.wasm.push({ name, engine: await createEngine({ backend: 'wasm', simd: name === 'wasm-simd' }) });
    const pairs: [string, Engine, Engine][] = [['js', engines.js, toyJs], ...toyWasm.map(({ name, engine }, k) => [name, engines.wasm[k]!.engine, engine] as [string, Engine, Engine])];
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    for (const { label, X, y, options } of grid()) {
      for (const [name, real, toy] of pairs) {
        const fitWith = (e: Engine): FitResult => e.fit(e.dataset(X, y), options as never);
        const want = fitWith(real), got = fitWith(toy);
        expect(want.loss.length, label).toBeGreaterThan(10);
        expect(bitsOf(got), `${label} [${name}]`).toEqual(bitsOf(want));
      }
    }
  });
});
