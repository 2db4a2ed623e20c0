// Writes test/golden/fits.json: the doubles of every fit of the grid (test/golden/grid.ts) on the JS backend, as
// hex bit patterns. Run it ONLY to record the doubles before a change that must keep them (a refactor), never to
// make a failing golden test pass: `npx tsx test/golden/generate.ts`.
import { writeFileSync } from 'node:fs';
import { createEngine } from '../../src/index.js';
import { goldenCases } from './grid.js';
import { bitsOf } from './bits.js';

const engine = await createEngine({ backend: 'js' });
const out: Record<string, Record<string, string[]>> = {};
for (const c of goldenCases()) {
  const data = engine.dataset(c.X, c.y);
  const fit = engine.fit(data, c.options as never);
  out[c.name] = bitsOf(fit);
  data.dispose();
}
writeFileSync(new URL('./fits.json', import.meta.url), `${JSON.stringify(out, null, 0).replace(/\],"/g, '],\n"')}\n`);
console.log(`wrote ${Object.keys(out).length} fits`);
