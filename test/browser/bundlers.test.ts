/**
 * The package in a consumer's bundled app, as a user gets it: `npm pack` (test/consumer/pack.ts), `npm install` of
 * the tarball into a fresh folder, the app of fixtures/bundlers/app.js bundled by esbuild, Vite (build and dev
 * server) and webpack 5 with their defaults, served on 127.0.0.1 and opened in Chromium. Each app fits the README's
 * four points on the page's engine and on a worker engine; the test checks the WASM SIMD build ran in both and gave
 * the doubles Node computes, that install and builds printed nothing (no warning from any bundler), and that no CSV
 * of momentum-gd/datasets landed in a bundle that imports only parseCsv. esbuild leaves
 * `new URL(…, import.meta.url)` alone, so its app says where the files are (`wasm`, `workerUrl`) as the README
 * tells; it also tries the defaults and records what a user sees then (a JS fallback with the reason; errors naming
 * the URLs). The plain page without a bundler is test/browser/plain-page.test.ts.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createLogger, build as viteBuild, createServer as viteServer, type Logger } from 'vite';
import * as esbuild from 'esbuild';
import webpack from 'webpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import { pack, repo, run, runAll } from '../consumer/pack.js';
import { hex } from './page.js';
import { serve } from './serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const FIXTURE = join(repo, 'test/browser/fixtures/bundlers');

type Run = { backend: string; simd: boolean; fallbackReason: string | null; status: string; bits: string[] };
type DataResult = { rows: number; cols: number; malignant: number; first: number[]; missing: string | null };
type Result = { csv: number[][]; engine: Run; worker: Run; defaults?: { auto: Run; wasm: string | null; worker: string | null } };
type Visit = { base: string; result: Result | undefined; error: string | undefined; problems: string[] };

let dir: string;
let installOutput: string;
/** What each bundler printed (warnings and errors), by bundler. */
const printed: Record<string, string[]> = {};
const visits: Record<string, Visit> = {};
/** Files each build wrote, relative to its output folder. */
const outputs: Record<string, string[]> = {};
let expected: string[];
/** fixtures/bundlers/data.html, served from the consumer folder as it is (no bundler). */
let dataVisit: Omit<Visit, 'result'> & { result: DataResult | undefined };

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory()
    ? listFiles(root, join(prefix, e.name)) : Promise.resolve([join(prefix, e.name)]))));
  return nested.flat().sort();
}

async function visit(browser: Browser, base: string, path = ''): Promise<Visit> {
  const page = await browser.newPage();
  try {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(base + path);
    await page.waitForFunction(() => (window as any).__result !== undefined || (window as any).__error !== undefined, null,
      { timeout: 60_000 });
    const [result, error] = await page.evaluate(() => [(window as any).__result, (window as any).__error] as const);
    return { base, result, error, problems };
  } finally {
    await page.close();
  }
}

