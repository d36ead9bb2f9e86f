// The CA and user fields apply --users reads: the CA name requests carry (none for `name: null`), the CA-only
// TLS root resolved against the spec's folder, and affiliations as Fabric CA stores them ('.' is '').
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../src/compiler/model/index.js';
import { normalize } from '../../../src/compiler/model/index.js';
import { parseYaml } from '../../../src/compiler/parse/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

const specFile = join(repoRoot, 'networks/supply-chain/network.yaml');
const spec = (edit: (s: NetworkSpec) => void) => {
  const parsed = parseYaml(specFile, readFileSync(specFile, 'utf8')).value!.data as NetworkSpec;
  edit(parsed);
  return normalize(parsed, dirname(specFile)).organizations.find((org) => org.name === 'manufacturer')!;
};

describe('normalize: ca and users', () => {
  it('defaults the CA name, and sends it with requests', () => {
    expect(spec(() => {}).ca).toMatchObject({ name: 'ca-manufacturer', requestName: 'ca-manufacturer' });
    expect(spec(() => {}).ca.tlsCaCert).toBeUndefined();
  });

  it("name: null keeps ca-<org> for what netspec deploys but sends no CA name (the server's default CA)", () => {
    const org = spec((s) => {
      s.organizations.manufacturer!.ca = { name: null, tlsCACert: 'crypto/manufacturer/ca-tls.pem' };
    });
    expect(org.ca.name).toBe('ca-manufacturer');
    expect(org.ca.requestName).toBeUndefined();
    expect(org.ca.tlsCaCert).toBe(join(repoRoot, 'networks/supply-chain/crypto/manufacturer/ca-tls.pem'));
  });

  it("keeps a user's affiliation as the CA stores it, and leaves an unset one uncompared", () => {
    const org = spec((s) => {
      s.organizations.manufacturer!.users = [
        { name: 'a', affiliation: '.' },
        { name: 'b', affiliation: 'manufacturer.plant1' },
        { name: 'c' },
      ];
    });
    expect(org.users.map((user) => user.affiliation)).toEqual(['', 'manufacturer.plant1', undefined]);
  });
});
