/**
 * Readable inspection of results, engines and datasets: `console.log(fit)` in Node shows the model, how the fit
 * ended and the head of the weights instead of the internals (the `nodejs.util.inspect.custom` protocol), and
 * `String(fit)` gives the same on one line. Nothing here computes; reading `finalLoss` may make its one pass over X.
 */

/** The symbol Node's `util.inspect` (hence `console.log`) calls; a registered symbol, so no `node:util` import. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** How many weights the inspection shows. */
const HEAD = 5;

/** A number shortened for display: 6 significant digits (full precision stays in the object). */
export function short(v: number): string {
  return Number.isFinite(v) && v !== 0 ? String(Number(v.toPrecision(6))) : String(v);
}

/** `[w₀, w₁, …, w₄, … 25 more]`: the first few values of a vector. */
export function head(values: ArrayLike<number>, n = HEAD): string {
  const shown = Array.from({ length: Math.min(n, values.length) }, (_, i) => short(values[i]!));
  if (values.length > n) shown.push(`… ${values.length - n} more`);
  return `[${shown.join(', ')}]`;
}

/** The fields of a model or fit worth showing, in order, as [name, value already formatted]. */
export interface Summary {
  name: string;
  fields: [string, string][];
}

/** The summary of a fitted model; fit results add how the fit ended. Never throws. */
export function summarizeModel(m: {
  model: string; cols: number; classes: number; weights: Float64Array; intercepts: Float64Array;
}): Summary {
  const fields: [string, string][] = [['model', `'${m.model}'`], ['cols', String(m.cols)]];
  if (m.classes > 1) fields.push(['classes', String(m.classes)]);
  const fit = m as Partial<{ status: string; iterations: number; epochs: number; finalLoss: number; epochLoss: Float64Array }>;
  const isFit = typeof fit.status === 'string';
  if (isFit) {
    fields.push(['status', `'${fit.status}'`], ['iterations', String(fit.iterations)], ['epochs', String(fit.epochs)]);
    let finalLoss: string;
    try {
      finalLoss = short(fit.finalLoss!);
    } catch {
      // The dataset was disposed before finalLoss was evaluated: show what the history has.
      const e = fit.epochLoss;
      finalLoss = e && e.length ? `unavailable (last epoch's loss ${short(e[e.length - 1]!)})` : 'unavailable';
    }
    fields.push(['finalLoss', finalLoss]);
  }
  fields.push(['weights', `Float64Array(${m.weights.length}) ${head(m.weights)}`]);
  fields.push(m.intercepts.length === 1 ? ['intercept', short(m.intercepts[0]!)] : ['intercepts', head(m.intercepts)]);
  return { name: isFit ? 'FitResult' : 'LinearModel', fields };
}

/** `Name { a: 1, b: 'x' }` on one line (`toString`), or one field per line (`util.inspect`, `console.log`). */
export function formatSummary(s: Summary, multiline: boolean): string {
  if (!multiline) return `${s.name} { ${s.fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  return `${s.name} {\n${s.fields.map(([k, v]) => `  ${k}: ${v}`).join(',\n')}\n}`;
}
