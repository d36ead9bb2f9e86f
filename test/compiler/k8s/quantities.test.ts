import { describe, expect, it } from 'vitest';
import { formatBytes, formatMillicores, parseBytes, parseMillicores } from '../../../src/compiler/k8s/quantities.js';

describe('quantities', () => {
  it.each([
    ['500m', 500n],
    ['2', 2000n],
    ['0.5', 500n],
    ['1.25', 1250n],
  ])('parses CPU %s', (text, millicores) => expect(parseMillicores(text)).toBe(millicores));

  it.each(['lots', '1.5m', '-1', '0.0001'])('rejects CPU %s', (text) => expect(parseMillicores(text)).toBeUndefined());

  it.each([
    ['512Mi', 512n * 1024n ** 2n],
    ['10Gi', 10n * 1024n ** 3n],
    ['1k', 1000n],
    ['1.5Gi', 1536n * 1024n ** 2n],
    ['98304', 98304n],
  ])('parses bytes %s', (text, bytes) => expect(parseBytes(text)).toBe(bytes));

  it.each(['10 GB', '0.5', 'Gi'])('rejects bytes %s', (text) => expect(parseBytes(text)).toBeUndefined());

  it('prints sums in the largest exact unit', () => {
    expect(formatBytes(4608n * 1024n ** 2n)).toBe('4608Mi');
    expect(formatBytes(21n * 1024n ** 3n)).toBe('21Gi');
    expect(formatBytes(1000n)).toBe('1000');
    expect(formatMillicores(2200n)).toBe('2200m');
    expect(formatMillicores(3000n)).toBe('3');
  });
});
