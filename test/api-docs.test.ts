// The public surface is documented (issue 12): TypeDoc over the package's entry points (typedoc.json) reports no
// declaration, member or parameter without TSDoc, no public signature naming an unexported type, no broken
// {@link}; and docs/api/ is what `npm run docs:api` makes of the sources today.
import { describe, expect, it } from 'vitest';
import { checkApi, staleFiles, type ApiDocsReport } from '../scripts/api-docs.js';

describe('API reference', () => {
  let report: ApiDocsReport;

  it('documents every public declaration, member and parameter', async () => {
    report = await checkApi();
    expect(report.project, 'TypeDoc could not convert the sources').toBeDefined();
    // The message lists exactly which declarations lack TSDoc.
    expect(report.problems, `undocumented or broken (fix, then \`npm run docs:api\`):\n${report.problems.join('\n')}\n`)
      .toEqual([]);
  });

  it('docs/api/ is up to date (run `npm run docs:api` and commit it)', async () => {
    report ??= await checkApi();
    const stale = await staleFiles(report);
    expect(stale, `docs/api/ differs from the sources; run \`npm run docs:api\`: ${stale.join(', ')}`).toEqual([]);
  });
});
