// `npm start`: the reference experiment, plain gradient descent against momentum on y = 2 + 3x + noise.
import { createEngine } from '../src/index.js';
import { formatExperiment, referenceExperiment } from '../src/experiment.js';

const engine = await createEngine();
console.log(formatExperiment(referenceExperiment(engine), engine.backend + (engine.simd ? ' SIMD' : '')));
