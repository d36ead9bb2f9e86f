// The fake network set up for chaincode lifecycle tests: each peer endorses as its org, and each org acts with
// its admin identity, as its own CI would.
import { readFileSync } from 'node:fs';
import {
  type ApplyStep,
  applyChaincodeLifecycle,
  type ClientIdentity,
  identityFromPem,
} from '../../../src/apply/fabric/index.js';
import type { Plan } from '../../../src/compiler/plan/index.js';
import { adminFiles, adminSigner, type Org } from '../../governance/_fixtures.js';
import { FAST, planBundle, startNetwork, type TestNetwork } from './_network.js';

const PEERS: Record<string, Org> = {
  'peer0.manufacturer.supply.example.com': 'manufacturer',
  'peer1.manufacturer.supply.example.com': 'manufacturer',
  'peer0.distributor.supply.example.com': 'distributor',
  'peer0.retailer.supply.example.com': 'retailer',
};

export async function lifecycleNetwork(): Promise<TestNetwork> {
  const net = await startNetwork();
  // Each peer endorses as its org (the example's admin identities stand in for the peers' own).
  for (const [host, org] of Object.entries(PEERS)) net.fake.endorsers.set(host, adminSigner(org).identity);
  return net;
}

export function identityOf(net: TestNetwork, org: Org): ClientIdentity {
  const files = adminFiles(org);
  const chosen = identityFromPem(
    net.model.organizations.find((o) => o.name === org)!,
    readFileSync(files.certFile, 'utf8'),
    readFileSync(files.keyFile, 'utf8'),
  );
  if ('error' in chosen) throw new Error(chosen.error);
  return chosen.identity;
}

/** `netspec apply --org <org>` for the plan's chaincodes (the bundle's plan by default); returns its steps. */
export async function applyChaincodesAs(
  net: TestNetwork,
  org: Org,
  plan: Plan = planBundle(net).plan,
): Promise<ApplyStep[]> {
  const steps: ApplyStep[] = [];
  await applyChaincodeLifecycle(
    { plan, model: net.model, identity: identityOf(net, org), connection: FAST, commitTimeoutMs: 1000, pollMs: 10 },
    (step) => steps.push(step),
  );
  return steps;
}
