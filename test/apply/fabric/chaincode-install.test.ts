// Installing the org's CCaaS package on its peers before the approval: every peer of the org gets the package
// (stored by the fake peer, as Fabric's, under `<label>:<sha256>`), a peer that has it is left alone, a re-run
// installs nothing; the peer's answer must carry the package id netspec computed and approves; the fake peer is
// checked to be as strict as Fabric's (only a valid tar.gz with metadata.json; only the peer org's admins) and
// as lenient (an approval does not need the package installed).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ApplyStep,
  ccaasPackage,
  installChaincode,
  NodeConnection,
  ProposalRefusedError,
  peerEndpoints,
  queryInstalledChaincodes,
} from '../../../src/apply/fabric/index.js';
import { mustEncode } from '../../../src/apply/fabric/signed-envelopes.js';
import { tarGzip } from '../../../src/compiler/fabric/package/deterministic-tar-gzip.js';
import { adminSigner, type Org } from '../../governance/_fixtures.js';
import { applyChaincodesAs, identityOf, lifecycleNetwork } from './_lifecycle-network.js';
import { FAST, planBundle, type TestNetwork } from './_network.js';

let network: TestNetwork | undefined;
afterEach(async () => {
  await network?.fake.stop();
  network = undefined;
});

async function runAs(net: TestNetwork, org: Org, channel = 'production'): Promise<ApplyStep[]> {
  const plan = planBundle(net).plan;
  return applyChaincodesAs(net, org, { ...plan, chaincodes: plan.chaincodes.filter((c) => c.channel === channel) });
}

function registryPackage(net: TestNetwork, org: Org) {
  const chaincode = net.model.chaincodes.find((c) => c.name === 'product-registry')!;
  return ccaasPackage(net.model, org, chaincode)!;
}

async function onPeer<T>(net: TestNetwork, org: Org, ask: (connection: NodeConnection) => Promise<T>): Promise<T> {
  const connection = new NodeConnection(peerEndpoints(net.model, org)[0]!, FAST);
  try {
    return await ask(connection);
  } finally {
    connection.close();
  }
}

const installs = (steps: ApplyStep[]) =>
  steps.filter((s) => s.action === 'install').map((s) => `${s.target} ${s.outcome}`);

