/**
 * The browser harness shared by the suites of test/browser/: serves site/dist (built once per run by
 * build-site.ts, the suite's global setup), opens it in Chromium
 * (playwright-core on /usr/bin/chromium or $CHROMIUM_PATH), collects console errors, and drives the page through
 * its test hook (site/hook.ts, window.__momentum).
 */
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { FitOptions } from '../../src/types.js';
import { serve } from './serve.js';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The 16 hex digits of a double's bits: equal strings ⇔ Object.is-equal doubles (NaN payloads aside). */
export function hex(v: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

/** What a fit through the hook returns: plain numbers (JSON round-trips finite doubles exactly) and their bits. */
export type HookFit = {
  weights: number[]; intercept: number; loss: number[]; epochLoss: number[]; iterations: number; epochs: number;
  status: string; hex: string[];
};

/** window.__momentum as the tests see it (site/hook.ts). */
export type Hook = {
  backend: string;
  engine: any;
  createEngine: any;
  createWorkerEngine: any;
  hex(v: number): string;
  simd: boolean;
  referenceData(): { x: number[]; y: number[] };
  fit(X: number[][], y: number[], o: FitOptions, on?: any): HookFit;
  setFunction(name: string): void;
  showIteration(k: number): void;
  iteration(): number;
  setStart(x: number, y: number): void;
  nn: {
    select(name: string): void;
    configure(change: { hidden?: number[]; activation?: string; lr?: number }): void;
    start(): void;
    stop(): void;
    reset(): void;
    state(withData?: boolean): NnHookState;
  };
  race(): {
    fn: string; lr: number; beta: number;
    racers: { label: string; status: string | null; shown: number; nearSaddle: number; reached: number; points: number[] }[];
  };
};

/** The network panel as the hook reports it (site/hook.ts, networkState). */
export type NnHookState = {
  dataset: string; running: boolean; frame: number; frames: number[]; backend: string | null; error: string | null;
  pageMs: number[];
  settings: { hidden: number[]; activation: string; lr: number; adamLr: number; epochs: number };
  data: { X: number[][]; y: number[] } | null;
  racers: {
    label: string; options: Record<string, unknown>; epochs: number; status: string | null; loss: number; accuracy: number;
    hash: string | null; hashes: string[]; changed: number; coefs: number[][] | null; intercepts: number[][] | null;
  }[];
};

/** An open playground: the page, a way to run a function against its hook, and what went wrong so far. */
export interface Playground {
  page: Page;
  /** Runs `fn(hook, arg)` in the page; `fn` is sent as source, so it may use only its arguments. */
  hook<T>(fn: (h: Hook, arg: any) => T, arg?: unknown): Promise<Awaited<T>>;
  /** Console errors and warnings, page errors and failed requests, in order. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Serves the built site and opens it in Chromium once the page says it is ready; `headers` go with every response
 * (e.g. COOP/COEP for a cross-origin-isolated page).
 */
export async function openPlayground(headers: Record<string, string> = {}): Promise<Playground> {
  const server = await serve(`${repo}site/dist`, headers);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1240, height: 1320 }, deviceScaleFactor: 1 });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const b = browser;
    return {
      page,
      problems,
      hook: (fn, arg) => page.evaluate(([src, a]) => new Function('h', 'a', `return (${src})(h, a)`)((window as any).__momentum, a),
        [fn.toString(), arg] as const) as any,
      close: async () => {
        await b.close();
        await server.close();
      },
    };
  } catch (e) {
    await browser?.close();
    await server.close();
    throw e;
  }
}

/**
 * One playground for a test file: opened before its tests (beforeAll) and closed after them (afterAll). Call at
 * module level (or in a describe, for that describe's tests); `pg()` is the open playground, `hook` runs a function
 * in its page (Playground.hook); `headers` go with every response (openPlayground).
 */
export function usePlayground(headers: Record<string, string> = {}): {
  pg: () => Playground;
  hook: <T>(fn: (h: Hook, arg: any) => T, arg?: unknown) => Promise<Awaited<T>>;
} {
  let pg: Playground | undefined;
  beforeAll(async () => {
    pg = await openPlayground(headers);
  });
  afterAll(async () => {
    await pg?.close();
  });
  const open = (): Playground => {
    if (!pg) throw new Error('the playground is not open (usePlayground opens it in beforeAll)');
    return pg;
  };
  return { pg: open, hook: (fn, arg) => open().hook(fn, arg) };
}
