import { describe, expect, it } from 'vitest';
import { parseSpecFile } from '../../../../src/compiler/parse/index.js';
import { checkSchema } from '../../../../src/compiler/validate/schema/index.js';
import { lineColOf, parseInline } from '../../../helpers/parse-inline.js';

/** Every diagnostic as `line:col CODE message`, in the order checkSchema returns them. */
function check(yaml: string): string[] {
  const parsed = parseInline(yaml);
  return checkSchema(parsed).map((d) => `${lineColOf(parsed, d)} ${d.code} ${d.message}`);
}

/** The hints, aligned with `check`. */
function hints(yaml: string): (string | undefined)[] {
  return checkSchema(parseInline(yaml)).map((d) => d.hint);
}

// A small spec the schema accepts; each test below breaks one thing in a copy written out in full,
// so the expected line:col can be read straight off the text.
const VALID = `
  apiVersion: netspec/v1
  name: demo
  organizations:
    acme:
      mspId: AcmeMSP
      domain: acme.example.com
      roles: [operator, participant]
      msp:
        directory: crypto/acme/msp
      peers:
        - name: peer0
          port: 7051
      orderers:
        - name: orderer0
  channels:
    trade:
      members: [acme]
      orderer:
        organizations: [acme]
        consenters: [acme/orderer0]
        batchTimeout: 2s
  `;