/** A logger for Vite that records warnings and errors (info lines, the build's file list, are not a problem). */
function recordingLogger(into: string[]): Logger {
  const logger = createLogger('info', { allowClearScreen: false });
  const keep = (msg: string) => into.push(msg.replace(/\x1b\[[0-9;]*m/g, ''));
  logger.warn = keep;
  logger.warnOnce = keep;
  logger.error = keep;
  logger.info = () => {};
  return logger;
}

/** Writes the app and its page into `folder`; `config` becomes window.__config, `script` loads the bundle. */
async function app(folder: string, config: object | null, script: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await cp(join(FIXTURE, 'app.js'), join(folder, 'app.js'));
  const html = (await readFile(join(FIXTURE, 'index.html'), 'utf8'))
    .replace('<!--CONFIG-->', config ? `<script>window.__config = ${JSON.stringify(config)};</script>` : '')
    .replace('<!--SCRIPT-->', script);
  await writeFile(join(folder, 'index.html'), html);
}

async function buildEsbuild(): Promise<string> {
  const folder = join(dir, 'esbuild');
  const out = join(folder, 'out');
  await app(folder, {
    engine: { wasm: './wasm/' },
    worker: { workerUrl: './worker.js', wasm: './wasm/' },
    probeDefaults: true,
  }, '<script type="module" src="./app.js"></script>');
  // The worker entry bundled on its own, and the two WASM builds copied next to the app: README, "In the browser".
  const r = await esbuild.build({
    absWorkingDir: folder, entryPoints: { app: 'app.js', worker: 'momentum-gd/worker' }, bundle: true, format: 'esm',
    outdir: out, target: 'es2022', logLevel: 'silent',
  });
  printed.esbuild = [...r.errors, ...r.warnings].map((m) => m.text);
  await mkdir(join(out, 'wasm'));
  for (const f of ['momentum.wasm', 'momentum-simd.wasm']) await cp(join(dir, 'node_modules/momentum-gd/build', f), join(out, 'wasm', f));
  await cp(join(folder, 'index.html'), join(out, 'index.html'));
  return out;
}

async function buildVite(): Promise<string> {
  const folder = join(dir, 'vite');
  await app(folder, null, '<script type="module" src="./app.js"></script>');
  printed.vite = [];
  await viteBuild({
    root: folder, configFile: false, customLogger: recordingLogger(printed.vite), build: { outDir: 'out', emptyOutDir: true },
  });
  return join(folder, 'out');
}

async function buildWebpack(): Promise<string> {
  const folder = join(dir, 'webpack');
  const out = join(folder, 'out');
  await app(folder, null, '<script src="./main.js"></script>');
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack({ mode: 'production', context: folder, entry: './app.js', output: { path: out, filename: 'main.js' } }, (e, s) => {
      if (e || !s) reject(e ?? new Error('webpack: no stats'));
      else resolve(s);
    });
  });
  const json = stats.toJson({ all: false, warnings: true, errors: true });
  printed.webpack = [...(json.errors ?? []), ...(json.warnings ?? [])].map((w) => w.message);
  await cp(join(folder, 'index.html'), join(out, 'index.html'));
  return out;
}

