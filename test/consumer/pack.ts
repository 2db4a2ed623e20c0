/**
 * The package as its users get it: dist/ built as published (tsc -p tsconfig.build.json; build/*.wasm comes from
 * `npm run build:wasm`, which `npm test` and `npm run test:browser` run first), then `npm pack` into a fresh
 * temporary folder. Shared by the consumer-project test (test/consumer/) and the bundler tests (test/browser/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a command, returning stdout; on failure the error carries stdout and stderr. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${x.message}\n${x.stdout ?? ''}\n${x.stderr ?? ''}`);
  }
}

/** Runs a command that must succeed, returning everything it printed: stdout, then stderr (where npm warns). */
export function runAll(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

/** Builds dist/ and packs the package into a new temporary folder; returns the folder and the tarball's path. */
export async function pack(): Promise<{ dir: string; tarball: string }> {
  for (const f of ['momentum.wasm', 'momentum-simd.wasm']) {
    if (!existsSync(join(repo, 'build', f))) throw new Error(`build/${f} is missing: run npm run build:wasm first`);
  }
  run(join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], repo);
  const dir = await mkdtemp(join(tmpdir(), 'momentum-gd-pack-'));
  // --ignore-scripts: `prepack` would rebuild what was just built.
  const out = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], repo)) as { filename: string }[];
  return { dir, tarball: join(dir, out[0]!.filename) };
}
