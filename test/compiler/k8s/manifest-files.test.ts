import { describe, expect, it } from 'vitest';
import { joinDocuments, splitDocuments } from '../../../src/compiler/k8s/index.js';

describe('manifest.yaml documents', () => {
  const documents = [
    'kind: Namespace\nmetadata:\n  name: a\n',
    'kind: Service\nmetadata:\n  name: b\ndata:\n  x: |\n    ---\n',
  ];

  it('splits back into exactly the documents it was joined from', () => {
    const text = joinDocuments(documents);
    expect(text).toBe(`${documents[0]}---\n${documents[1]}`);
    expect(splitDocuments(text)).toEqual(documents);
  });

  it('reads a hand-written file: a leading marker, a marker with a comment, an empty document', () => {
    const text = `---\n${documents[0]}--- # the service\n${documents[1]}---\n---\n`;
    expect(splitDocuments(text)).toEqual(documents);
  });
});
