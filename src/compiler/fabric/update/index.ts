// Config updates: the read/write sets between two channel configs, exactly as configtxlator computes them, and a
// live config re-encoded canonically so that only real changes differ.
export { canonicalConfig } from './canonical-config.js';
export { computeConfigUpdate } from './compute-update.js';
