/**
 * momentum-gd: gradient descent with momentum, v ← β·v + g; θ ← θ − η·v, with an AssemblyScript/WebAssembly
 * core and a pure-JS fallback that gives the same results. The public barrel: nothing else is exported.
 */
export { createEngine } from './engine.js';
export type {
  BackendName, Dataset, Engine, EngineOptions, FeaturesInput, FitOptions, FitResult, FitStatus, LabelsInput, Matrix,
  ModelName, SgdOptimizer, SgdOptions, SgdState,
} from './types.js';
