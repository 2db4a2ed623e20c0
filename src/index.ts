/**
 * momentum-gd: gradient descent with momentum, v ← β·v + g; θ ← θ − η·v, with an AssemblyScript/WebAssembly
 * core and a pure-JS fallback that gives the same results. The public barrel: nothing else is exported.
 *
 * Start with {@link createEngine}, then {@link Engine.dataset} and {@link Engine.fit}; per-step optimizers for
 * your own gradients are {@link Engine.sgd} and {@link Engine.optimizer}. The CSV loaders of the bundled data sets
 * are in the `momentum-gd/datasets` entry.
 * @module momentum-gd
 */
export { createEngine } from './engine.js';
export { fit, Estimator } from './fit.js';
export type { EstimatorResult, FitCallOptions, MlpFitCallOptions } from './fit.js';
export { progressLogger } from './progress.js';
export type { ProgressLogger, ProgressLoggerOptions } from './progress.js';
export { tableToMatrix } from './columnar.js';
export type { TableMatrix } from './columnar.js';
export { LinearModel } from './models/model.js';
// Neural networks (issue 16).
export { MlpModel } from './models/mlp.js';
export type { ActivationName, MlpModelJSON } from './models/mlp.js';
export type { LayerWeights, MlpFitOptions, Network, NetworkFitResult, NetworkLike } from './types.js';
export { leastSquares } from './models/linear.js';
export { createRandom } from './random.js';
export type { Random } from './random.js';
export { referenceData, referenceExperiment, formatExperiment } from './experiment.js';
export type { ExperimentResult, ExperimentRun } from './experiment.js';
export type {
  AbortSignalLike, ArqueroTableLike, ArrowTableLike, ArrowVectorLike, AutoReport, BackendName, ColumnSelection, ColumnsInput,
  ClassFit, Dataset, DatasetOptions, Engine, EngineOptions, FeaturesInput, FitCommonOptions, FitOptions, FitOptionsRecord, FitResult, FitStatus,
  LabelsInput, TargetsInput, Matrix, Model, ModelJSON, ModelName, ModelOptions, OptimizerChoice, OptimizerName, OptimizerOptions,
  OptimizerSettings, PenaltyName, Progress, Schedule, SgdOptimizer, SgdOptions, SgdState, TableInput, UrlInput, WasmFile,
  WasmModuleInput, WasmSource,
} from './types.js';
export type { OnlineAverage, OnlineState, PartialFitOptions } from './types.js';
export {
  testFunctions, quadratic, quadratic10, rosenbrock, beale, himmelblau, booth, saddle, monkeySaddle, rastrigin, plateau,
} from './functions.js';
export type { TestFunction, Point, Interval } from './functions.js';
export { minimize, iterationsToReach } from './minimize.js';
export type { MinimizeAutoReport, MinimizeOptions, MinimizeResult, MinimizeStatus } from './minimize.js';
export { createWorkerEngine } from './worker.js';
export type { WorkerEngine, WorkerDataset, WorkerEngineOptions, WorkerFitControl, WorkerLike } from './worker.js';
export { standardize, createStandardizer, trainTestSplit } from './preprocess.js';
export type { Standardizer, StandardizerJSON, SplitOptions, Split } from './preprocess.js';
export type { Rows } from './preprocess.js';
export { accuracy, confusionMatrix, r2Score, meanSquaredError, logLoss } from './metrics.js';
export type { Values } from './metrics.js';
// The CSV parser and the loaders of the bundled data sets live in the 'momentum-gd/datasets' entry (src/datasets.ts).
