/**
 * The published ESM in a plain static page: no bundler, only `<script type="module">` and an import map. The
 * package is built as published (tsc -p tsconfig.build.json → dist/, `npm run test:browser` has built build/*.wasm),
 * laid out in a temporary directory as a user who copied it would serve it (node_modules/momentum-gd/{dist,build},
 * the real node_modules/@assemblyscript/loader, test/browser/fixtures/plain-page/index.html), served on 127.0.0.1 and
 * opened in Chromium. The page fits the README's four-point example; the test checks the WASM SIMD build ran,
 * that the fit is the one Node computes bit for bit, and that the page asked for nothing but files of that directory
 * (no node: URL, no second fetch of the .wasm, i.e. compileStreaming took the application/wasm response).
 * fixtures/plain-page/worker.html tries createWorkerEngine the same way: a known library bug (see the last tests).
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.js';
import { hex, repo } from './page.js';
import { serve } from './serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const FIXTURE = join(repo, 'test/browser/fixtures/plain-page');

type PageFit = {
  backend: string; simd: boolean; weights: number[]; intercept: number; loss: number[]; status: string;
  iterations: number; hex: string[];
};

/** What a page did: its result (window.__result) or error (window.__error), every request with its response, and
 * what went wrong (console errors and warnings, page errors, failed requests, HTTP errors). */
type Visit = {
  url: string;
  result: any;
  error: string | undefined;
  requests: { url: string; status: number | undefined; type: string | undefined }[];
  problems: string[];
};

let run: Visit & { result: PageFit | undefined };
let workerRun: Visit;
let dir: string | undefined;

