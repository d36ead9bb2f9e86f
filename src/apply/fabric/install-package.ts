// Installing an org's chaincode package on each of its peers (`peer lifecycle chaincode install`), the step
// before its approval: a peer runs a chaincode only from a package installed on it, under the package id its
// org approved. Each peer is asked what it has (QueryInstalledChaincodes) and is sent the package only when
// missing, so a re-run installs nothing. The id the peer answers with must be the one netspec computed and
// approves (`<label>:<sha256 of the bytes>`): a different id means the peer names the package otherwise, and
// the approval would point at a package no peer runs.
//
// Fabric does not require the package to be installed before the approval (an org may approve first and
// install later), so a peer that cannot be reached is reported as failed without holding the approval back.
import type { ApplyStep, StepOutcome } from './apply-steps.js';
import type { CcaasPackage } from './ccaas-package.js';
import type { ClientIdentity } from './client-identity.js';
import { failureCode } from './failure-code.js';
import { messageOf } from './fetch-state.js';
import { type ConnectionOptions, NodeConnection } from './grpc-connection.js';
import { installChaincode, queryInstalledChaincodes } from './lifecycle-proposals.js';
import type { NodeEndpoint } from './node-endpoints.js';

export type InstallStep = (
  target: string,
  outcome: StepOutcome,
  detail: string,
  facts?: Pick<ApplyStep, 'txId' | 'code'>,
) => void;

/** Installs the package on every peer given (the acting org's own), reporting one step per peer. */
export async function installOnPeers(
  peers: readonly NodeEndpoint[],
  identity: ClientIdentity,
  pkg: CcaasPackage,
  connection: ConnectionOptions | undefined,
  step: InstallStep,
): Promise<void> {
  if (peers.length === 0)
    return step('-', 'failed', `${identity.organization.name} has no peer in the spec`, { code: 'NS_APPLY_NO_NODE' });
  for (const endpoint of peers) {
    const peer = new NodeConnection(endpoint, connection);
    try {
      const installed = await queryInstalledChaincodes(peer, identity.signer);
      if (installed.some((p) => p.packageId === pkg.packageId)) {
        step(endpoint.ref, 'already', `package ${pkg.packageId} already installed`);
        continue;
      }
      const answer = await installChaincode(peer, identity.signer, pkg.bytes);
      if (answer.packageId !== pkg.packageId)
        step(
          endpoint.ref,
          'failed',
          `the peer installed the package as ${answer.packageId}, not ${pkg.packageId} as computed and approved: ` +
            'check the peer’s chaincode builders before approving',
          { code: 'NS_APPLY_PACKAGE_MISMATCH' },
        );
      else
        step(endpoint.ref, 'applied', `installed package ${answer.packageId} (tx ${answer.txId})`, {
          txId: answer.txId,
        });
    } catch (error) {
      step(endpoint.ref, 'failed', `package ${pkg.packageId} not installed: ${messageOf(error)}`, {
        code: failureCode(error, 'NS_APPLY_PEER_REFUSED'),
      });
    } finally {
      peer.close();
    }
  }
}
