/**
 * What signing in to an outside account needs, whatever its provider: the password (where it is kept) and a
 * second step on a declared factor. Each provider (src/providers/google, src/providers/other) builds its ways
 * from these terms and adds its own recovery. Undeclared facts are unknown losses, never safe.
 */

import {
  factorLabel,
  outsideAccountLabel,
  type OutsideAccount,
  type OutsideSignInAccount,
  type SecondFactor,
  type SignInOutsideAccount,
  type SecondFactorType,
} from '../../model/inventory.js';
import { loss, type BuildContext, type Loss, type OutsideCapabilityId } from '../../recovery/provider.js';

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
export function secondStepsUndeclared(account: OutsideAccount): Loss {
  return loss.undeclared(
    `${account.id}/second-steps-undeclared`,
    `The second steps of ${outsideAccountLabel(account)} (2-Step Verification not declared)`,
    account.id,
  );
}

/** Whether 2-Step Verification is known to be off; `on`, `unknown` and absent all ask for a second step. */
export function twoStepOff(account: OutsideSignInAccount): boolean {
  return account.twoStepVerification === 'off';
}

/**
 * The account as one signed in to: a provider of sign-in accounts is only ever given those (the builder picks
 * the provider by `provider`), so an organisation here is a wiring mistake, not a user's.
 */
export function asSignInAccount(account: OutsideAccount): SignInOutsideAccount {
  if (account.provider === 'google-workspace' || account.provider === 'microsoft-entra') {
    throw new Error(`${account.id} is an organisation (${account.provider}), not an account to sign in to`);
  }
  return account;
}
