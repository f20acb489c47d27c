/** Root without MFA, as AWS itself reports it: the password alone stands between anyone and the account. */
import { hasRootCredentials } from '../model/inventory.js';
import type { AccountFacts } from '../providers/aws/scan/facts.js';
import { defineCheck, type CheckContext, type FindingDraft } from './check.js';
import { scanFinding, scannedAccounts, type ScannedAccount } from './scanned-accounts.js';
import { joinWords } from '../model/words.js';

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
      if (rootWithoutCredentials(scanned)) continue;
      const contradicted = contradictsDeclaredMfa(context, scanned);
      const verdict = judge(scanned.facts, contradicted);
      if (verdict === undefined) continue;
      // The declaration AWS contradicts is where the owner acts: the finding points at it.
      const path = contradicted
        ? { path: ['accounts', context.inventory.accounts.indexOf(scanned.account!), 'root', 'mfa'] }
        : {};
      findings.push(scanFinding(scanned, verdict.message, { severity: verdict.severity, ...path }));
    }
    return findings;
  },
});

/**
 * Whether this check reports root's MFA of the account as off: then the inventory's contradicted declaration
 * (inventory-contradicted) and the empty device list the scan put in its place (root-mfa-missing) are the same
 * fact, said once, here.
 */
export function reportsRootMfaOff(scanned: ScannedAccount): boolean {
  return judge(scanned.facts, false) !== undefined && !rootWithoutCredentials(scanned);
}

/** A root with no credentials (deleted centrally) has no MFA to turn on. */
function rootWithoutCredentials({ account }: ScannedAccount): boolean {
  return account !== undefined && !hasRootCredentials(account);
}

/** The inventory declares root MFA devices and the scan saw none (reconcile.ts records it as a contradiction). */
function contradictsDeclaredMfa(context: CheckContext, scanned: ScannedAccount): boolean {
  return (
    scanned.account !== undefined &&
    scanned.account.root?.mfa?.length === 0 &&
    (context.contradictions ?? []).some(
      (contradiction) =>
        contradiction.accountId === scanned.facts.accountId && contradiction.field === 'root.mfa',
    )
  );
}

function judge(
  facts: AccountFacts,
  contradicted: boolean,
): Pick<FindingDraft, 'message' | 'severity'> | undefined {
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

  const without = contradicted
    ? `The inventory declares root MFA devices, but AWS shows none (seen by ${joinWords(off)})`
    : `Root has no MFA (seen by ${joinWords(off)})`;
  const risk = "its password, or a reset through root's mailbox, is all it takes to sign in as root";
  if (on.length > 0) {
    // The credential report is regenerated at most every four hours: it can lag behind the summary.
    const stale = report.status === 'seen' ? ' (the credential report can be up to four hours old)' : '';
    return {
      severity: 'high',
      message: `${without}, but ${joinWords(on)} ${on.length === 1 ? 'says' : 'say'} it has MFA; until they agree, root counts as without MFA${stale}.`,
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
  if (contradicted) {
    return {
      message: `${without}: until the two agree, root counts as without MFA, and ${risk}. Sign in as root to find out which is true, then register the devices again or correct the inventory.`,
    };
  }
  return { message: `${without}: ${risk}.` };
}
