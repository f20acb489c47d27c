/**
 * 1Password (provider-model.ts): "sign in" needs the password and the Secret Key (and a second step when
 * declared on); the way back is a recoverer — a person in the graph — and the account's e-mail for the link.
 * Recoverers not declared are an unknown, never safe.
 */

import { outsideAccountLabel, type OnePasswordAccount } from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type Loss,
  type OutsideAccountProvider,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import { passwordAndSecondStepWays, recoveryMailbox, SIGN_IN, signInLabelOf } from '../outside/sign-in.js';
import { onePasswordRules, onePasswordTimings } from './provider-model.js';

export const onePasswordProvider: OutsideAccountProvider = {
  id: '1password',
  name: '1Password',
  capabilityLabels: { [SIGN_IN]: 'Sign in to the 1Password account' },
  capabilities: (account, context) => (account.provider === '1password' ? [signIn(account, context)] : []),
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

/** The Secret Key is lost with the place it is kept; not declared, it is an unknown. */
export function secretKeyLost(account: OnePasswordAccount): Loss {
  const storedIn = account.secretKey?.storedIn;
  if (storedIn !== undefined) return loss.factor(storedIn);
  return loss.undeclared(
    `${account.id}/secret-key-undeclared`,
    `The Secret Key of ${outsideAccountLabel(account)} (where it is kept: not declared)`,
    account.id,
  );
}

function signIn(account: OnePasswordAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  const ways = passwordAndSecondStepWays(account, context, {
    timing: onePasswordTimings.signIn,
    docs: onePasswordRules.signIn.docs,
    alsoNeeds: [secretKeyLost(account)],
  });
  return {
    capability: SIGN_IN,
    label: signInLabelOf(account, 'Sign in to the 1Password account'),
    ways: [...ways, ...recoveryWays(account)],
  };
}

function recoveryWays(account: OnePasswordAccount): WaySpec[] {
  const name = outsideAccountLabel(account);
  const mailbox = recoveryMailbox(account);
  const base = {
    short: 'recovery by a recoverer',
    timing: onePasswordTimings.recovery,
    docs: onePasswordRules.recovery.docs,
  };
  if (account.recoverers === undefined) {
    return [
      {
        ...base,
        id: 'recovery',
        label: `Recovery of ${name} by a family organiser or team admin (who: not declared)`,
        needs: [
          loss.undeclared(`${account.id}/recoverers-undeclared`, `Who can recover ${name}`, account.id),
          mailbox,
        ],
      },
    ];
  }
  // Nobody recovers their own account: the holder is no recoverer of it.
  return account.recoverers
    .filter((person) => person !== account.holder)
    .map((person) => ({
      ...base,
      id: `recovery-by-${person}`,
      label: `Recovery of ${name} begun by ${person}`,
      needs: [loss.factor(person), mailbox],
    }));
}
