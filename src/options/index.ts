/**
 * Option defaults and validation, by concern: check.ts (describe, the one option-name checker with "did you mean",
 * argument counts, number checks), optimizer.ts (optimizer settings), fit.ts (fit options, stopping rule, hold-out),
 * model.ts (model, alpha, classes and labels, by the model table), schedule.ts (learning-rate schedules),
 * dataset.ts (X and y). Every check runs before any work; every error is a TypeError (wrong type, unknown name) or
 * a RangeError (out of range) naming the argument and what was expected.
 */
export {
  bool, checkArgCount, checkKeys, describe, describeSignal, finiteNumber, nearest, numberIn, positiveInteger, requireObject,
  toFloat64,
} from './check.js';
export { checkDataset, labelInfo, type DatasetInput, type LabelInfo } from './dataset.js';
export { FIT_CALL_KEYS, MAX_FIT_PARAMS, checkFitOptions, holdOutRows, type FitConfig } from './fit.js';
export { checkModelName, checkModelOptions, modelOption, type ModelConfig } from './model.js';
export {
  OPTIMIZER_IDS, OPTIMIZER_KEYS, SGD_KEYS, checkLr, checkOptimizer, checkOptimizerOptions, checkSgdOptions,
} from './optimizer.js';
export { checkSchedule } from './schedule.js';
