// Block helpers: the channel config out of a config block, and a signed ConfigUpdate wrapped into the
// CONFIG_UPDATE Envelope an orderer accepts.

export { readConfigBlock, readConfigFromBlock } from './config-from-block.js';
export { type GenesisOptions, genesisBlock } from './genesis-block.js';
export { type ConfigSignature, type WrapOptions, wrapUpdate } from './wrap-config-update.js';
