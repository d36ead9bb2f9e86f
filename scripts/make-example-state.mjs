// Writes each example network's state/ folder: what a plausible live network exports (config blocks as
// `peer channel fetch config` writes them, committed chaincodes as `peer lifecycle chaincode querycommitted -O json`
// prints them, Quorum validator sets), deliberately behind the spec so `netspec plan` shows a real plan.
// Run after `npm run build`: node scripts/make-example-state.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signatureEnvelopeJson } from '../dist/compiler/fabric/config/policy-json.js';
import { buildGenesisBlock, encode, fromJson } from '../dist/compiler/fabric/index.js';
import { emitManifests, manifestFiles } from '../dist/compiler/k8s/index.js';
import { loadSpec } from '../dist/compiler/load-spec.js';
import { parsePolicyExpression } from '../dist/compiler/model/policy-expression.js';
import { usersStateFile, usersStateText } from '../dist/compiler/plan/state/users-state.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// The live channels were created on this date; a fixed time keeps the committed blocks reproducible.
const CREATED = new Date('2026-03-02T09:00:00Z');

function load(name) {
  const loaded = loadSpec(join(root, 'networks', name, 'network.yaml'));
  if (!loaded.value) throw new Error(`${name}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.value.model;
}

function applicationPolicy(text) {
  const json = text.startsWith('/')
    ? { channel_config_policy_reference: text }
    : { signature_policy: signatureEnvelopeJson(parsePolicyExpression(text).value.rule) };
  return Buffer.from(
    encode('protos.ApplicationPolicy', fromJson('protos.ApplicationPolicy', json).value).value,
  ).toString('base64');
}

function definition(name, version, sequence, policy, extra = {}) {
  return {
    name,
    sequence: String(sequence),
    version,
    endorsement_plugin: 'escc',
    validation_plugin: 'vscc',
    validation_parameter: applicationPolicy(policy),
    collections: {},
    init_required: false,
    ...extra,
  };
}

function writeState(name, model, chaincodes, quorum = {}) {
  const dir = join(root, 'networks', name, 'state');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'fabric'), { recursive: true });
  for (const channel of model.channels) {
    if (!chaincodes[channel.name]) continue; // a channel without live state is new
    const block = buildGenesisBlock(model, channel.name, CREATED);
    if (!block.value) throw new Error(block.diagnostics[0].message);
    writeFileSync(join(dir, 'fabric', `${channel.name}.block`), block.value);
    writeFileSync(
      join(dir, 'fabric', `${channel.name}.chaincodes.json`),
      `${JSON.stringify({ chaincode_definitions: chaincodes[channel.name] }, null, '\t')}\n`,
    );
  }
  // The manifests each org last applied (`netspec apply --k8s` keeps them), emitted from the live model.
  const manifests = emitManifests(model);
  if (!manifests.value) throw new Error(manifests.diagnostics[0].message);
  for (const org of manifests.value) {
    for (const file of manifestFiles(org)) {
      mkdirSync(join(dir, file.path, '..'), { recursive: true });
      writeFileSync(join(dir, file.path), file.text);
    }
  }
  // The application users each org last converged (`netspec apply --users` records them), as the spec has them.
  for (const org of model.organizations) {
    if (org.users.length === 0) continue;
    const file = usersStateFile(dir, org.name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, usersStateText(org.users));
  }
  for (const [network, validators] of Object.entries(quorum)) {
    mkdirSync(join(dir, 'quorum'), { recursive: true });
    writeFileSync(
      join(dir, 'quorum', `${network}.json`),
      `${JSON.stringify({ validators, blockNumber: 48213 }, null, 2)}\n`,
    );
  }
  writeFileSync(
    join(dir, 'README.md'),
    '# Live state (example)\n\nWhat the live network exports, as `netspec fetch` writes it: a plausible live network that is\n' +
      'behind the spec, so `netspec plan` shows real changes. Regenerate with `node scripts/make-example-state.mjs`.\n',
  );
}

// supply-chain: the retailer has not joined `distribution` yet, `production` still batches 100 messages, and two
// chaincodes run their previous definitions.
{
  const model = load('supply-chain');
  const production = model.channels.find((c) => c.name === 'production');
  production.orderer.batchSize.maxMessageCount = 100;
  const distribution = model.channels.find((c) => c.name === 'distribution');
  distribution.members = distribution.members.filter((m) => m !== 'retailer');
  distribution.anchorPeers = distribution.anchorPeers.filter((p) => p.organization !== 'retailer');
  distribution.policies.application.Endorsement = 'MAJORITY Endorsement';
  delete distribution.acls['qscc/GetBlockByNumber'];
  // The chaincode servers still run the previous releases.
  for (const [name, version] of [
    ['product-registry', '1.1'],
    ['shipment-tracking', '1.9'],
  ]) {
    const chaincode = model.chaincodes.find((c) => c.name === name);
    chaincode.version = version;
    chaincode.server.image = chaincode.server.image.replace(/:[^:]+$/, `:${version}`);
  }
  distribution.acls['qscc/GetBlockByNumber'] = '/Channel/Application/Readers';
  writeState('supply-chain', model, {
    production: [
      definition('product-registry', '1.1', 1, "AND('ManufacturerMSP.peer', 'DistributorMSP.peer')"),
      definition('quality-cert', '1.0', 1, '/Channel/Application/Endorsement', {
        collections: {
          config: [
            {
              static_collection_config: {
                name: 'inspectionReports',
                member_orgs_policy: {
                  signature_policy: signatureEnvelopeJson(
                    parsePolicyExpression("OR('ManufacturerMSP.member')").value.rule,
                  ),
                },
                required_peer_count: 0,
                maximum_peer_count: 1,
                block_to_live: '1000000',
                member_only_read: true,
                member_only_write: true,
              },
            },
          ],
        },
      }),
    ],
    distribution: [
      definition('shipment-tracking', '1.9', 2, '/Channel/Application/Endorsement', { init_required: true }),
    ],
  });
}

// quickstart: the `invoices` channel does not exist yet (the plan creates it), and the payments network runs three
// of its four validators (the plan votes the fourth in, raising f from 0 to 1).
{
  const model = load('quickstart');
  const { addressFromPublicKey } = await import('../dist/compiler/quorum/index.js');
  const payments = model.quorum.find((network) => network.name === 'payments');
  const live = payments.validators.slice(0, 3).map((validator) => addressFromPublicKey(validator.publicKey));
  // Nodes run already; the channel and its chaincode servers come with this plan.
  model.chaincodes = [];
  writeState('quickstart', model, {}, { payments: live });
}
