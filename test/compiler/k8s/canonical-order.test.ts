import { describe, expect, it } from 'vitest';
import { canonicalObject } from '../../../src/compiler/k8s/canonical-order.js';
import type { K8sObject } from '../../../src/compiler/k8s/index.js';

const keysDeep = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(keysDeep)
    : typeof value === 'object' && value !== null
      ? Object.entries(value).map(([key, child]) => [key, keysDeep(child)])
      : value;

describe('canonicalObject', () => {
  it('puts apiVersion, kind and metadata first and sorts every other key, at every depth and inside lists', () => {
    const object = JSON.parse(
      '{"spec":{"b":1,"a":{"z":[{"y":1,"x":2}],"c":"d"}},"metadata":{"name":"n","labels":{"b":"1","a":"2"}},"kind":"Service","apiVersion":"v1"}',
    ) as K8sObject;
    expect(keysDeep(canonicalObject(object))).toEqual([
      ['apiVersion', 'v1'],
      ['kind', 'Service'],
      [
        'metadata',
        [
          [
            'labels',
            [
              ['a', '2'],
              ['b', '1'],
            ],
          ],
          ['name', 'n'],
        ],
      ],
      [
        'spec',
        [
          [
            'a',
            [
              ['c', 'd'],
              [
                'z',
                [
                  [
                    ['x', 2],
                    ['y', 1],
                  ],
                ],
              ],
            ],
          ],
          ['b', 1],
        ],
      ],
    ]);
  });

  it('keeps a key named __proto__ as a key, in order', () => {
    const object = JSON.parse(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n"},"data":{"z":"1","__proto__":"2"}}',
    );
    const data = (canonicalObject(object) as unknown as { data: object }).data;
    expect(Object.entries(data)).toEqual([
      ['__proto__', '2'],
      ['z', '1'],
    ]);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});
