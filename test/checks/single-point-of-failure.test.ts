/** Single points of failure name the documentation of the capability they take, not one page for all. */

import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { rules } from '../../src/providers/aws/provider-model.js';

describe('single-point-of-failure', () => {
  it('links each finding to the documentation of the most severe capability it takes', async () => {
    const { report } = await runCheck(undefined, {
      example: 'incident',
      format: 'json',
      failOn: 'none',
      color: false,
    });
    const findings = report.findings.filter((finding) => finding.checkId === 'single-point-of-failure');
    expect(findings.length).toBeGreaterThan(1);
    const docsFor = (words: string): string[] =>
      findings.filter((finding) => finding.message.includes(words)).map((finding) => finding.docs);
    // Root sign-in (high) comes first in a list; billing notices (medium) alone.
    const expected: [string, string][] = [
      ['takes sign in as root', rules.rootSignIn.docs],
      ['takes receive billing notices', rules.alternateBillingContact.docs],
    ];
    let seen = 0;
    for (const [words, docs] of expected) {
      for (const found of docsFor(words)) {
        expect(found, words).toBe(docs);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(new Set(findings.map((finding) => finding.docs)).size).toBeGreaterThan(1);
  });

  it('gives the fix of the capability it takes: contacts for billing notices, not MFA devices', async () => {
    const { report } = await runCheck(undefined, {
      example: 'incident',
      format: 'json',
      failOn: 'none',
      color: false,
    });
    const findings = report.findings.filter((finding) => finding.checkId === 'single-point-of-failure');
    const noticesOnly = findings.filter(
      (finding) =>
        finding.message.includes('takes receive billing notices') && !finding.message.includes('root'),
    );
    expect(noticesOnly.length).toBeGreaterThan(0);
    for (const finding of noticesOnly) {
      expect(finding.fix).toMatch(/alternate contact/);
      expect(finding.fix).not.toMatch(/MFA device|second card/);
    }
    const root = findings.find((finding) => finding.message.includes('takes sign in as root'))!;
    expect(root.fix).toMatch(/MFA device/);
  });
});
