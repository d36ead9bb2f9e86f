// The history's one-line account of a network.yaml that a commit added: counts read as English.
import { describe, expect, it } from 'vitest';
import { summarizeSpecChange } from '../../../src/apply/git/spec-change-summary.js';

describe('summarizeSpecChange: an added network.yaml', () => {
  it('says "1 channel" and "1 organization", and the plural for any other count', () => {
    expect(summarizeSpecChange(undefined, 'organizations: { a: {} }\nchannels: { ch: {} }\n')).toEqual([
      'network.yaml added (1 organization, 1 channel)',
    ]);
    expect(summarizeSpecChange(undefined, 'organizations: { a: {}, b: {} }\nchannels: { x: {}, y: {} }\n')).toEqual([
      'network.yaml added (2 organizations, 2 channels)',
    ]);
    expect(summarizeSpecChange(undefined, 'name: empty\n')).toEqual([
      'network.yaml added (0 organizations, 0 channels)',
    ]);
  });
});
