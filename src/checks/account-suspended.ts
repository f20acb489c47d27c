/** Members the Organization shows suspended or on their way to closure: whatever runs in them stops or will. */
import type { Account } from '../model/inventory.js';
import type { AccountFacts } from '../providers/aws/scan/facts.js';
import { defineCheck, type FindingDraft } from './check.js';
import { scanFinding, scannedAccounts } from './scanned-accounts.js';
import { joinWords } from '../model/words.js';

/** ListAccounts is where member states come from. */
const stateAction = 'organizations:ListAccounts';

export const accountSuspended = defineCheck({
  meta: {
    id: 'account-suspended',
    severity: 'critical',
    title: 'An account is suspended or pending closure',
    why:
      'A suspended account is unusable: AWS has restricted access, and what runs in it stops, Route 53 DNS and ' +
      'domain renewals included, taking with them mail and sign-in links that depend on those names. An account ' +
      'pending closure still works, but not for long: once closed, its resources are deleted after the ' +
      'post-closure period and the account can no longer be reopened.',
    fix:
      'For a suspension, sign in (billing information stays visible) and contact AWS Support, who can say why; ' +
      'pay what is due, or answer the abuse or verification request, and ask for the account to be reinstated. ' +
      'For a closure nobody meant, contact Support to reopen the account while it still can be.',
    docs: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_account_state.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    for (const scanned of scannedAccounts(context)) {
      const { facts, account } = scanned;
      const at = takesDown(facts, account);
      if (facts.state === 'SUSPENDED') {
        findings.push(
          scanFinding(
            scanned,
            `The Organization shows this account SUSPENDED (seen by ${stateAction}): AWS has restricted access, and ${at}.`,
          ),
        );
      } else if (facts.state === 'PENDING_CLOSURE') {
        findings.push(
          scanFinding(
            scanned,
            `The Organization shows this account PENDING_CLOSURE (seen by ${stateAction}): a request to close it is being processed; once closed, ${at}.`,
          ),
        );
      }
    }
    return findings;
  },
});

/** What stops with the account: the workloads the owner declared, and the domains and zones the scan saw. */
function takesDown(facts: AccountFacts, account: Account | undefined): string {
  const held: string[] = [];
  if (facts.domains.status === 'seen' && facts.domains.value.length > 0) {
    held.push(
      `the domains registered here (${facts.domains.value.map((domain) => domain.name).join(', ')}, seen by ${facts.domains.action})`,
    );
  }
  const zones =
    facts.hostedZones.status === 'seen' ? facts.hostedZones.value.filter((zone) => !zone.private) : [];
  if (facts.hostedZones.status === 'seen' && zones.length > 0) {
    held.push(
      `the DNS of ${zones.map((zone) => zone.name).join(', ')} (seen by ${facts.hostedZones.action})`,
    );
  }
  const workloads = account?.workloads;
  if (workloads === undefined) {
    const known = held.length === 0 ? 'everything in it stops' : `${joinWords(held)} stop`;
    return `${known}; what else runs here is not declared (workloads)`;
  }
  if (workloads.length > 0) held.unshift(workloads.join(', '));
  return held.length === 0 ? 'everything in it stops' : `${joinWords(held)} stop with it`;
}
