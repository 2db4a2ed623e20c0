/**
 * Option defaults and validation, by concern: optimizer.ts (optimizer settings), fit.ts (fit options, stopping rule,
 * hold-out), model.ts (model, alpha, classes and labels, by the model table), schedule.ts (learning-rate schedules);
 * and, re-exported from src/check/ (the checks below both options/ and models/), args.ts (describe, the one
 * option-name checker with "did you mean", argument counts, number checks) and dataset.ts (X and y). Every check runs
 * before any work; every error is a TypeError (wrong type, unknown name) or a RangeError (out of range) naming the
 * argument and what was expected. The dependency is one way: options/ reads the model table (src/models/registry.ts),
 * nothing in src/models/ imports options/ (test/architecture/core-imports.test.ts).
 */
export {
  bool, checkArgCount, checkKeys, describe, describeSignal, finiteNumber, nearest, numberIn, positiveInteger, requireObject,
  toFloat64,
} from '../check/args.js';
export { checkDataset, checkDtype, labelInfo, type DatasetInput, type Dtype, type LabelInfo } from '../check/dataset.js';
export { FIT_CALL_KEYS, FIT_KEYS, MAX_FIT_PARAMS, checkFitOptions, holdOutRows, type FitConfig } from './fit.js';
export { checkModelName, checkModelOptions, modelOption, type ModelConfig } from './model.js';
export {
  OPTIMIZER_IDS, OPTIMIZER_KEYS, SGD_KEYS, checkLr, checkOptimizer, checkOptimizerOptions, checkSgdOptions,
} from './optimizer.js';
export { checkSchedule } from './schedule.js';
export { balancedClassWeight, checkClassWeight, checkSampleWeight, checkWeightTotals, rowWeights, type ClassWeightSpec } from './weights.js';
