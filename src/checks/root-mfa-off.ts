/** Root without MFA, as AWS itself reports it: the password alone stands between anyone and the account. */
import { hasRootCredentials } from '../model/inventory.js';
import type { AccountFacts } from '../providers/aws/scan/facts.js';
import { defineCheck, type FindingDraft } from './check.js';
import { listing, scanFinding, scannedAccounts } from './scanned-accounts.js';

export const rootMfaOff = defineCheck({
  meta: {
    id: 'root-mfa-off',
    severity: 'critical',
    title: 'AWS reports root without MFA',
    why:
      'Root can do everything, including closing the account and changing who pays. Without MFA, its password, or ' +
      "a reset through root's mailbox, is all anyone needs to take the account from you, and nothing stands " +
      'between a phished password and a lockout you cannot undo.',
    fix:
      'Sign in as root and register two MFA devices (AWS allows up to 8), ideally security keys kept in different ' +
      'places; declare them under root.mfa with the day you tried them. For members whose root credentials were ' +
      'removed centrally, turn on centralized root access so a scan can confirm it (sts:AssumeRoot audit).',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    for (const scanned of scannedAccounts(context)) {
      // A root with no credentials (deleted centrally) has no MFA to turn on.
      if (scanned.account && !hasRootCredentials(scanned.account)) continue;
      const verdict = judge(scanned.facts);
      if (verdict !== undefined)
        findings.push(scanFinding(scanned, verdict.message, { severity: verdict.severity }));
    }
    return findings;
  },
});

function judge(facts: AccountFacts): Pick<FindingDraft, 'message' | 'severity'> | undefined {
  const { rootMfaEnabled: summary, rootCredentialReport: report, rootMfaDevices: audit } = facts;
  const virtual = facts.rootVirtualMfaDevices;
  // Devices seen are the strongest evidence: the summary of a member (and emulators) may say 0 while they exist.
  if (audit.status === 'seen' && audit.value.length > 0) return undefined;
  if (virtual.status === 'seen' && virtual.value.length > 0) return undefined;

  const off: string[] = [];
  const on: string[] = [];
  if (summary.status === 'seen') (summary.value ? on : off).push(summary.action);
  if (report.status === 'seen') (report.value.mfaActive ? on : off).push(report.action);
  const audited = audit.status === 'seen';
  if (audited) off.push(audit.action);
  if (off.length === 0) return undefined;

  const without = `Root has no MFA (seen by ${listing(off)})`;
  const risk = "its password, or a reset through root's mailbox, is all it takes to sign in as root";
  if (on.length > 0) {
    // The credential report is regenerated at most every four hours: it can lag behind the summary.
    const stale = report.status === 'seen' ? ' (the credential report can be up to four hours old)' : '';
    return {
      severity: 'high',
      message: `${without}, but ${listing(on)} ${on.length === 1 ? 'says' : 'say'} it has MFA; until they agree, root counts as without MFA${stale}.`,
    };
  }
  if (facts.organizationRole === 'member') {
    // A member's root may have no password at all (accounts created by the Organization start without one,
    // and centralized root access deletes them), which its summary cannot tell from a root without MFA.
    const confirmed = audited
      ? 'an audit session of root listed no MFA device, and whether root has a password was not read'
      : 'no audit session (sts:AssumeRoot) confirmed it';
    return {
      severity: 'high',
      message: `${without}: unless this member's root has no password, ${risk}; ${confirmed}.`,
    };
  }
  return { message: `${without}: ${risk}.` };
}
