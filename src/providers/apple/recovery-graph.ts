/**
 * The Apple Account provider: one capability, "sign in", with its ways under Apple's rules (provider-model.ts):
 * the password and a code on a trusted device or to a trusted phone number; a new password on a trusted
 * device; an account recovery contact; the recovery key with a trusted number (when on); account recovery's
 * wait of several days, ending with a text to a trusted number (when the recovery key is off). Passkeys synced
 * through iCloud Keychain (a sync account naming this account) are lost with its sign-in. Unknown facts are
 * unknown losses, never safe.
 */

import { outsideAccountLabel, type AppleAccount, type SecondFactor } from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type Loss,
  type OutsideAccountProvider,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import {
  passwordAndSecondStepWays,
  secondStepLabel,
  secondStepsUndeclared,
  SIGN_IN,
  twoStepOff,
} from '../outside/sign-in.js';
import { appleRules, appleTimings } from './provider-model.js';

const capabilityLabels = { [SIGN_IN]: 'Sign in to the Apple Account' };

export const appleProvider: OutsideAccountProvider = {
  id: 'apple',
  name: 'Apple',
  capabilityLabels,
  capabilities: (account, context) => {
    if (account.provider !== 'apple') throw new Error(`${account.id} is not an Apple Account`);
    return [signIn(account, context)];
  },
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

function signIn(account: AppleAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  return {
    capability: SIGN_IN,
    label:
      account.name !== undefined
        ? `Sign in to ${account.name}`
        : `${capabilityLabels[SIGN_IN]} ${outsideAccountLabel(account)}`,
    ways: [
      ...passwordAndSecondStepWays(account, context, {
        timing: appleTimings.signIn,
        docs: appleRules.twoFactorSignIn.docs,
        stepName: 'verification code',
        twoStepName: 'two-factor authentication',
      }),
      ...trustedDeviceResetWays(account, context),
      ...recoveryContactWays(account),
      ...recoveryKeyWays(account, context),
      ...accountRecoveryWays(account, context),
    ],
  };
}

/** Trusted devices are second steps of type `prompt`; trusted phone numbers of type `sms` or `voice`. */
const isTrustedDevice = (step: SecondFactor): boolean => step.type === 'prompt';
const isTrustedNumber = (step: SecondFactor): boolean => step.type === 'sms' || step.type === 'voice';

/**
 * The trusted devices or numbers, each as what losing it means; the undeclared second steps as one unknown.
 * With two-factor authentication off there are none.
 */
function trusted(
  account: AppleAccount,
  context: BuildContext,
  which: (step: SecondFactor) => boolean,
): { loss: Loss; label: string }[] {
  if (twoStepOff(account)) return [];
  if (account.secondFactors === undefined) {
    return [{ loss: secondStepsUndeclared(account), label: 'not declared' }];
  }
  return account.secondFactors
    .filter(which)
    .map((step) => ({ loss: loss.factor(step.heldBy), label: secondStepLabel(step, context) }));
}

function trustedDeviceResetWays(account: AppleAccount, context: BuildContext): WaySpec[] {
  return trusted(account, context, isTrustedDevice).map((device, index) => ({
    id: `trusted-device-reset-${index + 1}`,
    label: `A new password on a trusted device (${device.label})`,
    short: 'reset on a trusted device',
    needs: [device.loss],
    timing: appleTimings.trustedDeviceReset,
    docs: appleRules.trustedDeviceReset.docs,
  }));
}

function recoveryContactWays(account: AppleAccount): WaySpec[] {
  const way = (id: string, label: string, needs: Loss): WaySpec => ({
    id,
    label,
    short: 'account recovery contact',
    needs: [needs],
    timing: appleTimings.recoveryContact,
    docs: appleRules.recoveryContact.docs,
  });
  const contacts = account.recoveryContacts;
  if (contacts === undefined) {
    return [
      way(
        'recovery-contact',
        'An account recovery contact gives a code (not declared)',
        loss.undeclared(
          `${account.id}/recovery-contacts-undeclared`,
          `The account recovery contacts of ${outsideAccountLabel(account)} (not declared)`,
          account.id,
        ),
      ),
    ];
  }
  return contacts.map((person, index) =>
    way(`recovery-contact-${index + 1}`, 'An account recovery contact gives a code', loss.factor(person)),
  );
}

/** Whether the recovery key is on is not declared: the unknown both the key and account recovery wait on. */
function recoveryKeyUnknown(account: AppleAccount): Loss {
  return loss.undeclared(
    `${account.id}/recovery-key-undeclared`,
    `Whether ${outsideAccountLabel(account)} has a recovery key on (not declared)`,
    account.id,
  );
}

/** The recovery key and a trusted phone number, when the key is on (or that is unknown). */
function recoveryKeyWays(account: AppleAccount, context: BuildContext): WaySpec[] {
  const key = account.recoveryKey;
  if (key?.enabled === 'off') return [];
  const place =
    key?.storedIn !== undefined
      ? loss.factor(key.storedIn)
      : loss.undeclared(
          `${account.id}/recovery-key-place-undeclared`,
          `Where the recovery key of ${outsideAccountLabel(account)} is kept (not declared)`,
          account.id,
        );
  const known = key?.enabled === 'on';
  return trusted(account, context, isTrustedNumber).map((number, index) => ({
    id: `recovery-key-${index + 1}`,
    label: `The recovery key and a code to a trusted number (${number.label})${known ? '' : ' (recovery key not declared)'}`,
    short: 'recovery key',
    needs: known ? [place, number.loss] : [recoveryKeyUnknown(account), place, number.loss],
    timing: appleTimings.recoveryKey,
    docs: appleRules.recoveryKey.docs,
  }));
}

/** Account recovery: off with a recovery key on; its end needs a trusted phone number. */
function accountRecoveryWays(account: AppleAccount, context: BuildContext): WaySpec[] {
  const key = account.recoveryKey;
  if (key?.enabled === 'on') return [];
  const known = key?.enabled === 'off';
  return trusted(account, context, isTrustedNumber).map((number, index) => ({
    id: `account-recovery-${index + 1}`,
    label: `Account recovery: several days or longer, then a text to a trusted number (${number.label})${known ? '' : ' (whether a recovery key turned it off: not declared)'}`,
    short: 'account recovery',
    needs: known ? [number.loss] : [recoveryKeyUnknown(account), number.loss],
    timing: appleTimings.accountRecovery,
    docs: appleRules.accountRecovery.docs,
  }));
}
