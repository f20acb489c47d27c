/**
 * What signing in to an outside account needs, whatever its provider: the password (where it is kept) and a
 * second step on a declared factor. Each provider (src/providers/google, src/providers/other) builds its ways
 * from these terms and adds its own recovery. Undeclared facts are unknown losses, never safe.
 */

import {
  factorLabel,
  isSignInAccount,
  outsideAccountLabel,
  type OutsideAccount,
  type SecondFactor,
  type SignInOutsideAccount,
  type SecondFactorType,
} from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type Loss,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import type { Timing } from '../../recovery/rules.js';

/** The one capability every outside account has: signing in to it, which what it holds needs. */
export const SIGN_IN: OutsideCapabilityId = 'sign-in';

export const secondStepNames: Record<SecondFactorType, string> = {
  passkey: 'a passkey',
  'security-key': 'a security key',
  authenticator: 'an authenticator code',
  prompt: 'a prompt on a signed-in phone',
  sms: 'a code by SMS',
  voice: 'a code by voice call',
  'backup-codes': 'a backup code',
};

/** "The password of X is lost": the factor it is kept on, or an unknown when its place is not declared. */
export function passwordLost(account: SignInOutsideAccount): Loss {
  const storedIn = account.password?.storedIn;
  if (storedIn !== undefined) return loss.factor(storedIn);
  return loss.undeclared(
    `${account.id}/password-undeclared`,
    `The password of ${outsideAccountLabel(account)} (where it is kept: not declared)`,
    account.id,
  );
}

/** The second step's wording with the factor it lives on: "a code by SMS (number ending 01)". */
export function secondStepLabel(step: SecondFactor, context: BuildContext): string {
  const factor = context.factors.get(step.heldBy);
  const on = step.label ?? (factor ? factorLabel(factor) : step.heldBy);
  return `${secondStepNames[step.type]} (${on})`;
}

/** "Some second step is needed and none is declared": the unknown a sign-in way waits on. */
export function secondStepsUndeclared(account: SignInOutsideAccount): Loss {
  return loss.undeclared(
    `${account.id}/second-steps-undeclared`,
    `The second steps of ${outsideAccountLabel(account)} (2-Step Verification not declared)`,
    account.id,
  );
}

/** Whether 2-Step Verification is known to be off; `on`, `unknown` and absent all ask for a second step. */
export function twoStepOff(account: SignInOutsideAccount): boolean {
  return account.twoStepVerification === 'off';
}

/** How one provider words and times the common ways: its sign-in timing, its pages, its name for backup codes. */
export interface SignInWording {
  timing: Timing;
  docs: string;
  /** The page for backup codes, when the provider has one. */
  backupDocs?: string | undefined;
  /** The provider's name for backup codes: "recovery codes" at GitHub. */
  backupName?: string | undefined;
  /** Needs every sign-in way adds beyond the password and the second step (1Password's Secret Key). */
  alsoNeeds?: readonly Loss[] | undefined;
  /** The page for passkeys, when the provider has one. */
  passkeyDocs?: string | undefined;
  /** The provider's name for the second step ("second method" at Microsoft); "second step" by default. */
  stepName?: string | undefined;
  /** Its name for two-step sign-in ("2-Step Verification" at Google); "two-step" by default. */
  twoStepName?: string | undefined;
}

/**
 * The password and any one declared second step (a passkey alone); the password alone with two-step off; the
 * password and an unknown when the second steps are not declared.
 */
export function passwordAndSecondStepWays(
  account: SignInOutsideAccount,
  context: BuildContext,
  wording: SignInWording,
): WaySpec[] {
  const password = [passwordLost(account), ...(wording.alsoNeeds ?? [])];
  const { timing, docs } = wording;
  const stepName = wording.stepName ?? 'second step';
  if (twoStepOff(account)) {
    return [
      {
        id: 'password',
        label: `Password (${wording.twoStepName ?? 'two-step'} off)`,
        short: 'password sign-in',
        needs: password,
        timing,
        docs,
      },
    ];
  }
  const steps = account.secondFactors;
  if (steps === undefined) {
    return [
      {
        id: 'second-step',
        label: `Password and a ${stepName} (not declared)`,
        short: `password and a ${stepName}`,
        needs: [...password, secondStepsUndeclared(account)],
        timing,
        docs,
      },
    ];
  }
  return steps.map((step, index): WaySpec => {
    const backup = step.type === 'backup-codes';
    const what =
      backup && wording.backupName !== undefined
        ? secondStepLabel(step, context).replace(
            secondStepNames['backup-codes'],
            `one of its ${wording.backupName}`,
          )
        : secondStepLabel(step, context);
    if (step.type === 'passkey') {
      return {
        id: `passkey-${index + 1}`,
        label: `Passkey alone: ${what}`,
        short: 'passkey sign-in',
        needs: [loss.factor(step.heldBy), ...(wording.alsoNeeds ?? [])],
        timing,
        docs: wording.passkeyDocs ?? docs,
      };
    }
    return {
      id: `${backup ? 'backup-codes' : 'second-step'}-${index + 1}`,
      label: `Password and ${what}`,
      short: backup ? `password and ${wording.backupName ?? 'a backup code'}` : `password and a ${stepName}`,
      needs: [...password, loss.factor(step.heldBy)],
      timing,
      docs: backup ? (wording.backupDocs ?? docs) : docs,
    };
  });
}

/**
 * The account as one signed in to: a provider of sign-in accounts is only ever given those (the builder picks
 * the provider by `provider`), so an organisation here is a wiring mistake, not a user's.
 */
export function asSignInAccount(account: OutsideAccount): SignInOutsideAccount {
  if (!isSignInAccount(account)) {
    throw new Error(`${account.id} is an organisation (${account.provider}), not an account to sign in to`);
  }
  return account;
}

/** "Sign in to Alex's GitHub account", or "Sign in to the GitHub account alex" when it has no name. */
export function signInLabelOf(account: SignInOutsideAccount, generic: string): string {
  return account.name !== undefined
    ? `Sign in to ${account.name}`
    : `${generic} ${outsideAccountLabel(account)}`;
}

/** The mailbox a provider mails a code or a link to: the declared recovery e-mail, else an unknown. */
export function recoveryMailbox(account: SignInOutsideAccount): Loss {
  const email = account.recovery?.email;
  if (email !== undefined) return loss.factor(email);
  return loss.undeclared(
    `${account.id}/recovery-email-undeclared`,
    `The e-mail address of ${outsideAccountLabel(account)} (not declared in recovery.email)`,
    account.id,
  );
}