describe('checkSchema', () => {
  it('accepts the supply-chain example', () => {
    const parsed = parseSpecFile('networks/supply-chain/network.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(checkSchema(parsed.value!)).toEqual([]);
  });

  it('accepts a minimal spec', () => {
    expect(check(VALID)).toEqual([]);
  });

  it('says so when the document is not a mapping at all', () => {
    expect(check('- apiVersion: netspec/v1\n')).toEqual([
      '1:1 NS_SCHEMA_TYPE the spec must be a mapping (key: value), not a list',
    ]);
  });

  describe('unknown keys', () => {
    it('points at the misspelt key, names its place and suggests the real one', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
        channels:
          trade:
            membrs: [acme]
            orderer:
              organizations: [acme]
              consenters: [acme/orderer0]
        `;
      // The missing `members` is the same mistake: it is not reported a second time.
      expect(check(yaml)).toEqual(["11:5 NS_SCHEMA_UNKNOWN_KEY unknown key 'membrs' in channel 'trade'"]);
      expect(hints(yaml)).toEqual(["did you mean 'members'?"]);
    });

    it('lists the allowed keys when nothing is close', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
            ca: { port: 7054, replicas: 2 }
        `;
      expect(check(yaml)).toEqual(["9:23 NS_SCHEMA_UNKNOWN_KEY unknown key 'replicas' in 'ca' of organization 'acme'"]);
      expect(hints(yaml)).toEqual(['allowed keys here: name, host, port, address, tlsCACert, resources']);
    });

    it('finds keys at the top level and inside list items and alternatives', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        chanels: {}
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp:
              directory: msp
              nodeOUs: { enabled: true, clientOu: client }
            peers:
              - name: peer0
                statedatabase: couchdb
        `;
      expect(check(yaml)).toEqual([
        "3:1 NS_SCHEMA_UNKNOWN_KEY unknown key 'chanels' in the spec",
        "11:33 NS_SCHEMA_UNKNOWN_KEY unknown key 'clientOu' in 'msp.nodeOUs' of organization 'acme'",
        "14:9 NS_SCHEMA_UNKNOWN_KEY unknown key 'statedatabase' in peer 'peer0' of organization 'acme'",
      ]);
      expect(hints(yaml)).toEqual([
        "did you mean 'channels'?",
        "did you mean 'clientOU'?",
        "did you mean 'stateDatabase'?",
      ]);
    });
  });

  describe('required fields', () => {
    it('points at the object that lacks the field and names it', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
        `;
      expect(check(yaml)).toEqual(["4:3 NS_SCHEMA_REQUIRED organization 'acme' is missing the required field 'mspId'"]);
      expect(hints(yaml)[0]).toMatch(/^mspId: The organization's MSP id/);
    });

    it('reports each missing top-level field at the document', () => {
      expect(check('# a spec\nname: demo\n')).toEqual([
        "2:1 NS_SCHEMA_REQUIRED the spec is missing the required field 'apiVersion'",
        "2:1 NS_SCHEMA_REQUIRED the spec is missing the required field 'organizations'",
      ]);
    });

    it('names a list item by its position when it has no name', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
            peers:
              - name: peer0
              - port: 7051
        `;
      expect(check(yaml)).toEqual([
        "11:9 NS_SCHEMA_REQUIRED peer #2 of organization 'acme' is missing the required field 'name'",
      ]);
    });
  });

  describe('types', () => {
    it('says what was expected and what was written, at the value', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: participant
            msp: { directory: msp }
            peers:
              - name: peer0
                port: "7051"
                anchor: yes
        `;
      expect(check(yaml)).toEqual([
        "7:12 NS_SCHEMA_TYPE 'roles' of organization 'acme' must be a list, not text ('participant')",
        "11:15 NS_SCHEMA_TYPE 'port' of peer 'peer0' of organization 'acme' must be a whole number, not text ('7051')",
        "12:17 NS_SCHEMA_TYPE 'anchor' of peer 'peer0' of organization 'acme' must be true or false, not text ('yes')",
      ]);
      expect(hints(yaml)).toEqual(['write a list: [participant]', undefined, undefined]);
    });

    it('suggests quoting a version YAML read as a number, keeping the digits as written', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations: {}
        chaincodes:
          - name: basic
            channel: trade
            version: 1.10
            sequence: 1
        `;
      expect(check(yaml)).toEqual([
        "3:16 NS_SCHEMA_RANGE 'organizations' must define at least one entry",
        "7:14 NS_SCHEMA_TYPE 'version' of chaincode 'basic' must be text, not the number 1.1",
      ]);
      expect(hints(yaml)).toEqual([undefined, 'write it in quotes, "1.10", so YAML reads it as text']);
    });

    it('points at the key of an empty value and suggests {}', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
            ca:
        `;
      expect(check(yaml)).toEqual([
        "9:5 NS_SCHEMA_TYPE 'ca' of organization 'acme' must be a mapping (key: value), not empty",
      ]);
      expect(hints(yaml)).toEqual(['write {} for an empty mapping']);
    });

    it('reports a value that fits no alternative once, naming all of them', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp, nodeOUs: enabled }
        allow: [5]
        `;
      expect(check(yaml)).toEqual([
        "8:37 NS_SCHEMA_TYPE 'msp.nodeOUs' of organization 'acme' must be true, false, or a mapping with enabled and the OU names, not text ('enabled')",
        '9:9 NS_SCHEMA_TYPE allow entry 1 must be a diagnostic code such as NS_RAFT_SINGLE_CONSENTER, or a mapping with code, target and reason, not the number 5',
      ]);
      // Quoting 5 would not make it a code: no hint to do so.
      expect(hints(yaml)).toEqual([undefined, undefined]);
    });
  });

  describe('enums', () => {
    it('lists the allowed values and suggests the closest', () => {
      const yaml = `
        apiVersion: netspec/v2
        name: demo
        mode: standart
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [operator, observer]
            msp: { directory: msp }
            peers:
              - name: peer0
                stateDatabase: mongodb
        `;
      expect(check(yaml)).toEqual([
        "1:13 NS_SCHEMA_ENUM 'apiVersion' must be 'netspec/v1', not 'netspec/v2'",
        "3:7 NS_SCHEMA_ENUM 'mode' must be one of 'quick' or 'standard', not 'standart'",
        "8:23 NS_SCHEMA_ENUM 'roles[1]' of organization 'acme' must be one of 'operator' or 'participant', not 'observer'",
        "12:24 NS_SCHEMA_ENUM 'stateDatabase' of peer 'peer0' of organization 'acme' must be one of 'leveldb' or 'couchdb', not 'mongodb'",
      ]);
      expect(hints(yaml)).toEqual(["did you mean 'netspec/v1'?", "did you mean 'standard'?", undefined, undefined]);
    });

    it('reports an unquoted fabricVersion once, as a type error with a quoting hint', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        fabricVersion: 2.5
        organizations:
          acme: { mspId: AcmeMSP, domain: acme.example.com, roles: [participant], msp: { directory: msp } }
        `;
      expect(check(yaml)).toEqual(["3:16 NS_SCHEMA_TYPE 'fabricVersion' must be text, not the number 2.5"]);
      expect(hints(yaml)).toEqual(['write it in quotes, "2.5", so YAML reads it as text']);
    });
  });

  describe('formats', () => {
    it('describes durations, sizes, MSP ids and names in words, not regexes', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: Demo
        organizations:
          acme:
            mspId: Acme MSP
            domain: acme.example.com
            roles: [operator]
            msp: { directory: msp }
            orderers:
              - name: Orderer_0
        channels:
          trade:
            members: [acme]
            orderer:
              organizations: [acme]
              consenters: [acme/orderer0]
              batchTimeout: 2 seconds
              batchSize:
                absoluteMaxBytes: 10 MiB
                preferredMaxBytes: 2MB
        `;
      const found = check(yaml);
      expect(found).toEqual([
        "2:7 NS_SCHEMA_FORMAT 'name' must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) such as org1 or peer0, not 'Demo'",
        "5:12 NS_SCHEMA_FORMAT 'mspId' of organization 'acme' must be an MSP id (letters, digits, '.' and '-') such as Org1MSP, not 'Acme MSP'",
        "10:15 NS_SCHEMA_FORMAT 'name' of orderer 'Orderer_0' of organization 'acme' must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) such as org1 or peer0, not 'Orderer_0'",
        "17:21 NS_SCHEMA_FORMAT 'orderer.batchTimeout' of channel 'trade' must be a duration such as 2s, 500ms or 1m30s, not '2 seconds'",
        "19:27 NS_SCHEMA_FORMAT 'orderer.batchSize.absoluteMaxBytes' of channel 'trade' must be a size such as 10 MB, 512 KB or 2MB, not '10 MiB'",
      ]);
      for (const line of found) expect(line).not.toMatch(/\^|\$|\[a-z/);
    });

    it('checks map keys against their naming rule and points at the key', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          Acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
        channels:
          Trade_1:
            members: [acme]
            orderer: { organizations: [acme], consenters: [acme/orderer0] }
        `;
      expect(check(yaml)).toEqual([
        "4:3 NS_SCHEMA_FORMAT the name of organization 'Acme' must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) such as org1 or peer0",
        "10:3 NS_SCHEMA_FORMAT the name of channel 'Trade_1' must be a channel name (a lowercase letter, then lowercase letters, digits, '.' or '-') such as trade",
      ]);
    });

    it('reports an empty attribute name as a range error at the key', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
            users:
              - name: app
                attributes: { "": x, plant: 3 }
        `;
      expect(check(yaml)).toEqual([
        "11:23 NS_SCHEMA_RANGE the key '' in 'attributes' of user 'app' of organization 'acme' must not be empty",
      ]);
    });

    it('reports a name longer than its limit as a range error', () => {
      const longName = 'a'.repeat(64);
      expect(check(`${VALID.replace('name: demo', `name: ${longName}`)}`)).toEqual([
        "2:7 NS_SCHEMA_RANGE 'name' must be at most 63 characters long (it has 64)",
      ]);
    });

    it('follows keys that contain / (JSON pointer ~1) to the right place', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme: { mspId: AcmeMSP, domain: acme.example.com, roles: [participant], msp: { directory: msp } }
        connection:
          endpoints:
            acme/peer0:
              url: 7051
            acme/peer1:
              tlsCaCert: ""
          identities:
            acme:
              certificate: { secret: ACME_CERT }
              privateKey: { secret: "-----BEGIN PRIVATE KEY-----" }
        `;
      expect(check(yaml)).toEqual([
        "8:12 NS_SCHEMA_TYPE 'url' of the endpoint of 'acme/peer0' must be text, not the number 7051",
        "10:18 NS_SCHEMA_RANGE 'tlsCaCert' of the endpoint of 'acme/peer1' must not be empty",
        "14:29 NS_SCHEMA_FORMAT 'privateKey.secret' of the CI identity of organization 'acme' must be a secret name (letters, digits and '_', not starting with a digit) such as NETSPEC_ORG1_ADMIN_KEY, not a private key (not shown)",
      ]);
    });

    it('checks approvers, Quorum public keys and allow codes', () => {
      const key = 'ab'.repeat(63);
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
            approvers: [alice]
        quorum:
          payments:
            client: besu
            consensus: qbft
            chainId: 1337
            validators:
              - { name: v0, organization: acme, publicKey: "0x${key}" }
        allow: [NS_RAFT_SINGLE_CONSENTER, raft-single, { code: NS_X, reason: ok }]
        `;
      expect(check(yaml)).toEqual([
        "9:17 NS_SCHEMA_FORMAT 'approvers[0]' of organization 'acme' must be a GitHub user or team such as @alice or @acme/fabric-admins, not 'alice'",
        `16:52 NS_SCHEMA_FORMAT 'publicKey' of validator 'v0' of Quorum network 'payments' must be a public key of 128 hex characters (optionally prefixed 0x), not '0x${key.slice(0, 55)}...'`,
        "17:35 NS_SCHEMA_FORMAT allow entry 2 must be a diagnostic code such as NS_RAFT_SINGLE_CONSENTER, not 'raft-single'",
      ]);
    });
  });

  describe('ranges', () => {
    it('rejects ports outside 1..65535 and counts below their minimum', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
            ca: { port: 0 }
            peers:
              - name: peer0
                port: 70510
        channels:
          trade:
            members: []
            orderer:
              organizations: [acme]
              consenters: [acme/orderer0]
              batchSize: { maxMessageCount: 0, absoluteMaxBytes: 0 }
        `;
      expect(check(yaml)).toEqual([
        "9:17 NS_SCHEMA_RANGE 'ca.port' of organization 'acme' must be at least 1, not 0",
        "12:15 NS_SCHEMA_RANGE 'port' of peer 'peer0' of organization 'acme' must be at most 65535, not 70510",
        "15:14 NS_SCHEMA_RANGE 'members' of channel 'trade' must list at least one item",
        "19:37 NS_SCHEMA_RANGE 'orderer.batchSize.maxMessageCount' of channel 'trade' must be at least 1, not 0",
        "19:58 NS_SCHEMA_RANGE 'orderer.batchSize.absoluteMaxBytes' of channel 'trade' must be at least 1, not 0",
      ]);
    });
  });

  describe('noise', () => {
    it('reports a repeated list entry at the repeat, with the first one as related', () => {
      const parsed = parseInline(VALID.replace('members: [acme]', 'members: [acme, acme]'));
      const [duplicate, ...rest] = checkSchema(parsed);
      expect(rest).toEqual([]);
      expect(duplicate?.code).toBe('NS_SCHEMA_INVALID');
      expect(duplicate?.message).toBe("'members' of channel 'trade' lists 'acme' twice");
      expect([lineColOf(parsed, duplicate!, 0), lineColOf(parsed, duplicate!, 1)]).toEqual(['17:21', '17:15']);
    });

    it('reports a mistake shared through an alias once per path, each at the text that path reaches', () => {
      const yaml = `
        apiVersion: netspec/v1
        name: demo
        organizations:
          acme: &org
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp, extra: 1 }
          beta: *org
        `;
      expect(check(yaml)).toEqual([
        "8:28 NS_SCHEMA_UNKNOWN_KEY unknown key 'extra' in 'msp' of organization 'acme'",
        "9:3 NS_SCHEMA_UNKNOWN_KEY unknown key 'extra' in 'msp' of organization 'beta'",
      ]);
    });

    it('orders diagnostics by position, not by the order the schema checks them', () => {
      const yaml = `
        organizations:
          acme:
            mspId: AcmeMSP
            domain: acme.example.com
            roles: [participant]
            msp: { directory: msp }
            peers: [{ name: peer0, port: 0 }]
        name: Demo
        apiVersion: v1
        `;
      expect(check(yaml)).toEqual([
        "7:34 NS_SCHEMA_RANGE 'port' of peer 'peer0' of organization 'acme' must be at least 1, not 0",
        "8:7 NS_SCHEMA_FORMAT 'name' must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) such as org1 or peer0, not 'Demo'",
        "9:13 NS_SCHEMA_ENUM 'apiVersion' must be 'netspec/v1', not 'v1'",
      ]);
    });
  });
});
