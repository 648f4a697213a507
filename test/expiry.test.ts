import { describe, expect, it } from 'vitest';
import { expiresWithin, expiryInstant, hasExpired } from '../src/expiry.js';

describe('expiryInstant', () => {
  it('reads a date as 00:00 UTC of that day', () => {
    expect(expiryInstant('2027-01-31')).toBe(Date.UTC(2027, 0, 31));
  });
  it('reads a date-time with its offset', () => {
    expect(expiryInstant('2027-01-31T12:00:00+02:00')).toBe(Date.UTC(2027, 0, 31, 10));
    expect(expiryInstant('2027-01-31T12:00Z')).toBe(Date.UTC(2027, 0, 31, 12));
  });
  it('refuses dates that do not exist, and date-times without an offset', () => {
    for (const bad of ['2027-02-30', '2027-13-01', '2027-1-5', '31/01/2027', '2027-01-31T12:00:00', '2027-01-31T25:00Z', 'tomorrow', ''])
      expect(expiryInstant(bad), bad).toBeUndefined();
    expect(expiryInstant('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
  });
});

describe('hasExpired / expiresWithin', () => {
  const now = Date.UTC(2027, 0, 20);
  const day = 86_400_000;
  it('expires at the instant and after, never before', () => {
    expect(hasExpired({ on: '2027-01-20' }, now)).toBe(true);
    expect(hasExpired({ on: '2027-01-21' }, now)).toBe(false);
    expect(hasExpired(undefined, now)).toBe(false);
    expect(hasExpired({ on: 'nonsense' }, now)).toBe(false);
  });
  it('counts as expiring only while it still holds', () => {
    expect(expiresWithin({ on: '2027-02-03' }, now, 14 * day)).toBe(true);
    expect(expiresWithin({ on: '2027-02-04' }, now, 14 * day)).toBe(false);
    expect(expiresWithin({ on: '2027-01-20' }, now, 14 * day)).toBe(false);
  });
});
