/**
 * Bitwarden (provider-model.ts): "sign in" (the master password and a two-step method, or the recovery code
 * as a backup code) and emergency access: a way held by each grantee, taking the declared wait. Emergency
 * access not declared is an unknown way, never a safe one.
 */

import { outsideAccountLabel, type BitwardenAccount } from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type OutsideAccountProvider,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import { passwordAndSecondStepWays, SIGN_IN, signInLabelOf } from '../outside/sign-in.js';
import { bitwardenRules, bitwardenTimings, emergencyAccessTiming } from './provider-model.js';

export const bitwardenProvider: OutsideAccountProvider = {
  id: 'bitwarden',
  name: 'Bitwarden',
  capabilityLabels: { [SIGN_IN]: 'Sign in to (or reach) the Bitwarden vault' },
  capabilities: (account, context) => (account.provider === 'bitwarden' ? [signIn(account, context)] : []),
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

function signIn(account: BitwardenAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  const ways = passwordAndSecondStepWays(account, context, {
    timing: bitwardenTimings.signIn,
    docs: bitwardenRules.signIn.docs,
    backupName: 'two-step recovery code',
  });
  return {
    capability: SIGN_IN,
    label: signInLabelOf(account, 'Sign in to the Bitwarden account'),
    ways: [...ways, ...emergencyWays(account)],
  };
}

function emergencyWays(account: BitwardenAccount): WaySpec[] {
  const name = outsideAccountLabel(account);
  const docs = bitwardenRules.emergencyAccess.docs;
  if (account.emergencyAccess === undefined) {
    return [
      {
        id: 'emergency-access',
        label: `Emergency access to ${name} (not declared)`,
        short: 'emergency access',
        needs: [
          loss.undeclared(
            `${account.id}/emergency-access-undeclared`,
            `Emergency access to ${name}`,
            account.id,
          ),
        ],
        docs,
      },
    ];
  }
  return account.emergencyAccess.map((grant) => ({
    id: `emergency-access-${grant.grantee}`,
    label: `Emergency access (${grant.access}) by ${grant.grantee} after ${grant.waitDays} days`,
    short: 'emergency access',
    needs: [loss.factor(grant.grantee)],
    timing: emergencyAccessTiming(grant.waitDays),
    docs,
  }));
}
