import { describe, it } from 'vitest';
import { uniqueEndpoints } from '../../../../src/compiler/validate/rules/unique-endpoints.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('uniqueEndpoints', () => {
  it('accepts nodes on their default hosts and ports', () => {
    expectDiagnostics(uniqueEndpoints, specYaml(), []);
  });

  it('reports two peers given the same host (case-insensitively) and port', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.peers = [
        { name: 'peer0', host: 'shared.example.com', port: 7051 },
        { name: 'peer1', host: 'SHARED.example.com', port: 7051 },
      ];
    });
    expectDiagnostics(uniqueEndpoints, yaml, [
      {
        at: at(yaml, 'port: ^7051', 2),
        code: 'NS_DUPLICATE_ENDPOINT',
        message: "peer 'org1/peer1' listens on shared.example.com:7051, already used by peer 'org1/peer0'",
        related: [at(yaml, 'port: ^7051', 1)],
      },
    ]);
  });

  it('accepts the same port on different hosts', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.peers = [
        { name: 'peer0', port: 7051 },
        { name: 'peer1', port: 7051 },
      ];
    });
    expectDiagnostics(uniqueEndpoints, yaml, []);
  });

  it('applies default hosts and ports: a peer on an orderer host and port collides with it', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.peers = [{ name: 'peer9', host: 'orderer0.ops.example.com', port: 7050 }];
    });
    // The orderer wrote neither host nor port, so its location is its name.
    expectDiagnostics(uniqueEndpoints, yaml, [
      { at: at(yaml, 'port: ^7050'), code: 'NS_DUPLICATE_ENDPOINT', related: [at(yaml, 'name: ^orderer0')] },
    ]);
  });

  it('counts the CA and operations ports', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.ca = { host: 'peer1.org1.example.com', port: 7051 };
      s.organizations.org2!.peers![0]!.operationsPort = 7051;
    });
    expectDiagnostics(uniqueEndpoints, yaml, [
      // org1 writes its CA before its peers, so the peer is the later listener.
      {
        at: at(yaml, 'name: ^peer1'),
        code: 'NS_DUPLICATE_ENDPOINT',
        message: "peer 'org1/peer1' listens on peer1.org1.example.com:7051, already used by CA of 'org1'",
        related: [at(yaml, 'port: ^7051')],
      },
      { at: at(yaml, 'operationsPort: ^7051'), code: 'NS_DUPLICATE_ENDPOINT', related: [at(yaml, 'name: ^peer0', 2)] },
    ]);
  });

  it('counts Quorum nodes with their default p2p and RPC ports', () => {
    const yaml = specYaml((s) => {
      const validators = s.quorum!.payments!.validators;
      validators[0]!.host = 'node.example.com';
      validators[1]!.host = 'node.example.com';
      validators[1]!.rpcPort = 8546;
    });
    expectDiagnostics(uniqueEndpoints, yaml, [
      { at: at(yaml, 'host: ^node.example.com', 2), code: 'NS_DUPLICATE_ENDPOINT', message: /30303/ },
    ]);
  });
});
