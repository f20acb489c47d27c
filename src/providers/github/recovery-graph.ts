/**
 * GitHub (provider-model.ts): a user account's "sign in" (the password and one 2FA method, a passkey alone,
 * recovery codes, and the account-recovery request that needs a verified e-mail and a verified device, SSH key
 * or token, in up to three business days); an organisation's "administer", held by any one owner's sign-in.
 * GitHub Support restores nothing else. Unknown facts are unknown losses, never safe.
 */

import {
  isSignInAccount,
  outsideAccountLabel,
  type GithubOrganization,
  type SignInOutsideAccount,
} from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type OutsideAccountProvider,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import {
  passwordAndSecondStepWays,
  passwordLost,
  recoveryMailbox,
  SIGN_IN,
  signInLabelOf,
  twoStepOff,
} from '../outside/sign-in.js';
import { githubRules, githubTimings } from './provider-model.js';

export const ADMINISTER: OutsideCapabilityId = 'administer';

export const githubProvider: OutsideAccountProvider = {
  id: 'github',
  name: 'GitHub',
  capabilityLabels: { [SIGN_IN]: 'Sign in to the GitHub account' },
  capabilities: (account, context) => (isSignInAccount(account) ? [signIn(account, context)] : []),
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

export const githubOrganizationProvider: OutsideAccountProvider = {
  id: 'github-organization',
  name: 'GitHub',
  capabilityLabels: { [ADMINISTER]: 'Administer the GitHub organisation' },
  capabilities: (account) => (account.provider === 'github-organization' ? [administer(account)] : []),
  accountLost: (account) => loss.capability(account.id, ADMINISTER),
};

function signIn(account: SignInOutsideAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  const ways = passwordAndSecondStepWays(account, context, {
    timing: githubTimings.signIn,
    docs: githubRules.twoFactorSignIn.docs,
    backupDocs: githubRules.recoveryCodes.docs,
    backupName: 'recovery codes',
  });
  return {
    capability: SIGN_IN,
    label: signInLabelOf(account, 'Sign in to the GitHub account'),
    ways: [...ways, recovery(account)],
  };
}

/** With 2FA off, a reset link by mail; with it on, the recovery request and its proofs. */
function recovery(account: SignInOutsideAccount): WaySpec {
  const mailbox = recoveryMailbox(account);
  if (twoStepOff(account)) {
    return {
      id: 'password-reset',
      label: `Reset the password of ${outsideAccountLabel(account)} by e-mail`,
      short: 'password reset',
      needs: [mailbox],
      timing: githubTimings.passwordReset,
      docs: githubRules.twoFactorSignIn.docs,
    };
  }
  return {
    id: 'account-recovery-request',
    label: `GitHub's 2FA account-recovery request for ${outsideAccountLabel(account)}`,
    short: 'account-recovery request',
    needs: [
      passwordLost(account),
      mailbox,
      // Not declared in the inventory: a browser with GitHub's cookies, an SSH key or a personal access token.
      loss.undeclared(
        `${account.id}/recovery-proof-undeclared`,
        `A verified device, SSH key or personal access token for ${outsideAccountLabel(account)}`,
        account.id,
        'not declared (Lockout does not know of one)',
      ),
    ],
    timing: githubTimings.recoveryRequest,
    docs: githubRules.recoveryRequest.docs,
  };
}

/** Any one owner's sign-in administers the organisation; owners not declared are an unknown. */
function administer(organization: GithubOrganization): CapabilitySpec<OutsideCapabilityId> {
  const name = outsideAccountLabel(organization);
  const docs = githubRules.organizationOwners.docs;
  const timing = githubTimings.signIn;
  const ways: WaySpec[] =
    organization.owners === undefined
      ? [
          {
            id: 'owner',
            label: `An owner of ${name} (owners not declared)`,
            short: 'an owner signs in',
            needs: [
              loss.undeclared(
                `${organization.id}/owners-undeclared`,
                `The owners of ${name}`,
                organization.id,
              ),
            ],
            timing,
            docs,
          },
        ]
      : organization.owners.map((owner) => ({
          id: `owner-${owner}`,
          label: `Owner ${owner} signs in`,
          short: 'an owner signs in',
          needs: [loss.capability(owner, SIGN_IN)],
          timing,
          docs,
        }));
  return { capability: ADMINISTER, label: `Administer ${name}`, ways };
}
