// gRPC service definitions for Fabric's AtomicBroadcast (orderer) and Endorser (peer), taken from the Fabric
// protos' own service descriptors. Messages travel as raw bytes: callers encode and decode them with the Fabric
// codec, so signed bytes are never re-encoded on the way (a re-encoding would break the signature).
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { serviceMethods } from '../../compiler/fabric/proto/index.js';

export type RawMethod = MethodDefinition<Uint8Array, Uint8Array>;

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const fromBuffer = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);

/** `orderer.AtomicBroadcast` or `protos.Endorser` as a grpc-js service definition over raw bytes. */
export function serviceDefinition(name: 'orderer.AtomicBroadcast' | 'protos.Endorser'): ServiceDefinition {
  const definition: Record<string, RawMethod> = {};
  for (const method of serviceMethods(name)) {
    definition[method.name] = {
      path: `/${name}/${method.name}`,
      requestStream: method.requestStream,
      responseStream: method.responseStream,
      requestSerialize: toBuffer,
      requestDeserialize: fromBuffer,
      responseSerialize: toBuffer,
      responseDeserialize: fromBuffer,
    };
  }
  return definition as ServiceDefinition;
}

export function method(service: 'orderer.AtomicBroadcast' | 'protos.Endorser', name: string): RawMethod {
  const found = serviceDefinition(service)[name] as RawMethod | undefined;
  if (!found) throw new Error(`${service} has no method ${name}`);
  return found;
}
