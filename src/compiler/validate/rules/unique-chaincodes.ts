// A chaincode name appears once per channel, and a chaincode's private data collections have distinct names.
// The lifecycle keys a definition by (channel, name): two entries would fight over one definition's sequence,
// and Fabric rejects a collection config that repeats a name.
import type { Rule } from '../rule-context.js';
import { forEachDuplicate, listOf } from './_spec-walk.js';

export const uniqueChaincodes: Rule = (ctx) => {
  const chaincodes = listOf(ctx.spec.chaincodes);
  const definitions = chaincodes.map((chaincode, index) => ({
    key: JSON.stringify([chaincode?.channel, chaincode?.name]),
    name: String(chaincode?.name),
    channel: String(chaincode?.channel),
    path: ['chaincodes', index, 'name'],
  }));
  forEachDuplicate(definitions, (duplicate, first) => {
    ctx.report({
      code: 'NS_DUPLICATE_CHAINCODE',
      message: `chaincode '${duplicate.name}' is defined twice on channel '${duplicate.channel}'`,
      hint: 'keep one entry per chaincode and channel; change `version` and `sequence` to upgrade it',
      at: [duplicate.path, first.path],
    });
  });
  chaincodes.forEach((chaincode, chaincodeIndex) => {
    const collections = listOf(chaincode?.collections).map((collection, index) => ({
      key: String(collection?.name),
      path: ['chaincodes', chaincodeIndex, 'collections', index, 'name'],
    }));
    forEachDuplicate(collections, (duplicate, first) => {
      ctx.report({
        code: 'NS_DUPLICATE_NAME',
        message: `chaincode '${chaincode?.name}' defines collection '${duplicate.key}' twice`,
        at: [duplicate.path, first.path],
      });
    });
  });
};
