/**
 * The whole scan's default time limit grows with the Organization: a fixed 30 minutes ended a healthy scan of
 * 10,000 members (30 minutes against moto_server alone) with most of it unknown.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_TIMEOUT_MS, defaultScanLimitMs } from '../../src/providers/aws/scan/scan.js';

describe("the scan's default time limit", () => {
  it('is 30 minutes up to 3,600 members', () => {
    expect(defaultScanLimitMs(0)).toBe(30 * 60_000);
    expect(defaultScanLimitMs(1_000)).toBe(DEFAULT_SCAN_TIMEOUT_MS);
    expect(defaultScanLimitMs(3_600)).toBe(30 * 60_000);
  });

  it('grows by half a second per member past that', () => {
    expect(defaultScanLimitMs(10_000)).toBe(5_000_000);
    expect(defaultScanLimitMs(20_000)).toBeGreaterThan(defaultScanLimitMs(10_000));
  });
});
