// msp/config.yaml with NodeOUs on, byte for byte what cryptogen writes: Fabric classifies an identity as
// client, peer, admin or orderer by the OU its certificate carries, if the certificate was issued by this CA.
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { NodeOU } from './msp-layout.js';

const IDENTIFIERS: readonly [string, NodeOU][] = [
  ['ClientOUIdentifier', 'client'],
  ['PeerOUIdentifier', 'peer'],
  ['AdminOUIdentifier', 'admin'],
  ['OrdererOUIdentifier', 'orderer'],
];

/** @param caCertFileName the CA certificate's file name inside `cacerts/`. */
export function nodeOUsConfigYaml(caCertFileName: string): string {
  const lines = ['NodeOUs:', '  Enable: true'];
  for (const [key, ou] of IDENTIFIERS) {
    lines.push(`  ${key}:`, `    Certificate: cacerts/${caCertFileName}`, `    OrganizationalUnitIdentifier: ${ou}`);
  }
  return `${lines.join('\n')}\n`;
}

/** An OU identifier of msp/config.yaml: a CA certificate file (relative to the MSP folder) and the OU name. */
export interface MspConfigOuIdentifier {
  Certificate?: string;
  OrganizationalUnitIdentifier?: string;
}

/** The fields of msp/config.yaml netspec reads (Fabric's msp/configbuilder.go Configuration and NodeOUs). */
export interface MspConfigYaml {
  OrganizationalUnitIdentifiers?: MspConfigOuIdentifier[];
  NodeOUs?: {
    Enable?: boolean;
    ClientOUIdentifier?: MspConfigOuIdentifier;
    PeerOUIdentifier?: MspConfigOuIdentifier;
    AdminOUIdentifier?: MspConfigOuIdentifier;
    OrdererOUIdentifier?: MspConfigOuIdentifier;
  };
}

const readConfigs = new Map<string, Readonly<MspConfigYaml> | Error>();

/**
 * msp/config.yaml's text read as YAML (core schema, as Go's yaml.v2 reads it; an empty file is no settings);
 * throws the parser's error for text that is not YAML. Remembered by the text itself, never by the file's path:
 * validate's certificate rule and the channel config's MSP value both read each organization's, and js-yaml
 * reading a consortium's hundreds of them twice showed in every plan.
 */
export function readMspConfigYaml(text: string): Readonly<MspConfigYaml> {
  let result = readConfigs.get(text);
  if (result === undefined) {
    try {
      result = Object.freeze((loadYaml(text, { schema: CORE_SCHEMA }) ?? {}) as MspConfigYaml);
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    if (readConfigs.size >= 4096) readConfigs.clear();
    readConfigs.set(text, result);
  }
  if (result instanceof Error) throw result;
  return result;
}
