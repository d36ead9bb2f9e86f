import { describe, expect, it } from 'vitest';
import { formatDuration, formatDurationNanos, parseDuration, parseSize } from '../../../src/compiler/model/units.js';

describe('parseDuration', () => {
  it.each([
    ['2s', 2000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['100us', 0.1],
    ['100µs', 0.1],
    ['250ns', 0.00025],
    ['1h', 3_600_000],
    ['1h2m3s', 3_723_000],
    ['.5s', 500],
    ['1.s', 1000],
    ['0', 0],
    ['0s', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each([
    [''],
    ['2'], // a unit is required except for a bare 0
    ['2 s'], // Go allows no space
    ['2S'], // units are case-sensitive in Go
    ['2sec'],
    ['1d'],
    ['.s'],
    ['-2s'], // a spec never holds a negative duration
    ['s'],
    ['1.2.3s'],
    ['2562048h'], // overflows Go's int64 nanoseconds
  ])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration (Go Duration.String)', () => {
  it.each([
    [2000, '2s'],
    [500, '500ms'],
    [90_000, '1m30s'],
    [1500, '1.5s'],
    [0, '0s'],
    [3_600_000, '1h0m0s'],
    [120_000, '2m0s'],
    [1.2, '1.2ms'],
    [0.0015, '1.5µs'],
    [0.00004, '40ns'],
    [3_723_500, '1h2m3.5s'],
  ])('prints %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('prints negative durations with a sign, as Go does', () => {
    expect(formatDurationNanos(-1_500_000_000n)).toBe('-1.5s');
  });

  it('round-trips what it prints', () => {
    for (const text of ['2s', '500ms', '1m30s', '1h0m0s', '1.5µs', '40ns', '1h2m3.5s']) {
      expect(formatDuration(parseDuration(text)!)).toBe(text);
    }
  });
});

describe('parseSize', () => {
  it.each<[string | number, number]>([
    ['10 MB', 10 * 1024 * 1024],
    ['2MB', 2 * 1024 * 1024],
    ['512 KB', 512 * 1024],
    ['512kb', 512 * 1024],
    ['1 GB', 1024 ** 3],
    ['10m', 10 * 1024 * 1024], // configtxgen accepts the unit without B
    ['100 B', 100],
    ['98304', 98304],
    [98304, 98304],
    [0, 0],
    ['3 GB', 3 * 1024 ** 3],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each<[string | number]>([
    [''],
    ['1.5 MB'], // Fabric takes whole numbers only
    ['10 TB'],
    ['10 MiB'],
    ['MB'],
    ['-1'],
    [-1],
    [1.5],
    ['4 GB'], // 2^32 does not fit the uint32 fields
    [2 ** 32],
    [' 10 MB'],
  ])('refuses %j', (text) => {
    expect(parseSize(text)).toBeUndefined();
  });
});
