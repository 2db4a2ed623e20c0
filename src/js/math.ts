/**
 * The elementary functions the JS kernels use (exp, log, log1p, …): src/elementary.ts, shared with the public
 * `momentum-gd/math` and the models' predict, so that shared code does not import from this backend's folder.
 * JS mirror of assembly/math.ts.
 */
export * from '../elementary.js';
