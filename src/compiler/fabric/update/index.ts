// Config updates: the read/write sets between two channel configs, exactly as configtxlator computes them.
export { computeConfigUpdate } from './compute-update.js';
