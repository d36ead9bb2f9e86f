import { describe, it } from 'vitest';
import { mspMaterialPresent } from '../../../../src/compiler/validate/rules/msp-material-present.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('mspMaterialPresent', () => {
  it('accepts an MSP folder', () => {
    expectDiagnostics(mspMaterialPresent, specYaml(), []);
  });

  it('accepts explicit CA and TLS CA certificates', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.msp = { caCerts: ['ca.pem'], tlsCaCerts: ['tlsca.pem'] };
    });
    expectDiagnostics(mspMaterialPresent, yaml, []);
  });

  it('reports an MSP with neither a folder nor certificates, at the msp key', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.msp = { caCerts: ['ca.pem'] };
    });
    expectDiagnostics(mspMaterialPresent, yaml, [
      {
        at: at(yaml, '^caCerts'),
        code: 'NS_MSP_INCOMPLETE',
        message: "organization 'org1' names no msp.tlsCaCerts",
      },
    ]);
  });
});
