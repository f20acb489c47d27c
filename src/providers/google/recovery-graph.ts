/**
 * The Google account provider: one capability, "sign in", with its ways under Google's rules
 * (provider-model.ts): a passkey alone; the password and any one second step; the password and a backup code;
 * account recovery through the recovery phone or the recovery e-mail, in minutes with 2-Step Verification
 * off and in 3-5 business days with it on. What the account holds (a Gmail mailbox, Google Password Manager)
 * is lost with its sign-in. Unknown facts are unknown losses, never safe.
 */

import { isSignInAccount, outsideAccountLabel, type SignInOutsideAccount } from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type OutsideCapabilityId,
  type Loss,
  type OutsideAccountProvider,
  type WaySpec,
} from '../../recovery/provider.js';
import {
  passwordLost,
  secondStepLabel,
  secondStepsUndeclared,
  SIGN_IN,
  twoStepOff,
} from '../outside/sign-in.js';
import { googleRules, googleTimings } from './provider-model.js';

const capabilityLabels = { [SIGN_IN]: 'Sign in to the Google account' };

export const googleProvider: OutsideAccountProvider = {
  id: 'google',
  name: 'Google',
  capabilityLabels,
  // Only accounts one signs in to reach here: an organisation has its own provider.
  capabilities: (account, context) => (isSignInAccount(account) ? [signIn(account, context)] : []),
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

function signIn(account: SignInOutsideAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  return {
    capability: SIGN_IN,
    label: signInLabel(account),
    ways: [...signInWays(account, context), ...recoveryWays(account)],
  };
}

function signInWays(account: SignInOutsideAccount, context: BuildContext): WaySpec[] {
  const password = passwordLost(account);
  const { signIn: timing } = googleTimings;
  if (twoStepOff(account)) {
    return [
      {
        id: 'password',
        label: 'Password (2-Step Verification off)',
        short: 'password sign-in',
        needs: [password],
        timing,
        docs: googleRules.twoStepSignIn.docs,
      },
    ];
  }
  const steps = account.secondFactors;
  if (steps === undefined) {
    return [
      {
        id: 'second-step',
        label: 'Password and a second step (not declared)',
        short: 'password and a second step',
        needs: [password, secondStepsUndeclared(account)],
        timing,
        docs: googleRules.twoStepSignIn.docs,
      },
    ];
  }
  return steps.map((step, index): WaySpec => {
    const what = secondStepLabel(step, context);
    // A passkey is the whole sign-in: it bypasses the password and the second step.
    if (step.type === 'passkey') {
      return {
        id: `passkey-${index + 1}`,
        label: `Passkey alone: ${what}`,
        short: 'passkey sign-in',
        needs: [loss.factor(step.heldBy)],
        timing,
        docs: googleRules.passkey.docs,
      };
    }
    const backup = step.type === 'backup-codes';
    return {
      id: `${backup ? 'backup-codes' : 'second-step'}-${index + 1}`,
      label: `Password and ${what}`,
      short: backup ? 'password and a backup code' : 'password and a second step',
      needs: [password, loss.factor(step.heldBy)],
      timing,
      docs: backup ? googleRules.backupCodes.docs : googleRules.twoStepSignIn.docs,
    };
  });
}

/** Account recovery: a code to the recovery phone or e-mail; days with 2-Step Verification on, or unknown. */
function recoveryWays(account: SignInOutsideAccount): WaySpec[] {
  const name = outsideAccountLabel(account);
  const recovery = account.recovery;
  const timing = twoStepOff(account) ? googleTimings.recoveryCode : googleTimings.recoveryWithTwoStep;
  const docs = googleRules.accountRecovery.docs;
  const way = (id: string, label: string, needs: Loss): WaySpec => ({
    id,
    label,
    short: 'account recovery',
    needs: [needs],
    timing,
    docs,
  });
  if (recovery === undefined) {
    return [
      way(
        'account-recovery',
        `Recover ${name} through its recovery phone or e-mail (not declared)`,
        loss.undeclared(
          `${account.id}/recovery-undeclared`,
          `The recovery phone and e-mail of ${outsideAccountLabel(account)} (not declared)`,
          account.id,
        ),
      ),
    ];
  }
  const ways: WaySpec[] = [];
  if (recovery.phone !== undefined) {
    ways.push(
      way('recovery-phone', `Recover ${name} with a code to its recovery phone`, loss.factor(recovery.phone)),
    );
  }
  if (recovery.email !== undefined) {
    ways.push(
      way(
        'recovery-email',
        `Recover ${name} with a code to its recovery e-mail`,
        loss.factor(recovery.email),
      ),
    );
  }
  return ways;
}

/** "Sign in to Alex's Google account", or "Sign in to the Google account alex@gmail.com" when it has no name. */
function signInLabel(account: SignInOutsideAccount): string {
  return account.name !== undefined
    ? `Sign in to ${account.name}`
    : `${capabilityLabels[SIGN_IN]} ${outsideAccountLabel(account)}`;
}
