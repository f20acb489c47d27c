/**
 * Issue 15: `lockout check` reads a fast-read inventory with js-yaml once, for its data and for where each
 * node is; the findings keep their file, line and column (a second read to place them cost 0.5 s at 10,000
 * accounts).
 */
import { describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('js-yaml', async (importOriginal) => {
  const original = await importOriginal<typeof import('js-yaml')>();
  const load: typeof original.load = (...args) => {
    reads.count++;
    return original.load(...args);
  };
  return { ...original, load, default: { ...original, load } };
});

const { runCheck } = await import('../../src/cli/check-command.js');

describe('lockout check on a fast-read inventory', () => {
  it('reads it with js-yaml once, and places every finding where `yaml` does', async () => {
    const file = 'examples/incident-2022.yaml';
    reads.count = 0;
    const { report } = await runCheck(file, { format: 'json', failOn: 'none', color: false });
    expect(reads.count).toBe(1);
    // Every finding about an account points at its declaration (fast-positions.test.ts: at the line and
    // column `yaml` gives, field by field, from what this read heard).
    const aboutAccounts = report.findings.filter((finding) => finding.accountId !== undefined);
    expect(aboutAccounts.length).toBeGreaterThan(5);
    for (const finding of aboutAccounts) {
      expect(finding.location, finding.checkId).toMatchObject({ file });
      expect(finding.location!.line).toBeGreaterThan(1);
    }
  });
});
