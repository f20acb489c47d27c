/** Payment trouble AWS itself reports: the only live signal that a charge failed before suspension looms. */
import type { RecommendedActionFact } from '../providers/aws/scan/facts.js';
import { defineCheck, type FindingDraft, type Severity } from './check.js';
import { scanFinding, scannedAccounts } from './scanned-accounts.js';

/** The recommended actions that speak of payments, what each means for the owner, and how urgent it is. */
export const paymentActions: Readonly<Record<string, { severity: Severity; says: string }>> = {
  UPDATE_EXPIRED_PAYMENT_METHOD: {
    severity: 'critical',
    says: 'the payment method on file has expired: the next charge fails, and an unpaid bill ends in suspension',
  },
  UPDATE_INVALID_PAYMENT_METHOD: {
    severity: 'critical',
    says: 'the payment method on file is invalid (a charge was refused): an unpaid bill ends in suspension',
  },
  PAYMENTS_PAST_DUE: {
    severity: 'critical',
    says: 'payments are past due: AWS suspends the account if they stay unpaid past the date in its notices',
  },
  PAYMENTS_DUE: {
    severity: 'high',
    says: 'payments are due: make sure the payment method on file will be charged successfully',
  },
  ADD_ALTERNATE_BILLING_CONTACT: {
    severity: 'low',
    says: "there is no alternate billing contact, so billing notices reach only root's mailbox",
  },
};

export const paymentTrouble = defineCheck({
  meta: {
    id: 'payment-trouble',
    severity: 'critical',
    title: 'AWS reports payment trouble',
    why:
      "Billing and Cost Management's recommended actions are the only live signal of payment trouble an API " +
      'shows: an expired or invalid payment method, payments due or past due. A failed charge starts the ' +
      'dunning clock: reminders, then a warning with a suspension date, then suspension, which stops everything ' +
      'in the account, its domains and DNS included. Recovering root, if that is what paying takes, can take ' +
      'longer than the time left.',
    fix:
      'Open Payment preferences in the Billing and Cost Management console (as root, or as a principal with the ' +
      'payments permissions once IAM access to billing is activated), add a working payment method, make it the ' +
      'default and pay what is due. If you cannot pay before the date in the notices, ask AWS Support for a hold ' +
      'on suspension now.',
    docs: 'https://docs.aws.amazon.com/cost-management/latest/userguide/recommended-action-types.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    for (const scanned of scannedAccounts(context)) {
      const { recommendedActions } = scanned.facts;
      if (recommendedActions.status !== 'seen') continue;
      const reported = new Set<string>();
      for (const action of recommendedActions.value) {
        const meaning = paymentActions[action.type];
        if (meaning === undefined || reported.has(action.type)) continue;
        reported.add(action.type);
        findings.push(
          scanFinding(
            scanned,
            `AWS reports that ${meaning.says} (${action.type}, ${details(action, recommendedActions.action)}).`,
            { severity: meaning.severity },
          ),
        );
      }
    }
    return findings;
  },
});

function details(action: RecommendedActionFact, seenBy: string): string {
  const parts = [`seen by ${seenBy}`];
  if (action.severity !== undefined) parts.push(`AWS severity ${action.severity}`);
  if (action.lastUpdated !== undefined) parts.push(`updated ${action.lastUpdated}`);
  return parts.join(', ');
}
