/**
 * The checks every public entry point shares: describe (a value, for an error message), checkKeys (the one check of
 * option names, with "did you mean"), checkArgCount (extra positional arguments), and the number/boolean/array
 * checks that name the argument. Every error is a TypeError (wrong type, unknown name) or a RangeError (out of range).
 * The ground floor of validation: imports nothing, so every module (the model table's metric, columnar input, the
 * WASM loader, options/) can use it without depending on the option code.
 */

/** A short description of a value for error messages: `"0.1" (string)`, `NaN`, `[object Object]`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return Object.prototype.toString.call(value);
}

/** What a value passed as an AbortSignal is, for the error: `an object without \`aborted\``, `"x" (string)`. */
export function describeSignal(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    return `an object without \`aborted\`${keys.length ? ` (keys: ${keys.slice(0, 5).join(', ')})` : ''}; pass an AbortController's signal`;
  }
  return describe(value);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * Names users bring from PyTorch, scikit-learn and Keras, mapped to ours (checked before the edit distance). Matched
 * case-insensitively and ignoring underscores, so `learning_rate`, `learningRate` and `LearningRate` are one entry.
 */
const ALIASES: Record<string, string> = {
  learningRate: 'lr', eta: 'lr', eta0: 'lr', lr0: 'lr', beta: 'momentum', mu: 'momentum',
  maxIter: 'maxEpochs', nIter: 'maxEpochs', iterations: 'maxIterations', maxSteps: 'maxIterations',
  epochs: 'maxEpochs', nEpochs: 'maxEpochs', numEpochs: 'maxEpochs', patience: 'nIterNoChange', tolerance: 'tol',
  randomState: 'seed', randomSeed: 'seed', testSize: 'testFraction', loss: 'model', penalty: 'alpha',
  l2: 'alpha', nesterovsMomentum: 'nesterov', epsilon: 'eps', beta1: 'betas', beta2: 'betas', validationSplit: 'validationFraction',
  coefInit: 'initialWeights', interceptInit: 'initialIntercept', nClasses: 'classes', numClasses: 'classes',
  callback: 'onProgress', callbacks: 'onProgress', path: 'url', file: 'url', href: 'url',
};

/** A name as the matching compares it: lower case, without underscores. */
function normalize(name: string): string {
  return name.toLowerCase().replaceAll('_', '');
}

const NORMALIZED_ALIASES = new Map(Object.entries(ALIASES).map(([k, v]) => [normalize(k), v]));

/**
 * The known name closest to `key`, or undefined when none is reasonably close. Names are compared case-insensitively
 * and without underscores: an alias first; then a known name (or alias) the key is a prefix of (3+ letters); then the
 * smallest edit distance to a known name or an alias (known names first on ties), if at most half the key's length.
 */
export function nearest(key: string, known: readonly string[]): string | undefined {
  const k = normalize(key);
  const alias = NORMALIZED_ALIASES.get(k);
  if (alias && known.includes(alias)) return alias;
  const candidates: [string, string][] = known.map((name) => [normalize(name), name]);
  for (const [a, target] of NORMALIZED_ALIASES) if (known.includes(target)) candidates.push([a, target]);
  let best: string | undefined, bestDistance = Infinity;
  for (const [name, target] of candidates) {
    const dist = editDistance(k, name);
    if (dist < bestDistance) { best = target; bestDistance = dist; }
  }
  if (bestDistance <= Math.max(1, Math.floor(k.length / 2))) return best;
  if (k.length >= 3) return candidates.find(([name]) => name.startsWith(k))?.[1];
  return undefined;
}

/**
 * The one check of option names in the public API: every own key of `options` must be in `known`, else a
 * TypeError `Unknown <what> option "<key>" (did you mean "<nearest>"?); known options: …`. `notes` explains keys that
 * belong elsewhere (another function's option): `Unknown <what> option "<key>": <note>; known options: …`.
 */
export function checkKeys(options: object, known: readonly string[], what: string, notes?: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const note = notes && Object.hasOwn(notes, key) ? notes[key] : undefined;
    const hint = note === undefined ? nearest(key, known) : undefined;
    throw new TypeError(
      `Unknown ${what} option "${key}"${note ? `: ${note}` : hint ? ` (did you mean "${hint}"?)` : ''}; known options: ${known.join(', ')}`,
    );
  }
}

/**
 * The one check of positional arguments: a public function called with more than `params.length` arguments throws
 * a TypeError naming the function, its parameters and the first extra argument (never silently ignored).
 */
export function checkArgCount(fn: string, params: readonly string[], args: ArrayLike<unknown>): void {
  if (args.length <= params.length) return;
  const extra = args[params.length];
  let hint = '';
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra) && !ArrayBuffer.isView(extra)) {
    const keys = Object.keys(extra);
    if (keys.length) hint = ` with ${keys.map((k) => `"${k}"`).join(', ')}`;
  }
  throw new TypeError(
    `${fn}(${params.join(', ')}) takes ${params.length} argument${params.length === 1 ? '' : 's'}, got ${args.length}: ` +
    `argument ${params.length + 1} (${describe(extra)}${hint}) is not used; remove it`,
  );
}

/** A finite number: TypeError naming `name` for a non-number, RangeError for NaN or ±Infinity. */
export function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

/** A finite number in [lo, hi] (or [lo, hi) when hiOpen), `fallback` when undefined; RangeError naming `name` outside. */
export function numberIn(name: string, value: unknown, fallback: number, lo: number, hi: number, hiOpen: boolean): number {
  if (value === undefined) return fallback;
  const v = finiteNumber(name, value);
  if (v < lo || v > hi || (hiOpen && v === hi)) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${v}`);
  }
  return v;
}

/** A boolean, `fallback` when undefined; TypeError naming `name` otherwise. */
export function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${describe(value)}`);
  return value;
}

/** An integer in [1, max], `fallback` when undefined; TypeError for a non-number, RangeError naming `name` outside. */
export function positiveInteger(name: string, value: unknown, fallback: number, max = 2 ** 31 - 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a positive integer, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a positive integer ≤ ${max}, got ${value}`);
  }
  return value;
}

/** A plain options object (not null, not an array); TypeError naming `name` otherwise. */
export function requireObject(name: string, value: unknown): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
  return value;
}

/** An array or a typed array (elements not yet checked). */
export function isArrayLikeOfNumbers(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) || Array.isArray(value);
}

/**
 * Copies a vector argument into a new Float64Array, checking its length (when given) and that every element is
 * a finite number.
 */
export function toFloat64(name: string, value: unknown, length?: number): Float64Array {
  if (!isArrayLikeOfNumbers(value) || value instanceof BigInt64Array || value instanceof BigUint64Array) {
    throw new TypeError(`${name} must be an array or typed array of numbers, got ${describe(value)}`);
  }
  const v = value as ArrayLike<number>;
  if (length !== undefined && v.length !== length) {
    throw new RangeError(`${name} must have length ${length}, got ${v.length}`);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw new TypeError(`${name}[${i}] must be a number, got ${describe(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be finite, got ${x}`);
    out[i] = x;
  }
  return out;
}
