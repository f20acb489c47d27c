/**
 * Microsoft Entra ID as two providers. A work or school account (`microsoft`): signing in takes its password and
 * any one declared method, or a passkey alone; a Global Administrator resets it; a declared Global Administrator
 * or emergency access account also has self-service password reset with any two of its methods. A tenant
 * (`microsoft-entra`): "administer the tenant", through any Global Administrator or emergency access account
 * signed in, and Microsoft support when none can (undocumented: unknown). Unknowns are never safe.
 */

import {
  outsideAccountLabel,
  type MicrosoftEntraTenant,
  type OutsideAccount,
  type SignInOutsideAccount,
} from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type Loss,
  type OutsideAccountProvider,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import { ADMINISTER } from '../google-workspace/recovery-graph.js';
import { domainDnsLost } from '../outside/domain-dns.js';
import { asSignInAccount, passwordAndSecondStepWays, secondStepLabel, SIGN_IN } from '../outside/sign-in.js';
import { microsoftRules, microsoftTimings } from './provider-model.js';

const accountLabels = { [SIGN_IN]: 'Sign in to the Microsoft work or school account' };
const tenantLabels = { [ADMINISTER]: 'Administer the Microsoft Entra tenant' };

export const microsoftProvider: OutsideAccountProvider = {
  id: 'microsoft',
  name: 'Microsoft Entra ID',
  capabilityLabels: accountLabels,
  capabilities: (account, context) => [signIn(asSignInAccount(account), context)],
  accountLost: (account) => loss.capability(account.id, SIGN_IN),
};

export const microsoftEntraProvider: OutsideAccountProvider = {
  id: 'microsoft-entra',
  name: 'Microsoft Entra ID',
  capabilityLabels: tenantLabels,
  capabilities: (account, context) => [administer(asTenant(account), context)],
  accountLost: (account) => loss.capability(account.id, ADMINISTER),
};

function asTenant(account: OutsideAccount): MicrosoftEntraTenant {
  if (account.provider !== 'microsoft-entra') {
    throw new Error(`${account.id} is a ${account.provider} account, not a Microsoft Entra tenant`);
  }
  return account;
}

function signIn(account: SignInOutsideAccount, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  const label =
    account.name !== undefined
      ? `Sign in to ${account.name}`
      : `${accountLabels[SIGN_IN]} ${outsideAccountLabel(account)}`;
  return {
    capability: SIGN_IN,
    label,
    ways: [
      ...signInWays(account, context),
      ...adminResetWays(account, context),
      ...ssprWays(account, context),
    ],
  };
}

function signInWays(account: SignInOutsideAccount, context: BuildContext): WaySpec[] {
  return passwordAndSecondStepWays(account, context, {
    timing: microsoftTimings.signIn,
    docs: microsoftRules.signIn.docs,
    stepName: 'second method',
    twoStepName: 'second method',
  });
}

/** A user of a declared tenant is reset by its Global Administrators (one of them by another). */
function adminResetWays(account: SignInOutsideAccount, context: BuildContext): WaySpec[] {
  if (account.provider !== 'microsoft' || account.tenant === undefined) return [];
  const tenant = context.outsideAccounts.get(account.tenant);
  return [
    {
      id: 'admin-reset',
      label: `A Global Administrator of ${tenant ? outsideAccountLabel(tenant) : account.tenant} resets the account`,
      short: 'admin reset',
      needs: [loss.capability(account.tenant, ADMINISTER)],
      timing: microsoftTimings.adminReset,
      docs: microsoftRules.adminReset.docs,
    },
  ];
}

/** At most this many methods are paired for the two-gate reset (15 ways): more add nothing a reader could use. */
const MAX_SSPR_METHODS = 6;

/**
 * Self-service password reset of an administrator (a declared Global Administrator or emergency access
 * account): two of its methods, any two. Methods: the recovery e-mail and phone, and the second steps that
 * are codes or prompts. Fewer than two known: an unknown when its methods are not declared, else no way.
 */
