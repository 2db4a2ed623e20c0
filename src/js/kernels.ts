/**
 * The JS mirror of assembly/, one module per kernel file with the same names, argument order (element offsets
 * for byte addresses) and operation order; this barrel is what the JS backend uses. A change to one side lands
 * with the same change to the other (test/parity.test.ts holds them to Object.is equality).
 */
export { dot, axpy4, axpy1, allFinite } from './reduce.js';
export { gradLinear } from './grad/linear.js';
export { gradLogistic } from './grad/logistic.js';
export { gradHinge } from './grad/hinge.js';
export { gradSoftmax } from './grad/softmax.js';
export { stepMomentum, stepAdam, stepRmsprop, stepAdagrad, optimizerStep, checkedStep } from './step.js';
export type { StepExtras } from './step.js';
export { objectiveAndGrad, fit, predictRaw } from './fit.js';
export type { FitArrays } from './fit.js';
export { xoshiroNext, xoshiroUniform, seedState, shuffle } from './random.js';
