// `netspec apply <bundle>`: applies a planned bundle to one kind of live system at a time. Each target
// (Kubernetes, Quorum, ...) lives in its own apply-<target>.ts and is loaded only when asked for; with no target
// flag, the bundle's Fabric part is applied (apply-fabric.ts).
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { action } from '../action.js';
import { checkFlagPaths } from '../check-paths.js';
import { checkInputFolder, UserError } from '../output.js';
import type { ApplyOptions } from './_apply-options.js';

type ApplyTarget = (bundle: string, options: ApplyOptions) => Promise<number>;

/** Each target module exports `runApply(bundle, options)`; add a target by adding one line. */
const TARGETS: Record<string, () => Promise<{ runApply: ApplyTarget }>> = {
  k8s: () => import('./apply-k8s.js'),
  quorum: () => import('./apply-quorum.js'),
  users: () => import('./apply-users.js'),
};

export function register(program: Command): void {
  program
    .command('apply')
    .description('apply a planned, signed bundle to the live network')
    .argument('<bundle>', 'the bundle folder written by `netspec plan --out`')
    .option('--org <org>', 'act as this organization (each org applies its own part)')
    .option('--k8s', 'apply the Kubernetes manifests')
    .option('--quorum', 'cast this org’s Quorum validator votes')
    .option('--users', 'register and enroll application users with the org’s CA')
    .option('--dry-run', 'show what would be done without changing anything')
    .option('--timeout <seconds>', 'how long to wait for a change to take effect')
    .option('--spec <network.yaml>', 'the network spec (default: network.yaml beside the bundle folder)')
    .option('--state <dir>', 'the live state folder (default: state/ beside the spec)')
    .option('--enroll-out <dir>', '--users: write enrolled identities (MSP folders, keys 0600) under this folder')
    .option('--admin-cert <file>', '--users: the CA admin certificate (default: the org’s connection identity)')
    .option('--admin-key <file>', '--users: the CA admin private key (default: the org’s connection identity)')
    .option('--cert <file>', 'Fabric: the signing certificate (default: the org’s connection identity)')
    .option(
      '--key <file>',
      'Fabric: the signing private key, a PEM file or a PKCS#11 URI (default: the org’s connection identity)',
    )
    .option('--tls-cert <file>', 'Fabric: client TLS certificate for mutual TLS')
    .option('--tls-key <file>', 'Fabric: client TLS private key for mutual TLS')
    .action(
      action(async (bundle: string, options: ApplyOptions) => {
        checkFlagPaths(options, {
          files: ['spec', 'adminCert', 'adminKey', 'cert', 'tlsCert', 'tlsKey'],
          keys: ['key'],
          folders: ['state'],
          outputFolders: ['enrollOut'],
        });
        // --users also takes a network.yaml: the user's own spec, enrolled from as it is.
        if (!(options.users && existsSync(bundle) && statSync(bundle).isFile())) checkInputFolder(bundle, 'the bundle');
        const chosen = Object.keys(TARGETS).filter((name) => options[name as keyof ApplyOptions]);
        // No target flag: the bundle's Fabric part (channel updates, new channels) goes to orderers and peers.
        if (chosen.length === 0) return (await import('./apply-fabric.js')).runApply(bundle, options);
        if (chosen.length !== 1) {
          const flags = Object.keys(TARGETS).map((name) => `--${name}`);
          throw new UserError(`choose at most one of ${flags.join(', ') || '(no target available)'}`);
        }
        const target = await TARGETS[chosen[0]!]!();
        return target.runApply(bundle, options);
      }),
    );
}
