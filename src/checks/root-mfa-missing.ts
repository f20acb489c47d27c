/** Root without MFA, or root whose MFA nobody has declared: the password alone stands between anyone and the account. */
import { hasRootCredentials } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { reportsRootMfaOff } from './root-mfa-off.js';
import { scannedAccounts } from './scanned-accounts.js';

export const rootMfaMissing = defineCheck({
  meta: {
    id: 'root-mfa-missing',
    severity: 'critical',
    title: 'Root has no MFA, or whether it has is unknown',
    why:
      'Root can do everything, including closing the account and changing who pays. Without MFA, its password ' +
      "(or a reset through root's mailbox) is all anyone needs to take the account from you. When MFA is not " +
      'declared, Lockout cannot tell how you would sign in as root or recover it, and unknown is never counted as safe.',
    fix:
      'Register two MFA devices for root (AWS allows up to 8), ideally security keys kept in different places, and ' +
      'declare them under root.mfa with the day you last tried them. If root really has none, declare mfa: [] so ' +
      'the gap is on record.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  run(context) {
    const { inventory } = context;
    // Root's MFA seen off by a scan is root-mfa-off's finding: the empty list in the reconciled inventory is
    // what AWS showed, not something the owner attested.
    const seenOff = new Set(
      scannedAccounts(context)
        .filter((scanned) => reportsRootMfaOff(scanned))
        .map((scanned) => scanned.facts.accountId),
    );
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      // Seen off by a scan: known, and root-mfa-off's to say, whatever the inventory declares of root.
      if (!hasRootCredentials(account) || seenOff.has(account.id)) return;
      const root = account.root;
      if (root === undefined) {
        // A member's root is typically managed from the management account (or has no credentials at all).
        if (account.organization === 'member') return;
        findings.push({
          account,
          severity: 'medium',
          path: ['accounts', index],
          message:
            'Nothing is declared about root, so whether it has MFA is unknown, and unknown is never counted as safe.',
        });
      } else if (root.mfa === undefined) {
        findings.push({
          account,
          severity: 'medium',
          path: ['accounts', index, 'root'],
          message:
            "Root's MFA devices are not declared (root.mfa is absent), so whether root has MFA is unknown, and unknown is never counted as safe.",
        });
      } else if (root.mfa.length === 0) {
        findings.push({
          account,
          path: ['accounts', index, 'root', 'mfa'],
          message:
            "Root has no MFA device (mfa: [] is attested): root's password, or a reset through its mailbox, is enough to take the account.",
        });
      }
    });
    return findings;
  },
});
