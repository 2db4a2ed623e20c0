// Where the data-set loaders read from: the package's data/ folder by default, or `{ url }` (a file: URL read with
// node:fs, anything else fetched, the status checked); errors name the URL. The browser side (no node:fs, no CSV in a
// bundle that imports only parseCsv) is pinned in test/browser/bundlers.test.ts.
import { readFile } from 'node:fs/promises';
import { serveLocal } from './local-server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBreastCancer, loadDigits, parseCsv } from '../src/datasets.js';

const dataDir = new URL('../data/', import.meta.url);
let stop: () => Promise<void>;
let base: string;
let cancerText: string;

beforeAll(async () => {
  cancerText = await readFile(new URL('breast_cancer.csv', dataDir), 'utf8');
  ({ base, close: stop } = await serveLocal((req, res) => {
    if (req.url === '/data/cancer.csv') res.writeHead(200, { 'content-type': 'text/csv' }).end(cancerText);
    else res.writeHead(404).end('not found');
  }));
});

afterAll(async () => {
  await stop();
});

describe('data-set loaders: { url }', () => {
  it('reads the same rows from an http URL (fetch) as from the package folder (node:fs)', async () => {
    const expected = parseCsv(cancerText); // 569 rows, last column malignant
    const fetched = await loadBreastCancer({ url: `${base}data/cancer.csv` });
    const local = await loadBreastCancer();
    expect(fetched.X).toEqual(expected.rows.map((r) => r.slice(0, 30)));
    expect(fetched.y).toEqual(expected.rows.map((r) => r[30]));
    expect(fetched).toEqual(local);
    expect(await loadBreastCancer({ url: new URL('breast_cancer.csv', dataDir) })).toEqual(local);
  });

  it('names the URL and the HTTP status when the file is not there', async () => {
    await expect(loadDigits({ url: `${base}nope.csv` })).rejects.toThrow(`loadDigits: could not fetch ${base}nope.csv: HTTP 404 Not Found`);
  });

  it('checks the file is the one asked for (the target column)', async () => {
    await expect(loadDigits({ url: `${base}data/cancer.csv` })).rejects.toThrow(
      new RangeError('digits.csv: expected the last column to be "digit", got "malignant"'),
    );
  });

  it('refuses unknown options and URLs that are not URLs', async () => {
    await expect(loadBreastCancer({ path: 'x' } as never)).rejects.toThrow(new TypeError('Unknown loadBreastCancer option "path" (did you mean "url"?); known options: url'));
    await expect(loadBreastCancer({ url: 42 } as never)).rejects.toThrow(new TypeError('loadBreastCancer: url must be a URL (string or URL), got number'));
    await expect(loadBreastCancer({ url: 'data/x.csv' })).rejects.toThrow(
      new TypeError('loadBreastCancer: url must be an absolute URL (or, in a browser, one relative to the page), got "data/x.csv"'),
    );
    await expect(loadBreastCancer('x' as never)).rejects.toThrow(new TypeError('loadBreastCancer: options must be an object such as { url }, got string'));
  });
});
