// A repository for the console tests: the quickstart and supply-chain example networks committed, then a plan
// bundle of the supply-chain network signed by the manufacturer's admin alone (with the DEMO-ONLY key netspec
// crypto committed for that organization), so the bundle waits for the distributor's signature.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '../e2e/_git-repo.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

export const NETWORKS = ['quickstart', 'supply-chain'] as const;

const ALICE = { name: 'Alice Operator', email: 'alice@operator.supply.example.com' };
const MANUFACTURER_ADMIN = { name: 'Mia Manufacturer', email: 'mia@manufacturer.supply.example.com' };

export interface ConsoleRepo extends TempRepo {
  commits: { networks: string; bundle: string };
}

export function createConsoleRepo(): ConsoleRepo {
  const repo = createTempRepo('netspec-console-');
  for (const network of NETWORKS)
    cpSync(join(repoRoot, 'networks', network), join(repo.root, 'networks', network), { recursive: true });
  // History links each commit to the origin's web page; the tests never follow the link.
  repo.git(['remote', 'add', 'origin', 'https://github.com/example/consortium.git']);
  const networks = repo.commit('The quickstart and supply-chain networks', ['networks'], ALICE);

  const plan = runCli(['plan', 'networks/supply-chain/network.yaml', '--out', 'networks/supply-chain/bundle'], {
    cwd: repo.root,
    env: { SOURCE_DATE_EPOCH: String(repo.clock) },
  });
  if (plan.code !== 2) throw new Error(`plan --out failed (${plan.code}): ${plan.stderr}`);
  const admin = 'networks/supply-chain/crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp';
  const sign = runCli(
    [
      'sign',
      'networks/supply-chain/bundle',
      '--msp-id',
      'ManufacturerMSP',
      '--cert',
      `${admin}/signcerts/Admin@manufacturer.supply.example.com-cert.pem`,
      '--key',
      `${admin}/keystore/priv_sk`,
    ],
    { cwd: repo.root },
  );
  if (sign.code !== 0) throw new Error(`sign failed (${sign.code}): ${sign.stderr}`);
  const bundle = repo.commit(
    'Plan bundle for the supply-chain network, signed by the manufacturer',
    ['networks/supply-chain/bundle'],
    MANUFACTURER_ADMIN,
  );
  return Object.assign(repo, { commits: { networks, bundle } });
}