async function visit(browser: Browser, base: string, file: string): Promise<Visit> {
  const page = await browser.newPage();
  try {
    const problems: string[] = [];
    const requests: Visit['requests'] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('request', (r) => requests.push({ url: r.url(), status: undefined, type: undefined }));
    page.on('response', (r) => {
      const entry = requests.find((q) => q.url === r.url() && q.status === undefined);
      if (entry) {
        entry.status = r.status();
        entry.type = r.headers()['content-type'];
      }
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(base + file);
    await page.waitForFunction(() => (window as any).__result !== undefined || (window as any).__error !== undefined, null,
      { timeout: 30_000 });
    const [result, error] = await page.evaluate(() => [(window as any).__result, (window as any).__error] as const);
    return { url: base, result, error, requests, problems };
  } finally {
    await page.close();
  }
}

/** Builds dist/, lays out the package as published next to the pages, serves them and opens each once. */
beforeAll(async () => {
  execFileSync(join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'inherit' });
  dir = await mkdtemp(join(tmpdir(), 'momentum-gd-plain-page-'));
  const pkg = join(dir, 'node_modules/momentum-gd');
  await cp(join(repo, 'dist'), join(pkg, 'dist'), { recursive: true });
  await mkdir(join(pkg, 'build'), { recursive: true });
  const wasm = (await readdir(join(repo, 'build'))).filter((f) => f.endsWith('.wasm')); // package.json "files": build/*.wasm
  expect(wasm.sort()).toEqual(['momentum-simd-threads.wasm', 'momentum-simd.wasm', 'momentum.wasm']);
  for (const f of wasm) await cp(join(repo, 'build', f), join(pkg, 'build', f));
  await cp(join(repo, 'package.json'), join(pkg, 'package.json'));
  await cp(join(repo, 'node_modules/@assemblyscript/loader'), join(dir, 'node_modules/@assemblyscript/loader'), { recursive: true });
  for (const f of ['index.html', 'worker.html']) await cp(join(FIXTURE, f), join(dir, f));

  const server = await serve(dir);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    run = await visit(browser, server.url, '');
    workerRun = await visit(browser, server.url, 'worker.html');
  } finally {
    await browser?.close();
    await server.close();
  }
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the published ESM in a plain <script type="module"> page', () => {
  it('loads without a bundler and without errors, on the WASM SIMD build', () => {
    expect(run.error).toBeUndefined();
    expect(run.problems).toEqual([]);
    expect(run.result).toBeDefined();
    expect(run.result!.backend).toBe('wasm');
    expect(run.result!.simd).toBe(true); // Chromium validates f64x2
    const wasm = run.requests.filter((r) => r.url.endsWith('.wasm'));
    // The SIMD build only, fetched once with application/wasm: compileStreaming took it without the bytes fallback.
    expect(wasm).toEqual([{ url: `${run.url}node_modules/momentum-gd/build/momentum-simd.wasm`, status: 200, type: 'application/wasm' }]);
  });

  it('fits the README example: weight ≈ 2, intercept ≈ 1', () => {
    const r = run.result!;
    expect(r.status).toBe('maxIterations');
    expect(r.iterations).toBe(500);
    expect(r.weights).toHaveLength(1);
    expect(Math.abs(r.weights[0] - 2)).toBeLessThan(1e-6);
    expect(Math.abs(r.intercept - 1)).toBeLessThan(1e-6);
  });

  it('gives the same bits as the same fit in Node', async () => {
    const engine = await createEngine({ backend: 'wasm' });
    expect([engine.backend, engine.simd]).toEqual(['wasm', true]);
    const data = engine.dataset([[0], [1], [2], [3]], [1, 3, 5, 7]);
    const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500 });
    data.dispose();
    const node = [...fit.weights, fit.intercept, ...fit.loss];
    const r = run.result!;
    const page = [...r.weights, r.intercept, ...r.loss];
    expect([r.status, r.iterations]).toEqual([fit.status, fit.iterations]);
    expect(page).toHaveLength(node.length);
    expect(r.hex).toEqual(node.map(hex)); // shows the differing bits on failure
    const differ = node.flatMap((v, i) => (Object.is(v, page[i]) ? [] : [i]));
    expect(differ).toEqual([]);
  });

  it('requests only files of the served directory, and no node: URL', () => {
    expect(run.requests.length).toBeGreaterThan(0);
    const urls = run.requests.map((r) => r.url);
    expect(urls.filter((u) => u.startsWith('node:') || u.includes('node%3A') || u.includes('/node:'))).toEqual([]);
    // data:, for the page's empty favicon, is the only URL not served from the directory.
    const outside = urls.filter((u) => !u.startsWith(run.url) && !u.startsWith('data:'));
    expect(outside).toEqual([]);
    const notServed = run.requests.filter((r) => r.url.startsWith(run.url) && r.status !== 200);
    expect(notServed).toEqual([]);
    // The page, the package's modules, the loader and the .wasm; nothing from the package's src/ or the repo.
    const paths = urls.filter((u) => u.startsWith(run.url)).map((u) => u.slice(run.url.length));
    expect(paths[0]).toBe('');
    expect(paths).toContain('node_modules/momentum-gd/dist/index.js');
    expect(paths).toContain('node_modules/@assemblyscript/loader/index.js');
    for (const p of paths.slice(1)) {
      expect(p).toMatch(/^node_modules\/(momentum-gd\/(dist\/.+\.js|build\/momentum-simd\.wasm)|@assemblyscript\/loader\/index\.js)$/);
    }
  });

  // Chromium applies a page's import map to the page only, not to a module worker, so inside the worker the bare
  // specifier '@assemblyscript/loader' cannot resolve: src/wasm/load.ts imports it dynamically and instantiates
  // with WebAssembly.instantiate when it is missing. This pins that the worker runner works bundler-free.
  it('createWorkerEngine runs in the same plain page', () => {
    expect(workerRun.error).toBeUndefined();
    expect(workerRun.problems).toEqual([]);
    expect(workerRun.result.backend).toBe('wasm');
    expect([workerRun.result.status, workerRun.result.iterations]).toEqual(['maxIterations', 500]);
    expect(Math.abs(workerRun.result.weights[0] - 2)).toBeLessThan(1e-6);
    expect(Math.abs(workerRun.result.intercept - 1)).toBeLessThan(1e-6);
  });
});
