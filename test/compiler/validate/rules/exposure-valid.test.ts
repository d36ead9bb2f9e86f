import { describe, expect, it } from 'vitest';
import { exposureValid } from '../../../../src/compiler/validate/rules/exposure-valid.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('exposureValid', () => {
  it('accepts each mode with the fields it uses', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.kubernetes = { exposure: { mode: 'gateway', port: 8443, gateway: { name: 'edge' } } };
      s.organizations.org1!.kubernetes = {
        exposure: { mode: 'loadBalancer', annotations: { a: 'b' }, loadBalancerClass: 'service.k8s.aws/nlb' },
      };
      s.organizations.org2!.kubernetes = { exposure: { mode: 'cluster' } };
    });
    expectDiagnostics(exposureValid, yaml, []);
  });

  it('reports, at the key, a field another mode uses', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.kubernetes = { exposure: { mode: 'cluster', gateway: { name: 'edge' } } };
      s.organizations.org2!.kubernetes = { exposure: { mode: 'gateway', ingressNginx: {}, annotations: {} } };
    });
    expectDiagnostics(exposureValid, yaml, [
      {
        at: at(yaml, 'gateway:'),
        code: 'NS_EXPOSURE_INVALID',
        message: "organization 'org1': 'gateway' has no effect in exposure mode 'cluster'",
      },
      `${at(yaml, 'annotations:')} error NS_EXPOSURE_INVALID`,
    ]);
  });

  it('needs exactly one route form behind a gateway', () => {
    const neither = specYaml((s) => {
      s.organizations.ops!.kubernetes = { exposure: { mode: 'gateway' } };
    });
    expectDiagnostics(exposureValid, neither, [
      { at: at(neither, '^mode: gateway'), code: 'NS_EXPOSURE_INVALID', message: /neither/ },
    ]);
    const both = specYaml((s) => {
      s.organizations.ops!.kubernetes = { exposure: { mode: 'gateway', gateway: { name: 'g' }, ingressNginx: {} } };
    });
    const run = expectDiagnostics(exposureValid, both, [`${at(both, '^mode: gateway')} error NS_EXPOSURE_INVALID`]);
    expect(run.diagnostics[0]!.message).toContain('both a gateway and ingressNginx');
  });

  it('refuses, behind a gateway, an address host SNI cannot carry', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.kubernetes = { exposure: { mode: 'gateway', gateway: { name: 'edge' } } };
      s.organizations.org1!.peers = [
        { name: 'peer0', address: '10.1.2.3:443' },
        { name: 'peer1', host: 'Peer1.Org1.example.com' },
      ];
    });
    const run = expectDiagnostics(exposureValid, yaml, [
      `${at(yaml, 'address: ^10.1.2.3:443')} error NS_EXPOSURE_INVALID`,
      `${at(yaml, 'host: ^Peer1.Org1.example.com')} error NS_EXPOSURE_INVALID`,
    ]);
    expect(run.diagnostics[0]!.message).toBe(
      "organization 'org1', peer 'peer0': its address host '10.1.2.3' cannot be routed by SNI (an IP address)",
    );
  });
});
