// Property tests run with a fixed seed, so CI is stable: a failure found once is found every time.
// FC_SEED=<n> (Node tests) explores other seeds locally.
import fc from 'fast-check';

const fromEnv = typeof process !== 'undefined' ? Number(process.env.FC_SEED) : Number.NaN;
fc.configureGlobal({ seed: Number.isFinite(fromEnv) ? fromEnv : 20261124 });
