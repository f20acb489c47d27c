/**
 * Accounts where only root can change the payment method: the day the card fails, root must sign in. A
 * principal who signs in through an outside account (an Identity Center user federated from Google) cannot pay
 * once that account's sign-in is lost, as the recovery graph says.
 */
import {
  outsideAccountLabel,
  type Account,
  type BillingPrincipal,
  type Inventory,
} from '../model/inventory.js';
import { SIGN_IN } from '../providers/outside/sign-in.js';
import { defineCheck, type CheckContext, type FindingDraft } from './check.js';
import { factorIndexOf, isGone, type FactorIndex } from './factor-index.js';

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
  run(context) {
    const { inventory } = context;
    const signIns = new SignIns(context);
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      // A member's charges are paid by its management account, whose own payers this check looks at.
      if (account.organization === 'member') return;
      const finding = onlyRootPays(account, index, signIns);
      if (finding !== undefined) findings.push({ account, ...finding });
    });
    return findings;
  },
});

function onlyRootPays(
  account: Account,
  index: number,
  signIns: SignIns,
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
  const blocked = principals.map((principal) => ({ principal, gone: signIns.gone(principal) }));
  if (blocked.every(({ gone }) => gone.length > 0)) {
    const reasons = blocked
      .map(
        ({ principal, gone }) =>
          `${principal.name} needs ${gone.map((id) => signIns.name(id)).join(' and ')}`,
      )
      .join('; ');
    return {
      path: ['accounts', index, 'billingPrincipals'],
      // Findings name factors; an outside account is named in the message.
      factors: [...new Set(blocked.flatMap(({ gone }) => gone))].filter((id) => signIns.isFactor(id)),
      message: `IAM access to billing is activated, but no billing principal can sign in (${reasons}, lost or outdated): only root can pay.`,
    };
  }
  return undefined;
}

/**
 * What a principal signs in with: factors, lost or outdated as declared, and outside accounts (an Identity
 * Center user federated from Google), lost with their own sign-in. Only the recovery graph knows the latter
 * (the account's second steps and recovery on a lost phone), so it is read only when one is named.
 */
class SignIns {
  readonly #factors: FactorIndex;
  readonly #inventory: Inventory;
  readonly #context: CheckContext;

  constructor(context: CheckContext) {
    this.#context = context;
    this.#inventory = context.inventory;
    this.#factors = factorIndexOf(context);
  }

  /** The factors and outside accounts a principal signs in with that are lost or outdated. */
  gone(principal: BillingPrincipal): string[] {
    return principal.signIn.filter((id) => {
      const factor = this.#factors.get(id);
      if (factor !== undefined) return isGone(factor);
      return this.#outside(id) !== undefined && this.#signInLost(id);
    });
  }

  isFactor(id: string): boolean {
    return this.#factors.get(id) !== undefined;
  }

  name(id: string): string {
    const outside = this.#outside(id);
    return outside === undefined ? this.#factors.name(id) : outsideAccountLabel(outside);
  }

  #outside(id: string) {
    return this.#inventory.outsideAccounts?.find((account) => account.id === id);
  }

  #signInLost(id: string): boolean {
    const signIn = this.#context.recovery.outsideCapabilities?.find(
      (capability) => capability.account.id === id && capability.capability === SIGN_IN,
    );
    return signIn?.status === 'lost';
  }
}
