// The Fabric v2.5.9 reference outputs (see test/fixtures/fabric/README.md), read as bytes or parsed JSON.
import { readFileSync } from 'node:fs';
import type { Json } from '../../../src/compiler/fabric/index.js';

const dir = new URL('../../fixtures/fabric/', import.meta.url);

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, dir)));
}

export function fixtureJson(name: string): Json {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Json;
}

export function fixturePath(name: string): string {
  return new URL(name, dir).pathname;
}
