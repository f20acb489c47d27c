// The inventory checks on the two bundled examples: the incident's chain of risks, and the small team's remaining ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { runCheckOn } from './check-tester.js';

/** Checks that read the recovery analysis: they are tested with it, not here. */
const recoveryChecks = new Set(['single-point-of-failure', 'alerts-depend-on-watched-account']);

function findingsOn(file: string): string[] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  return checks
    .filter((check) => !recoveryChecks.has(check.meta.id))
    .flatMap((check) =>
      runCheckOn(check, text).drafts.map(
        (draft) => `${check.meta.id} ${draft.account?.id ?? '-'} ${draft.severity ?? check.meta.severity}`,
      ),
    )
    .sort();
}

describe('examples/incident-2022.yaml, as of 2022-06-09', () => {
  const found = findingsOn('examples/incident-2022.yaml');

  it('finds every link of the incident chain', () => {
    expect(found).toEqual(
      [
        'contact-phone-outdated 111122223333 high',
        'domains-in-workload-account 111122223333 medium',
        'payment-card-expiring 111122223333 critical',
        'root-mail-domain-in-account 111122223333 high',
        // Whether the domain's transfer lock is on is not declared: an unknown, said as such.
        'root-mail-domain-transfer-unlocked 111122223333 info',
        'root-mfa-device-unreliable 111122223333 critical',
        'root-only-payer 111122223333 high',
        'root-single-mfa-device 111122223333 high',
        'single-payment-method 111122223333 medium',
      ].sort(),
    );
  });

  it('does not report the identity documents: the passport is valid', () => {
    expect(found.filter((finding) => finding.startsWith('identity-document-expired'))).toEqual([]);
  });

  it('says why only root can pay in the words of the incident', () => {
    const text = readFileSync(new URL('../../examples/incident-2022.yaml', import.meta.url), 'utf8');
    const rootOnlyPayer = checks.find((check) => check.meta.id === 'root-only-payer')!;
    expect(runCheckOn(rootOnlyPayer, text).drafts.map((draft) => draft.message)).toEqual([
      'Billing principals exist (alex-admin) but IAM access to billing is not activated, so only root can pay.',
    ]);
  });
});

describe('examples/small-team.yaml, as of 2025-06-01', () => {
  const found = findingsOn('examples/small-team.yaml');

  it('finds the risks the file was written to show, and what else its declarations leave open', () => {
    expect(found).toEqual(
      [
        // The main card expires next month: 2025-07 is valid through 2025-07-31, 60 days after asOf.
        'payment-card-expiring 444455556666 high',
        // The company domain's DNS lives in the production account, which also runs the API and customer data…
        'domains-in-workload-account 777788889999 medium',
        // …and every root's mailbox is on that domain: a loop for production, a dependency for the others.
        'root-mail-domain-in-account 777788889999 high',
        'root-mail-domain-transfer-unlocked 444455556666 info',
        'root-mail-domain-in-account 444455556666 medium',
        'root-mail-domain-in-account 123456789012 medium',
        // Both of the management root's keys sleep in the office safe: one place takes them together.
        'common-cause 444455556666 high',
        // Each member root has one of the two keys only.
        'root-single-mfa-device 777788889999 high',
        'root-single-mfa-device 123456789012 high',
        // Staging declares no contact phone: unknown.
        'contact-phone-outdated 123456789012 medium',
      ].sort(),
    );
  });

  it('does not report what the team fixed after 2022', () => {
    for (const fixed of [
      'root-only-payer',
      'single-payment-method',
      'root-mfa-missing',
      'root-mfa-device-unreliable',
    ]) {
      expect(found.filter((finding) => finding.startsWith(`${fixed} `))).toEqual([]);
    }
  });
});
