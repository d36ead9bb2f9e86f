// The validator-management methods, per client and consensus. Besu names them by protocol (qbft_*, ibft_*);
// GoQuorum serves both IBFT and QBFT under istanbul_*.
import { type JsonRpcClient, RpcTransportError } from './json-rpc-client.js';

export interface ValidatorRpc {
  /** The current validator set (lower-case 0x addresses). */
  getValidators(): Promise<string[]>;
  /** This node's vote to add (true) or remove (false) `address`. */
  propose(address: string, add: boolean): Promise<void>;
  /** Drops this node's pending vote on `address` once the change is in effect, so it cannot fire again later. */
  discard(address: string): Promise<void>;
  /** The method names, for messages. */
  readonly methods: { get: string; propose: string; discard: string };
}

export function validatorRpc(
  client: JsonRpcClient,
  kind: { client: 'besu' | 'goquorum'; consensus: 'qbft' | 'ibft' },
): ValidatorRpc {
  const methods =
    kind.client === 'goquorum'
      ? { get: 'istanbul_getValidators', propose: 'istanbul_propose', discard: 'istanbul_discard' }
      : kind.consensus === 'qbft'
        ? {
            get: 'qbft_getValidatorsByBlockNumber',
            propose: 'qbft_proposeValidatorVote',
            discard: 'qbft_discardValidatorVote',
          }
        : {
            get: 'ibft_getValidatorsByBlockNumber',
            propose: 'ibft_proposeValidatorVote',
            discard: 'ibft_discardValidatorVote',
          };
  return {
    methods,
    async getValidators() {
      const result = await client.call<unknown>(methods.get, ['latest']);
      if (!Array.isArray(result) || result.some((entry) => typeof entry !== 'string'))
        throw new RpcTransportError(`${methods.get} returned ${JSON.stringify(result)}, not a list of addresses`);
      // GoQuorum may print addresses without 0x (as its docs show): normalise both forms.
      return result.map((address: string) => `0x${address.toLowerCase().replace(/^0x/, '')}`);
    },
    async propose(address, add) {
      await client.call(methods.propose, [address, add]);
    },
    async discard(address) {
      await client.call(methods.discard, [address]);
    },
  };
}
