import { describe, it } from 'vitest';
import { raftConsenterCount } from '../../../../src/compiler/validate/rules/raft-consenter-count.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('raftConsenterCount', () => {
  it('accepts three consenters', () => {
    expectDiagnostics(raftConsenterCount, specYaml(), []);
  });

  it('warns about a single consenter', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.consenters = ['ops/orderer0'];
    });
    expectDiagnostics(raftConsenterCount, yaml, [
      { at: at(yaml, '^- ops/orderer0'), severity: 'warning', code: 'NS_RAFT_SINGLE_CONSENTER' },
    ]);
  });

  it.each([2, 4])('refuses %d consenters', (count) => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.consenters = Array.from({ length: count }, (_, i) => `ops/orderer${i}`);
    });
    expectDiagnostics(raftConsenterCount, yaml, [
      {
        at: at(yaml, '^- ops/orderer0'),
        code: 'NS_RAFT_EVEN_CONSENTERS',
        message: new RegExp(`has ${count} Raft consenters: it needs ${count / 2 + 1} to agree`),
      },
    ]);
  });

  it('downgrades the even-count error to a warning when allow names it', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.consenters = ['ops/orderer0', 'ops/orderer1'];
      s.allow = [{ code: 'NS_RAFT_EVEN_CONSENTERS', reason: 'migrating to 3' }];
    });
    expectDiagnostics(raftConsenterCount, yaml, [
      {
        at: at(yaml, '^- ops/orderer0'),
        severity: 'warning',
        code: 'NS_RAFT_EVEN_CONSENTERS',
        message: /allowed by the spec/,
      },
    ]);
  });
});