describe('chaincode install: the org’s package on each of its peers before the approval', () => {
  it('installs on every peer under the computed package id; a peer that has it is left alone; re-runs send nothing', async () => {
    network = await lifecycleNetwork();
    const pkg = registryPackage(network, 'manufacturer');
    expect(pkg.packageId).toBe(`product-registry_1.2:${createHash('sha256').update(pkg.bytes).digest('hex')}`);
    // peer1 already has the package (installed by hand, say): only peer0 is sent it.
    network.fake.chaincodeStore.answer(
      'peer1.manufacturer.supply.example.com',
      'InstallChaincode',
      mustEncode('lifecycle.InstallChaincodeArgs', { chaincode_install_package: pkg.bytes }),
    );
    const first = await runAs(network, 'manufacturer');
    expect(installs(first)).toEqual(['manufacturer/peer0 applied', 'manufacturer/peer1 already']);
    expect(first[0]!.detail).toMatch(
      new RegExp(`^product-registry \\(sequence 2\\): installed package ${pkg.packageId} \\(tx [0-9a-f]{64}\\)$`),
    );
    expect(first[0]!.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(first[1]!.detail).toBe(`product-registry (sequence 2): package ${pkg.packageId} already installed`);
    for (const host of ['peer0.manufacturer.supply.example.com', 'peer1.manufacturer.supply.example.com']) {
      const stored = network.fake.chaincodeStore.installed.get(host)!.get(pkg.packageId)!;
      expect(Buffer.from(stored.bytes).equals(Buffer.from(pkg.bytes))).toBe(true);
      expect(stored.label).toBe('product-registry_1.2');
    }
    // The approval names the installed package.
    const approval = network.fake.lifecycle.approvals.get('production/product-registry')!.get('ManufacturerMSP')!;
    expect(approval.packageId).toBe(pkg.packageId);
    // Another org's package (its own namespace in connection.json) is its own business, on its own peer.
    expect(network.fake.chaincodeStore.installed.get('peer0.distributor.supply.example.com')).toBeUndefined();

    const proposals = network.fake.received.proposals.length;
    const again = await runAs(network, 'manufacturer');
    expect(installs(again)).toEqual(['manufacturer/peer0 already', 'manufacturer/peer1 already']);
    expect(network.fake.received.proposals.slice(proposals)).not.toContain('_lifecycle.InstallChaincode');
  });

  it('refuses a peer answer whose package id differs from the computed one, and reports it per peer', async () => {
    network = await lifecycleNetwork();
    const store = network.fake.chaincodeStore;
    const real = store.answer.bind(store);
    // A peer that names packages otherwise (as if it hashed something else).
    store.answer = (peer, fn, arg) => {
      const answer = real(peer, fn, arg);
      if (fn !== 'InstallChaincode' || peer !== 'peer1.manufacturer.supply.example.com' || answer?.status !== 200)
        return answer;
      return { ...answer, payload: encodeResult('product-registry_1.2:00ff') };
    };
    const steps = await runAs(network, 'manufacturer');
    expect(installs(steps)).toEqual(['manufacturer/peer0 applied', 'manufacturer/peer1 failed']);
    expect(steps[1]!.detail).toMatch(
      /the peer installed the package as product-registry_1\.2:00ff, not product-registry_1\.2:[0-9a-f]{64} as computed and approved/,
    );
    // Fabric does not need the package installed to approve: the approval still goes ahead.
    expect(steps.find((s) => s.action === 'approve')!.outcome).toBe('applied');
  });

  it('the fake peer is as strict as Fabric: a valid tar.gz with metadata.json, from an admin of the peer’s org', async () => {
    network = await lifecycleNetwork();
    const manufacturer = identityOf(network, 'manufacturer').signer;
    const text = (value: string) => new TextEncoder().encode(value);
    const refusal = async (bytes: Uint8Array, signer = manufacturer) => {
      const error = await onPeer(network!, 'manufacturer', (c) => installChaincode(c, signer, bytes)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProposalRefusedError);
      return (error as ProposalRefusedError).peerMessage;
    };
    expect(await refusal(text('not a package'))).toMatch(
      /could not parse as a chaincode install package: error reading as gzip/,
    );
    expect(await refusal(tarGzip([{ name: 'code.tar.gz', bytes: text('x') }]))).toMatch(
      /did not find any package metadata \(missing metadata\.json\)/,
    );
    expect(
      await refusal(
        tarGzip([
          { name: 'code.tar.gz', bytes: text('x') },
          { name: 'metadata.json', bytes: text('{"type":"ccaas","label":"-bad label"}') },
        ]),
      ),
    ).toMatch(/invalid label '-bad label'/);
    const pkg = registryPackage(network, 'manufacturer');
    expect(await refusal(pkg.bytes, identityOf(network, 'distributor').signer)).toMatch(
      /failed ACL check: the creator \(DistributorMSP\) is not an admin of the peer's local MSP ManufacturerMSP/,
    );
    const installed = await onPeer(network, 'manufacturer', (c) => installChaincode(c, manufacturer, pkg.bytes));
    expect(installed).toMatchObject({ packageId: pkg.packageId, label: 'product-registry_1.2' });
    expect(await refusal(pkg.bytes)).toMatch(
      `chaincode already successfully installed (package ID '${pkg.packageId}')`,
    );
    expect(await onPeer(network, 'manufacturer', (c) => queryInstalledChaincodes(c, manufacturer))).toEqual([
      { packageId: pkg.packageId, label: 'product-registry_1.2' },
    ]);
  });

  it('an install the peer refuses is reported for that peer; the approval still goes ahead, as Fabric allows', async () => {
    network = await lifecycleNetwork();
    // peer1 answers as if it belonged to another org: the manufacturer's admin is not its admin.
    network.fake.endorsers.set('peer1.manufacturer.supply.example.com', adminSigner('retailer').identity);
    const steps = await runAs(network, 'manufacturer');
    expect(steps.map((s) => `${s.action} ${s.target} ${s.outcome}`)).toEqual([
      'install manufacturer/peer0 applied',
      'install manufacturer/peer1 failed',
      'approve manufacturer/peer0 applied',
      'commit - waiting',
    ]);
    expect(steps[1]!.detail).toMatch(
      /not installed: QueryInstalledChaincodes: manufacturer\/peer1 refused \(status 500: .*failed ACL check/,
    );
  });
});

function encodeResult(packageId: string): Uint8Array {
  return mustEncode('lifecycle.InstallChaincodeResult', { package_id: packageId, label: 'product-registry_1.2' });
}
