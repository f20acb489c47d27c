/**
 * The Google account provider: one capability, "sign in", with its ways under Google's rules
 * (provider-model.ts): a passkey alone; the password and any one second step; the password and a backup code;
 * account recovery through the recovery phone or the recovery e-mail, in minutes with 2-Step Verification
 * off and in 3-5 business days with it on. What the account holds (a Gmail mailbox, Google Password Manager)
 * is lost with its sign-in. Unknown facts are unknown losses, never safe.
 */

import {
  outsideAccountLabel,
  type GoogleWorkspace,
  type SignInOutsideAccount,
} from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type OutsideCapabilityId,
  type Loss,
  type OutsideAccountProvider,
  type WaySpec,
} from '../../recovery/provider.js';
import { asSignInAccount, passwordAndSecondStepWays, SIGN_IN, twoStepOff } from '../outside/sign-in.js';
import { ADMINISTER } from '../google-workspace/recovery-graph.js';
import { workspaceRules, workspaceTimings } from '../google-workspace/provider-model.js';
import { googleRules, googleTimings } from './provider-model.js';

const capabilityLabels = { [SIGN_IN]: 'Sign in to the Google account' };

export const googleProvider: OutsideAccountProvider = {
  id: 'google',
  name: 'Google',
  capabilityLabels,
  capabilities: (account, context) => [signIn(asSignInAccount(account), context)],
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

function signIn(account: SignInOutsideAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  return {
    capability: SIGN_IN,
    label: signInLabel(account),
    ways: [
      ...signInWays(account, context),
      ...recoveryWays(account, context),
      ...adminResetWays(account, context),
    ],
  };
}

function signInWays(account: SignInOutsideAccount, context: BuildContext): WaySpec[] {
  return passwordAndSecondStepWays(account, context, {
    timing: googleTimings.signIn,
    docs: googleRules.twoStepSignIn.docs,
    backupDocs: googleRules.backupCodes.docs,
    passkeyDocs: googleRules.passkey.docs,
    twoStepName: '2-Step Verification',
  });
}

/**
 * Account recovery: a code to the recovery phone or e-mail; days with 2-Step Verification on, or unknown. A
 * super admin of a Workspace organisation has it only where the organisation turned self-recovery on.
 */
function recoveryWays(account: SignInOutsideAccount, context: BuildContext): WaySpec[] {
  const ways = ownRecoveryWays(account);
  const gate = selfRecoveryGate(account, context);
  if (gate === 'closed') return [];
  if (gate === undefined) return ways;
  return ways.map((way) => ({ ...way, needs: [...way.needs, gate] }));
}

/** The organisations the account is a super admin of. */
function superAdminOf(account: SignInOutsideAccount, context: BuildContext): GoogleWorkspace[] {
  const workspaces: GoogleWorkspace[] = [];
  for (const other of context.outsideAccounts.values()) {
    if (other.provider === 'google-workspace' && other.superAdmins?.includes(account.id) === true) {
      workspaces.push(other);
    }
  }
  return workspaces;
}

/**
 * What a super admin's own recovery also waits on: nothing for an ordinary user, `closed` where an
 * organisation it administers turned super-admin self-recovery off, an unknown where that is not declared.
 */
function selfRecoveryGate(account: SignInOutsideAccount, context: BuildContext): Loss | 'closed' | undefined {
  const unknown: GoogleWorkspace[] = [];
  for (const workspace of superAdminOf(account, context)) {
    if (workspace.superAdminSelfRecovery === 'off') return 'closed';
    if (workspace.superAdminSelfRecovery !== 'on') unknown.push(workspace);
  }
  const [first] = unknown;
  if (first === undefined) return undefined;
  return loss.undeclared(
    `${first.id}/super-admin-self-recovery-undeclared`,
    `Whether super admins of ${outsideAccountLabel(first)} may recover their own accounts (not declared)`,
    first.id,
  );
}

/** A Workspace user is reset by its organisation's admins (a super admin by another super admin). */
function adminResetWays(account: SignInOutsideAccount, context: BuildContext): WaySpec[] {
  if (account.provider !== 'google' || account.workspace === undefined) return [];
  const workspace = context.outsideAccounts.get(account.workspace);
  const orgName = workspace ? outsideAccountLabel(workspace) : account.workspace;
  return [
    {
      id: 'admin-reset',
      label: `An admin of ${orgName} resets the password and 2-Step Verification`,
      short: 'admin reset',
      needs: [loss.capability(account.workspace, ADMINISTER)],
      timing: workspaceTimings.adminReset,
      docs: workspaceRules.adminReset.docs,
    },
  ];
}

function ownRecoveryWays(account: SignInOutsideAccount): WaySpec[] {
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