beforeAll(async () => {
  const packed = await pack();
  dir = packed.dir;
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // --prefer-offline: the one dependency (@assemblyscript/loader) comes from npm's cache, filled by `npm ci`.
  installOutput = runAll('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', packed.tarball], dir, { npm_config_loglevel: 'warn' });

  const folders = { esbuild: await buildEsbuild(), vite: await buildVite(), webpack: await buildWebpack() };
  for (const [name, folder] of Object.entries(folders)) outputs[name] = await listFiles(folder);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    for (const [name, folder] of Object.entries(folders)) {
      const server = await serve(folder);
      try {
        visits[name] = await visit(browser, server.url);
      } finally {
        await server.close();
      }
    }
    await cp(join(FIXTURE, 'data.html'), join(dir, 'data.html'));
    const plain = await serve(dir);
    try {
      dataVisit = (await visit(browser, plain.url, 'data.html')) as unknown as typeof dataVisit;
    } finally {
      await plain.close();
    }
    // Vite's dev server: the package served unbundled from node_modules (pre-bundled by Vite's optimizer).
    printed['vite dev'] = [];
    const dev = await viteServer({
      root: join(dir, 'vite'), configFile: false, customLogger: recordingLogger(printed['vite dev']),
      server: { host: '127.0.0.1', port: 0, strictPort: false }, cacheDir: join(dir, 'vite-cache'),
    });
    await dev.listen();
    try {
      visits['vite dev'] = await visit(browser, dev.resolvedUrls!.local[0]!);
    } finally {
      await dev.close();
    }
  } finally {
    await browser.close();
  }

  const engine = await createEngine({ backend: 'wasm' });
  const data = engine.dataset([[0], [1], [2], [3]], [1, 3, 5, 7]);
  const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500 });
  data.dispose();
  expected = [...fit.weights, fit.intercept, ...fit.loss].map(hex);
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed package in bundled consumer apps', () => {
  it('keeps the WASM cores within their size budget (SIMD ≤ 448 KiB, scalar ≤ 256 KiB; README, "Bundlers")', async () => {
    const { stat } = await import('node:fs/promises');
    expect((await stat(new URL('../../build/momentum-simd.wasm', import.meta.url))).size).toBeLessThanOrEqual(448 * 1024);
    expect((await stat(new URL('../../build/momentum.wasm', import.meta.url))).size).toBeLessThanOrEqual(256 * 1024);
  });

  it('installs without a word from the package', () => {
    expect(installOutput.trim().split('\n').filter((l) => l.trim() !== '')).toEqual([expect.stringMatching(/^added \d+ packages? in /)]);
  });

  describe.each(['esbuild', 'vite', 'vite dev', 'webpack'])('%s', (name) => {
    it('builds without a warning', () => {
      // webpack's performance hint names any asset above 244 KiB: the SIMD core (one generic pass per loss, unrolled
      // over four rows and two lanes: README, "Bundlers") is such an asset by design; its budget is checked below.
      // So is the threads build (the SIMD core over shared memory), which bundlers copy since src/wasm/load.ts names
      // it by a literal URL too (it is fetched only with threads > 1).
      const sizeHint = (m: string) => name === 'webpack' && /^asset size limit: [^]*Assets: (\n\s+[0-9a-f]+\.wasm \(\d+ KiB\)){1,2}$/.test(m);
      expect(printed[name]!.filter((m) => !sizeHint(m))).toEqual([]);
    });

    it('runs the WASM SIMD build on the page and in a worker, with the bits Node computes', () => {
      const v = visits[name]!;
      expect(v.error).toBeUndefined();
      // esbuild's app also tries the defaults, whose files are missing there on purpose (the test below): the 404s
      // of those URLs, Chromium's console line for each and the failed worker script are expected, nothing else.
      const missing = [`${v.base}build/momentum-simd.wasm`, `${v.base}worker-entry.js`];
      const expectedProblem = (p: string) => name === 'esbuild' && (
        missing.some((u) => p === `HTTP 404: ${u}` || p.startsWith(`requestfailed: ${u} `))
        || p === 'console.error: Failed to load resource: the server responded with a status of 404 (Not Found)');
      expect(v.problems.filter((p) => !expectedProblem(p))).toEqual([]);
      if (name === 'esbuild') { // auto and wasm each fetch the SIMD build (a failed compile is not cached), then the worker
        expect(v.problems.filter((p) => p.startsWith('HTTP 404'))).toEqual([missing[0], missing[0], missing[1]].map((u) => `HTTP 404: ${u}`));
      }
      for (const where of ['engine', 'worker'] as const) {
        const r = v.result![where];
        expect([where, r.backend, r.simd, r.fallbackReason, r.status]).toEqual([where, 'wasm', true, null, 'maxIterations']);
        expect(r.bits).toEqual(expected);
      }
      expect(v.result!.csv).toEqual([[1, 2]]);
    });
  });

  it('esbuild without wasm/workerUrl: auto falls back to JS with the reason; wasm and the worker name the missing URL', () => {
    const v = visits.esbuild!;
    const d = v.result!.defaults!;
    const wasmUrl = `${v.base}build/momentum-simd.wasm`;
    expect([d.auto.backend, d.auto.bits]).toEqual(['js', expected]); // the JS backend: the same doubles
    expect(d.auto.fallbackReason).toMatch(new RegExp(`^the WASM core could not be loaded: could not fetch the WASM core from ${wasmUrl}: HTTP 404`));
    expect(d.auto.fallbackReason).toContain('createEngine({ wasm:');
    expect(d.wasm).toMatch(new RegExp(`^Error: could not fetch the WASM core from ${wasmUrl}: HTTP 404`));
    expect(d.worker).toBe(`Error: the worker could not be started from ${v.base}worker-entry.js (a missing file or a script ` +
      'error; a bundler that does not bundle the worker by itself needs createWorkerEngine({ workerUrl }) (README: "In the browser"))');
  });

  it.each(['esbuild', 'vite', 'webpack'])('%s: no CSV in a bundle that imports only parseCsv; the WASM builds are there', (name) => {
    const files = outputs[name]!;
    expect(files.filter((f) => /\.csv$/i.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThanOrEqual(1);
  });

  it('momentum-gd/datasets without a bundler: loadBreastCancer fetches the package\'s CSV; a missing file names its URL', () => {
    const v = dataVisit;
    expect(v.error).toBeUndefined();
    const missing = `${v.base}nope/digits.csv`;
    // 569 × 30, 212 malignant: the UCI description; the first row's first two cells as in data/breast_cancer.csv
    expect(v.result).toEqual({ rows: 569, cols: 30, malignant: 212, first: [17.99, 10.38],
      missing: `Error: loadDigits: could not fetch ${missing}: HTTP 404 Not Found` });
    expect(v.problems.filter((p) => p !== `HTTP 404: ${missing}`
      && p !== 'console.error: Failed to load resource: the server responded with a status of 404 (Not Found)')).toEqual([]);
  });
});
