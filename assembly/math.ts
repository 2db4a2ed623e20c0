// exp, log and log1p come from the host (the JS engine's Math), so the WASM core and the JS fallback round them
// identically: AssemblyScript's own (musl) exp differs from V8's by one ulp on ~9 % of inputs, which would break
// bitwise parity of the logistic and softmax models. The cost is one host call per row (per class for softmax).

// @ts-ignore: decorator
@external("env", "exp")
export declare function exp(x: f64): f64;

// @ts-ignore: decorator
@external("env", "log")
export declare function log(x: f64): f64;

// @ts-ignore: decorator
@external("env", "log1p")
export declare function log1p(x: f64): f64;
