// A BFT channel's consenter set and the BlockValidation policy Fabric derives from it. Fabric 3's configtxgen
// writes the policy (common/policies/bft.go, EncodeBFTBlockVerificationPolicy) and the orderer recomputes it from
// the proposed `Orderers` value on every config update, refusing any update whose BlockValidation is not
// proto-equal to it (orderer/consensus/smartbft/configverifier.go): so netspec builds it the same way, always.
import { readFileSync } from 'node:fs';
import type { ConsenterModel } from '../../model/network-model.js';

type Json = Record<string, unknown>;

/** One `common.Consenter`, in configtxlator's JSON form: certificates are base64 of the PEM files' bytes. */
export interface ConsenterJson {
  id: number;
  host: string;
  port: number;
  msp_id: string;
  identity: string;
  client_tls_cert: string;
  server_tls_cert: string;
}

export function consenterMappingJson(consenters: readonly ConsenterModel[]): ConsenterJson[] {
  return consenters.map((consenter) => {
    if (consenter.id === undefined || consenter.identityCert === undefined) {
      // Validation reports these with a position (NS_BFT_CONSENTER_IDENTITY); reaching here is a bug.
      throw new Error(`BFT consenter '${consenter.ref}' has no consenterId or identityCert`);
    }
    return {
      client_tls_cert: readFileSync(consenter.clientTlsCert).toString('base64'),
      host: consenter.host,
      id: consenter.id,
      identity: readFileSync(consenter.identityCert).toString('base64'),
      msp_id: consenter.mspId,
      port: consenter.port,
      server_tls_cert: readFileSync(consenter.tlsCert).toString('base64'),
    };
  });
}

/** f = ⌊(n−1)/3⌋ faulty consenters tolerated; a block needs ⌈(n+f+1)/2⌉ signatures (policies.ComputeBFTQuorum). */
export function bftQuorum(n: number): number {
  const f = Math.floor((n - 1) / 3);
  return Math.ceil((n + f + 1) / 2);
}

/**
 * The `policy` (common.Policy JSON) of /Channel/Orderer/BlockValidation for this consenter mapping: a signature
 * policy requiring the quorum of the consenters' own identities (principal IDENTITY: msp_id and the enrollment
 * certificate), one `signed_by` per consenter in mapping order.
 */
export function bftBlockValidationPolicyJson(mapping: readonly Pick<ConsenterJson, 'msp_id' | 'identity'>[]): Json {
  return {
    type: 1,
    value: {
      identities: mapping.map((consenter) => ({
        principal: { id_bytes: consenter.identity, mspid: consenter.msp_id },
        principal_classification: 'IDENTITY',
      })),
      rule: { n_out_of: { n: bftQuorum(mapping.length), rules: mapping.map((_, index) => ({ signed_by: index })) } },
      version: 0,
    },
  };
}
