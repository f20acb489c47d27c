/**
 * An account at a domain registrar (provider-model.ts): "sign in" (the password and a second step) and the
 * registrar's own account recovery where a source documents it (Cloudflare); anything else is unknown. The
 * domains naming the account as registrar are lost with its sign-in (the builder's implicit dependencies).
 */

import { isSignInAccount, outsideAccountLabel, type RegistrarAccount } from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type OutsideAccountProvider,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import { passwordAndSecondStepWays, recoveryMailbox, SIGN_IN, signInLabelOf } from '../outside/sign-in.js';
import { registrarFacts, registrarRules, registrarTimings } from './provider-model.js';

export const registrarProvider: OutsideAccountProvider = {
  id: 'registrar',
  name: 'a domain registrar',
  capabilityLabels: { [SIGN_IN]: 'Sign in to the registrar account' },
  capabilities: (account, context) =>
    isSignInAccount(account) && account.provider === 'registrar' ? [signIn(account, context)] : [],
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

function signIn(account: RegistrarAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  const facts = registrarFacts[account.registrar];
  const ways = passwordAndSecondStepWays(account, context, {
    timing: registrarTimings.signIn,
    docs: facts.docs,
  });
  return {
    capability: SIGN_IN,
    label: signInLabelOf(account, `Sign in to the ${facts.name} account`),
    ways: [...ways, recovery(account)],
  };
}

function recovery(account: RegistrarAccount): WaySpec {
  const facts = registrarFacts[account.registrar];
  const name = outsideAccountLabel(account);
  if (facts.accountRecovery !== undefined) {
    return {
      id: 'account-recovery',
      label: `${facts.name}'s account recovery for ${name} (the account e-mail and a device used before)`,
      short: 'account recovery',
      needs: [
        recoveryMailbox(account),
        loss.undeclared(
          `${account.id}/recovery-device-undeclared`,
          `A device that signed in to ${name} before`,
          account.id,
          'not declared (Lockout does not know of one)',
        ),
      ],
      timing: facts.accountRecovery,
      docs: registrarRules.accountRecovery.docs,
    };
  }
  return {
    id: 'account-recovery',
    label: `${facts.name}'s account recovery (not modelled)`,
    short: 'account recovery',
    needs: [
      loss.undeclared(
        `${account.id}/recovery-not-modelled`,
        `Account recovery at ${facts.name} for ${name}`,
        account.id,
        'Lockout has no source for this registrar’s recovery',
      ),
    ],
    docs: facts.docs,
  };
}
