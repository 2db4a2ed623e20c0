// Refactors keep the doubles: every fit of the grid (test/golden/grid.ts: 5 models × 8 optimizer settings × 3
// training setups, short, one-feature and long rows) gives exactly the doubles recorded in fits.json before the
// architecture work (issue 13), on every backend. fits.json is a recording, not a reference: the correctness of these
// numbers is pinned by the contract, reference and parity tests; this file pins that a restructuring changed none of
// them. Regenerate it only for a change that is meant to move the doubles, and say so in the commit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { bitsOf } from './bits.js';
import { goldenCases } from './grid.js';

const GOLDEN = JSON.parse(readFileSync(new URL('./fits.json', import.meta.url), 'utf8')) as Record<string, ReturnType<typeof bitsOf>>;

describe.each(BACKENDS)('golden doubles [$name]', ({ create }) => {
  it(`every fit of the grid gives the recorded doubles (${goldenCases().length} fits)`, async () => {
    const engine = await create();
    const cases = goldenCases();
    expect(Object.keys(GOLDEN).sort()).toEqual(cases.map((c) => c.name).sort());
    for (const c of cases) {
      const data = engine.dataset(c.X, c.y);
      const got = bitsOf(engine.fit(data, c.options as never));
      data.dispose();
      expect(got, c.name).toEqual(GOLDEN[c.name]);
    }
  });
});
