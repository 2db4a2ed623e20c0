/**
 * Learning-rate schedules over epochs (PyTorch's StepLR, ExponentialLR, CosineAnnealingLR and scikit-learn's
 * 'invscaling'): the formulas, validated up front, as one function of the epoch.
 */
import type { Schedule } from '../types.js';
import { checkKeys, describe, numberIn, positiveInteger } from '../check/args.js';

/**
 * The learning rate of epoch e for a `schedule` option and η₀ = lr, or null for a constant one (η = lr):
 * - step: η₀·γ^⌊e/stepSize⌋; exponential: η₀·γᵉ; invscaling: η₀/(e + 1)^power;
 * - cosine: η_min + (η₀ − η_min)·(1 + cos(π·e/tMax))/2;
 * - a function (e, lr) ↦ η, called once per epoch.
 * @throws TypeError/RangeError naming `schedule` or its key; the returned function throws a RangeError for a
 *   non-finite or negative rate at the epoch that gives it.
 */
export function checkSchedule(schedule: unknown, lr: number): ((epoch: number) => number) | null {
  if (schedule === undefined || schedule === 'constant') return null;
  let f: (e: number) => number;
  if (typeof schedule === 'function') {
    const user = schedule as (e: number, lr: number) => number;
    f = (e) => user(e, lr);
  } else if (typeof schedule === 'object' && schedule !== null && 'type' in schedule) {
    const s = schedule as Exclude<Schedule, 'constant' | ((e: number, lr: number) => number)>;
    checkKeys(s, ['type', 'stepSize', 'gamma', 'power', 'tMax', 'etaMin'], 'schedule');
    if (s.type === 'step') {
      if (s.stepSize === undefined) throw new TypeError('schedule.stepSize is required for a step schedule');
      const stepSize = positiveInteger('schedule.stepSize', s.stepSize, 1);
      const gamma = numberIn('schedule.gamma', s.gamma, 0.1, 0, Number.MAX_VALUE, false);
      f = (e) => lr * gamma ** Math.floor(e / stepSize);
    } else if (s.type === 'exponential') {
      if (s.gamma === undefined) throw new TypeError('schedule.gamma is required for an exponential schedule');
      const gamma = numberIn('schedule.gamma', s.gamma, 1, 0, Number.MAX_VALUE, false);
      f = (e) => lr * gamma ** e;
    } else if (s.type === 'invscaling') {
      const power = numberIn('schedule.power', s.power, 0.25, 0, Number.MAX_VALUE, false);
      f = (e) => lr / (e + 1) ** power;
    } else if (s.type === 'cosine') {
      if (s.tMax === undefined) throw new TypeError('schedule.tMax is required for a cosine schedule');
      const tMax = positiveInteger('schedule.tMax', s.tMax, 1);
      const etaMin = numberIn('schedule.etaMin', s.etaMin, 0, 0, lr, false);
      f = (e) => etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * e) / tMax))) / 2;
    } else {
      throw new RangeError(`schedule.type must be 'step', 'exponential', 'invscaling' or 'cosine', got ${describe((s as { type: unknown }).type)}`);
    }
  } else {
    throw new TypeError(`schedule must be 'constant', a schedule object or a function (epoch, lr) => lr, got ${describe(schedule)}`);
  }
  // Epoch 0 is asked for once up front (a schedule that fails at once fails before any work) and kept: a user's
  // function is called once per epoch, never twice.
  let first: number | undefined;
  return (e) => {
    if (e === 0 && first !== undefined) return first;
    const v = f(e);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`schedule must give a finite learning rate ≥ 0 for every epoch, got ${describe(v)} at epoch ${e}`);
    }
    if (e === 0) first = v;
    return v;
  };
}