function ssprWays(account: SignInOutsideAccount, context: BuildContext): WaySpec[] {
  if (!isTenantAdmin(account, context)) return [];
  const methods: { label: string; factor: string }[] = [];
  const recovery = account.recovery;
  if (recovery?.email !== undefined) methods.push({ label: 'its recovery e-mail', factor: recovery.email });
  if (recovery?.phone !== undefined) methods.push({ label: 'its recovery phone', factor: recovery.phone });
  for (const step of account.secondFactors ?? []) {
    if (step.type === 'passkey' || step.type === 'security-key' || step.type === 'backup-codes') continue;
    methods.push({ label: secondStepLabel(step, context), factor: step.heldBy });
  }
  const docs = microsoftRules.adminSspr.docs;
  const timing = microsoftTimings.sspr;
  if (methods.length < 2) {
    if (recovery !== undefined && account.secondFactors !== undefined) return [];
    const known: Loss[] = methods.map((method) => loss.factor(method.factor));
    return [
      {
        id: 'sspr',
        label: 'Self-service password reset with two methods (methods not declared)',
        short: 'self-service password reset',
        needs: [
          ...known,
          loss.undeclared(
            `${account.id}/sspr-methods-undeclared`,
            `The authentication methods of ${outsideAccountLabel(account)} (not declared)`,
            account.id,
          ),
        ],
        timing,
        docs,
      },
    ];
  }
  const used = methods.slice(0, MAX_SSPR_METHODS);
  const ways: WaySpec[] = [];
  used.forEach((first, i) => {
    used.slice(i + 1).forEach((second, offset) => {
      const j = i + 1 + offset;
      ways.push({
        id: `sspr-${i + 1}-${j + 1}`,
        label: `Self-service password reset with ${first.label} and ${second.label}`,
        short: 'self-service password reset',
        needs: [loss.factor(first.factor), loss.factor(second.factor)],
        timing,
        docs,
      });
    });
  });
  return ways;
}

function isTenantAdmin(account: SignInOutsideAccount, context: BuildContext): boolean {
  for (const other of context.outsideAccounts.values()) {
    if (other.provider !== 'microsoft-entra') continue;
    if (other.globalAdmins?.includes(account.id) || other.emergencyAccessAccounts?.includes(account.id))
      return true;
  }
  return false;
}

function administer(
  tenant: MicrosoftEntraTenant,
  context: BuildContext,
): CapabilitySpec<OutsideCapabilityId> {
  const name = outsideAccountLabel(tenant);
  const ways: WaySpec[] = [];
  const timing = microsoftTimings.signIn;
  const adminName = (id: string): string => {
    const admin = context.outsideAccounts.get(id);
    return admin ? outsideAccountLabel(admin) : id;
  };
  if (tenant.globalAdmins === undefined) {
    ways.push({
      id: 'global-admin',
      label: `A Global Administrator of ${name} signs in (not declared)`,
      short: 'a Global Administrator signs in',
      needs: [
        loss.undeclared(
          `${tenant.id}/global-admins-undeclared`,
          `The Global Administrators of ${name} (not declared)`,
          tenant.id,
        ),
      ],
      timing,
      docs: microsoftRules.globalAdmins.docs,
    });
  } else {
    for (const id of tenant.globalAdmins) {
      ways.push({
        id: `global-admin-${id}`,
        label: `Global Administrator ${adminName(id)} signs in`,
        short: 'a Global Administrator signs in',
        needs: [loss.capability(id, SIGN_IN)],
        timing,
        docs: microsoftRules.globalAdmins.docs,
      });
    }
  }
  // Emergency access accounts are Global Administrators too: one listed in both is one way, not two.
  for (const id of tenant.emergencyAccessAccounts ?? []) {
    if (tenant.globalAdmins?.includes(id)) continue;
    ways.push({
      id: `emergency-access-${id}`,
      label: `Emergency access account ${adminName(id)} signs in`,
      short: 'an emergency access account signs in',
      needs: [loss.capability(id, SIGN_IN)],
      timing,
      docs: microsoftRules.emergencyAccess.docs,
    });
  }
  // Microsoft documents no procedure or duration for a tenant with no usable admin: a way that waits on an unknown.
  ways.push({
    id: 'microsoft-support',
    label: `Microsoft support restores admin access to ${name} after verifying identity and ownership (not documented)`,
    short: 'Microsoft support',
    needs: [
      domainDnsLost(tenant.id, name, tenant.domain, context),
      loss.undeclared(
        `${tenant.id}/tenant-recovery-undocumented`,
        `Microsoft support's recovery of ${name} (no documented procedure or duration)`,
        tenant.id,
        'Microsoft documents no procedure',
      ),
    ],
    docs: microsoftRules.tenantRecovery.docs,
  });
  const label =
    tenant.name !== undefined ? `Administer ${tenant.name}` : `${tenantLabels[ADMINISTER]} ${name}`;
  return { capability: ADMINISTER, label, ways };
}
