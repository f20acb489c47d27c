/** Accounts where only root can change the payment method: the day the card fails, root must sign in. */
import type { Account, BillingPrincipal } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { FactorIndex, isGone } from './factor-index.js';

export const rootOnlyPayer = defineCheck({
  meta: {
    id: 'root-only-payer',
    severity: 'high',
    title: 'Only root can change the payment method',
    why:
      'When the card on file fails, the bill must be paid with another card before the account is suspended. If ' +
      'only root can change the payment method, paying depends on signing in as root, with its MFA device, at the ' +
      'worst possible moment; any problem with root turns a failed card into a suspended account. Principals with ' +
      'payment permissions can only use them once "IAM user and role access to Billing information" is activated.',
    fix:
      'Sign in as root, open Account settings and activate "IAM user and role access to Billing information"; give ' +
      'a principal you use daily the payments permissions (payments:*) and check it can open Payment preferences. ' +
      'Declare it under billingPrincipals and the setting under iamBillingAccess, with the day you verified them.',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
  },
  run({ inventory }) {
    const factors = new FactorIndex(inventory);
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      // A member's charges are paid by its management account, whose own payers this check looks at.
      if (account.organization === 'member') return;
      const finding = onlyRootPays(account, index, factors);
      if (finding !== undefined) findings.push({ account, ...finding });
    });
    return findings;
  },
});

function onlyRootPays(
  account: Account,
  index: number,
  factors: FactorIndex,
): Omit<FindingDraft, 'account'> | undefined {
  const principals = account.billingPrincipals ?? [];
  const access = account.iamBillingAccess;
  const names = principals.map((principal) => principal.name).join(', ');
  if (principals.length === 0) {
    const setting =
      access === undefined
        ? 'and whether IAM access to billing is activated is not declared either'
        : access.activated
          ? 'although IAM access to billing is activated'
          : 'and IAM access to billing is not activated';
    return {
      path:
        account.billingPrincipals === undefined
          ? ['accounts', index]
          : ['accounts', index, 'billingPrincipals'],
      // Only what is declared is known: with principals or the setting undeclared, root is only counted alone.
      message: `No principal other than root is declared able to change the payment method, ${setting}: ${
        account.billingPrincipals === undefined
          ? access === undefined
            ? 'until they are, only root counts as able to pay'
            : 'until one is, only root counts as able to pay'
          : 'only root can pay'
      }.`,
    };
  }
  if (access === undefined) {
    return {
      severity: 'medium',
      path: ['accounts', index],
      message: `Billing principals exist (${names}), but whether IAM access to billing is activated is not declared: no API shows it, unknown is never counted as safe, and while it is off only root can pay.`,
    };
  }
  if (!access.activated) {
    return {
      path: ['accounts', index, 'iamBillingAccess', 'activated'],
      message: `Billing principals exist (${names}) but IAM access to billing is not activated, so only root can pay.`,
    };
  }
  const blocked = principals.map((principal) => ({ principal, gone: goneSignIn(principal, factors) }));
  if (blocked.every(({ gone }) => gone.length > 0)) {
    const reasons = blocked
      .map(
        ({ principal, gone }) =>
          `${principal.name} needs ${gone.map((id) => factors.name(id)).join(' and ')}`,
      )
      .join('; ');
    return {
      path: ['accounts', index, 'billingPrincipals'],
      factors: [...new Set(blocked.flatMap(({ gone }) => gone))],
      message: `IAM access to billing is activated, but no billing principal can sign in (${reasons}, lost or outdated): only root can pay.`,
    };
  }
  return undefined;
}

/** The sign-in factors of a principal that are lost or outdated. */
function goneSignIn(principal: BillingPrincipal, factors: FactorIndex): string[] {
  return principal.signIn.filter((id) => {
    const factor = factors.get(id);
    return factor !== undefined && isGone(factor);
  });
}
