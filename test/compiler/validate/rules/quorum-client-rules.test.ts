// Besu first: GoQuorum is end-of-life (a warning), its `ibft` is IBFT 1.0 (refused unless allowed), and Tessera
// privacy under Besu is deprecated (a warning). Besu and QBFT are the defaults.
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../../src/compiler/model/index.js';
import { besuPrivacyDeprecated } from '../../../../src/compiler/validate/rules/besu-privacy-deprecated.js';
import { bftValidatorCount } from '../../../../src/compiler/validate/rules/bft-validator-count.js';
import { goquorumEndOfLife } from '../../../../src/compiler/validate/rules/goquorum-end-of-life.js';
import { goquorumIbft } from '../../../../src/compiler/validate/rules/goquorum-ibft.js';
import { quorumConsensusClient } from '../../../../src/compiler/validate/rules/quorum-consensus-client.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { baseSpec, specYaml } from './_base-spec.js';

describe('goquorumIbft', () => {
  it('refuses ibft under GoQuorum, at the consensus, saying it is IBFT 1.0', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.client = 'goquorum';
      s.quorum!.payments!.consensus = 'ibft';
    });
    expectDiagnostics(goquorumIbft, yaml, [
      {
        at: at(yaml, 'consensus: ^ibft'),
        code: 'NS_GOQUORUM_IBFT',
        message: /IBFT 1\.0 \(istanbul\), not the IBFT 2\.0 Besu runs/,
      },
    ]);
  });

  it('keeps it visible as a warning when allow names it', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.client = 'goquorum';
      s.quorum!.payments!.consensus = 'ibft';
      s.allow = [{ code: 'NS_GOQUORUM_IBFT', reason: 'legacy chain until the QBFT migration' }];
    });
    expectDiagnostics(goquorumIbft, yaml, [
      {
        at: at(yaml, 'consensus: ^ibft'),
        severity: 'warning',
        code: 'NS_GOQUORUM_IBFT',
        message: /allowed by the spec/,
      },
    ]);
  });

  it('accepts ibft under Besu (IBFT 2.0) and qbft under GoQuorum', () => {
    expectDiagnostics(
      goquorumIbft,
      specYaml((s) => {
        s.quorum!.payments!.consensus = 'ibft';
      }),
      [],
    );
    expectDiagnostics(
      goquorumIbft,
      specYaml((s) => {
        s.quorum!.payments!.client = 'goquorum';
      }),
      [],
    );
  });
});

describe('goquorumEndOfLife', () => {
  it('warns that GoQuorum has reached end of life, pointing at QBFT as the way to Besu', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.client = 'goquorum';
    });
    const run = expectDiagnostics(goquorumEndOfLife, yaml, [
      {
        at: at(yaml, 'client: ^goquorum'),
        severity: 'warning',
        code: 'NS_GOQUORUM_END_OF_LIFE',
        message: /end of life/,
      },
    ]);
    expect(run.diagnostics[0]!.hint).toMatch(/both clients run QBFT/);
  });

  it('says nothing of Besu, written or by default', () => {
    expectDiagnostics(goquorumEndOfLife, specYaml(), []);
    expectDiagnostics(
      goquorumEndOfLife,
      specYaml((s) => {
        delete s.quorum!.payments!.client;
      }),
      [],
    );
  });
});

describe('besuPrivacyDeprecated', () => {
  it('warns about Tessera under Besu, also when Besu is the default', () => {
    const yaml = specYaml((s) => {
      delete s.quorum!.payments!.client;
      s.quorum!.payments!.privacy = true;
    });
    expectDiagnostics(besuPrivacyDeprecated, yaml, [
      {
        at: at(yaml, 'privacy: ^true'),
        severity: 'warning',
        code: 'NS_BESU_PRIVACY_DEPRECATED',
        message: /deprecated/,
      },
    ]);
  });

  it('says nothing of privacy under GoQuorum', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.client = 'goquorum';
      s.quorum!.payments!.privacy = true;
    });
    expectDiagnostics(besuPrivacyDeprecated, yaml, []);
  });
});

describe('Besu and QBFT by default', () => {
  it('normalize fills client besu and consensus qbft', () => {
    const spec = baseSpec();
    delete spec.quorum!.payments!.client;
    delete spec.quorum!.payments!.consensus;
    const network = normalize(spec, '/tmp').quorum[0]!;
    expect([network.client, network.consensus]).toEqual(['besu', 'qbft']);
  });

  it('the rules that depend on them apply the same defaults', () => {
    const raft = specYaml((s) => {
      delete s.quorum!.payments!.client;
      s.quorum!.payments!.consensus = 'raft';
    });
    expectDiagnostics(quorumConsensusClient, raft, [
      { at: at(raft, 'consensus: ^raft'), code: 'NS_QUORUM_CONSENSUS_CLIENT' },
    ]);
    const three = specYaml((s) => {
      delete s.quorum!.payments!.consensus;
      s.quorum!.payments!.validators.pop();
    });
    expectDiagnostics(bftValidatorCount, three, [
      { at: at(three, '^- name: validator1'), code: 'NS_BFT_TOO_FEW_VALIDATORS' },
    ]);
  });
});
