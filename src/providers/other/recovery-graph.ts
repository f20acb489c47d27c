/**
 * Any provider Lockout has no model of (`provider: other`): signing in takes the declared password and, with
 * 2-Step Verification on or not declared, any one declared second step; the provider's own recovery is
 * unknown, and so are its timings. Nothing about it is counted as safe.
 */

import { outsideAccountLabel, type SignInOutsideAccount } from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type OutsideCapabilityId,
  type OutsideAccountProvider,
  type WaySpec,
} from '../../recovery/provider.js';
import {
  passwordLost,
  secondStepLabel,
  secondStepsUndeclared,
  SIGN_IN,
  twoStepOff,
  asSignInAccount,
} from '../outside/sign-in.js';

const capabilityLabels = { [SIGN_IN]: 'Sign in to the account' };
/** No page to send a reader to: the provider is not modelled. */
const docs = 'docs/rules.md#other-providers';

export const otherProvider: OutsideAccountProvider = {
  id: 'other',
  name: 'a provider Lockout has no model of',
  capabilityLabels,
  capabilities: (account, context) => [signIn(asSignInAccount(account), context)],
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

function signIn(account: SignInOutsideAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  const password = passwordLost(account);
  const ways: WaySpec[] = [];
  if (twoStepOff(account)) {
    ways.push({
      id: 'password',
      label: 'Password (2-step verification off)',
      short: 'password sign-in',
      needs: [password],
      docs,
    });
  } else if (account.secondFactors === undefined) {
    ways.push({
      id: 'second-step',
      label: 'Password and a second step (not declared)',
      short: 'password and a second step',
      needs: [password, secondStepsUndeclared(account)],
      docs,
    });
  } else {
    account.secondFactors.forEach((step, index) => {
      ways.push({
        id: `second-step-${index + 1}`,
        label: `Password and ${secondStepLabel(step, context)}`,
        short: 'password and a second step',
        needs: [password, loss.factor(step.heldBy)],
        docs,
      });
    });
  }
  // Its recovery is unknown: a way that waits on what Lockout cannot know, never one that works.
  ways.push({
    id: 'account-recovery',
    label: "The provider's account recovery (not modelled)",
    short: 'account recovery',
    needs: [
      loss.undeclared(
        `${account.id}/recovery-not-modelled`,
        `Account recovery at ${outsideAccountLabel(account)}'s provider`,
        account.id,
        'Lockout has no model of this provider',
      ),
    ],
    docs,
  });
  return { capability: SIGN_IN, label: signInLabel(account), ways };
}

/** "Sign in to Alex's Google account", or "Sign in to the account alex@gmail.com" when it has no name. */
function signInLabel(account: SignInOutsideAccount): string {
  return account.name !== undefined
    ? `Sign in to ${account.name}`
    : `${capabilityLabels[SIGN_IN]} ${outsideAccountLabel(account)}`;
}
