// The examples the README points users to run to the end and print what the README says of them (README: "Real
// data", "The reference experiment", "Progress in the terminal"). Each runs as a user runs it: `npx tsx examples/…`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function run(file: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', file], {
    cwd: new URL('..', import.meta.url), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
  });
}

describe.concurrent('examples', () => {
  it.each([
    // [file, strings its output must hold, strings the README must hold about it]
    ['examples/reference.ts', ['GD (β = 0):         849', 'momentum (β = 0.9): 119'], ['849 for plain GD, 119 with momentum']],
    ['examples/cancer.ts', ['logistic  0.9         0.9649         312  converged', 'β = 0.9 → 351, β = 0 → 3689'],
      ['0.965', '312', '3 346', '351', '3 689']],
    ['examples/digits.ts', ['test accuracy 0.969'], ['0.969']],
    ['examples/imbalanced.ts', ["classWeight 'balanced': malignant recall 0.766 → 0.953"], ['0.766', '0.953', 'example:imbalanced']],
    ['examples/lasso.ts', ['converged after 667 updates, 18 of 30 coefficients exactly 0', 'converged after 2264 updates, 12 of 30 coefficients exactly 0'], ['example:lasso', '18 of the 30 coefficients']],
    ['examples/digits-mlp.ts', ['test accuracy 0.981', 'the same parameters bit for bit: true'], ['example:digits-mlp', '0.981']],
    ['examples/cancer-mlp.ts', ['test accuracy 0.9825 (112 of 114 test rows)', 'the same parameters bit for bit: true'], ['example:cancer-mlp', '0.982']],
    ['examples/quickstart.ts', ["status: 'converged'", 'test accuracy 0.9649'], ['example:quickstart']],
  ])('%s runs and prints what the README says', (file, printed, claimed) => {
    const out = run(file);
    for (const s of printed) expect(out).toContain(s);
    for (const s of claimed) expect(README).toContain(s);
    // The networks' accuracy floors (issue 16: digits 0.975, breast cancer 0.97), read from what the example prints.
    const floor = { 'examples/digits-mlp.ts': 0.975, 'examples/cancer-mlp.ts': 0.97 }[file as string];
    if (floor !== undefined) expect(Number(/test accuracy ([\d.]+)/.exec(out)![1])).toBeGreaterThanOrEqual(floor);
  }, 90_000);
});
