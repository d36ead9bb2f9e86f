import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { templateRenderer } from '../../../src/compiler/k8s/render-template.js';

const TEMPLATES: Record<string, string> = {
  service: [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{json name}}',
    '  labels: {{json labels}}',
    'spec:',
    '  ports:',
    '{{#each ports}}',
    '    - { name: {{json name}}, port: {{json port}} }',
    '{{/each}}',
    '',
  ].join('\n'),
  values: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\ndata:\n  value: {{json value}}\n',
  // A value inside a longer word: the text is read as it stands, quotes and all.
  prefixed: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{json name}}\n',
};
const source = (name: string) => TEMPLATES[name]!;

describe('templateRenderer', () => {
  it('renders each object with its own values, as copies', () => {
    const renderer = templateRenderer(source);
    const labels = { app: 'a' };
    const first = renderer.render('service', { name: 'a', labels, ports: [{ name: 'grpc', port: 7051 }] }).object!;
    const second = renderer.render('service', { name: 'b', labels, ports: [{ name: 'ops', port: 9443 }] }).object!;
    expect(first).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'a', labels: { app: 'a' } },
      spec: { ports: [{ name: 'grpc', port: 7051 }] },
    });
    expect(second.metadata).toEqual({ name: 'b', labels: { app: 'a' } });
    expect(second.spec).toEqual({ ports: [{ name: 'ops', port: 9443 }] });
    (first.metadata.labels as Record<string, string>).app = 'changed';
    expect(labels.app).toBe('a');
    expect(second.metadata.labels).toEqual({ app: 'a' });
  });

  it.each([
    ['text', 'a "quoted" line\nand \u2028 more \ud800'],
    ['numbers', [1, -0, 1.5e300, Number.NaN, Number.POSITIVE_INFINITY]],
    ['an object with gaps', { a: [1, undefined, null], b: { c: true } }],
    ['a bare NaN', Number.NaN],
    ['a bare -0', -0],
  ])('puts in %s exactly as reading its JSON text would', (_what, value) => {
    const object = templateRenderer(source).render('values', { value }).object as unknown as {
      data: { value: unknown };
    };
    const fromText = jsYaml.load(`value: ${JSON.stringify(value)}`, { schema: jsYaml.CORE_SCHEMA }) as {
      value: unknown;
    };
    expect(object.data.value).toStrictEqual(fromText.value);
    expect(Object.is(object.data.value, fromText.value) || typeof value === 'object').toBe(true);
  });

  it('reads a value inside a longer word as the text says, as it always did', () => {
    const object = templateRenderer(source).render('prefixed', { name: 'x' }).object!;
    expect(object.metadata.name).toBe('cm-"x"');
  });
});
