/**
 * The Google Workspace organisation as a provider: one capability, "administer the organisation" (reset its
 * users, its other admins), with its ways under Google's rules (provider-model.ts): any super admin signs in;
 * when none can, proving control of the primary domain's DNS. A super admin's own sign-in (with the admin-reset
 * and self-recovery ways) is the Google account's (src/providers/google), so an admin whose recovery e-mail is
 * in the same organisation makes a cycle the engine cuts. Unknown admins, domain or DNS sign-in are unknown
 * losses, never safe.
 */

import { outsideAccountLabel, type GoogleWorkspace, type OutsideAccount } from '../../model/inventory.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type OutsideAccountProvider,
  type OutsideCapabilityId,
  type WaySpec,
} from '../../recovery/provider.js';
import { domainDnsLost } from '../outside/domain-dns.js';
import { SIGN_IN } from '../outside/sign-in.js';
import { workspaceRules, workspaceTimings } from './provider-model.js';

export const ADMINISTER = 'administer' satisfies OutsideCapabilityId;

const capabilityLabels = { [ADMINISTER]: 'Administer the Google Workspace organisation' };

export const googleWorkspaceProvider: OutsideAccountProvider = {
  id: 'google-workspace',
  name: 'Google Workspace',
  capabilityLabels,
  capabilities: (account, context) => [administer(asWorkspace(account), context)],
  accountLost: (account) => loss.capability(account.id, ADMINISTER),
};

function asWorkspace(account: OutsideAccount): GoogleWorkspace {
  if (account.provider !== 'google-workspace') {
    throw new Error(`${account.id} is a ${account.provider} account, not a Google Workspace organisation`);
  }
  return account;
}

function administer(workspace: GoogleWorkspace, context: BuildContext): CapabilitySpec<OutsideCapabilityId> {
  const name = outsideAccountLabel(workspace);
  const ways: WaySpec[] = [];
  const admins = workspace.superAdmins;
  if (admins === undefined) {
    ways.push({
      id: 'super-admin',
      label: `A super admin of ${name} signs in (super admins not declared)`,
      short: 'a super admin signs in',
      needs: [
        loss.undeclared(
          `${workspace.id}/super-admins-undeclared`,
          `The super admins of ${name} (not declared)`,
          workspace.id,
        ),
      ],
      timing: workspaceTimings.adminSignIn,
      docs: workspaceRules.superAdmins.docs,
    });
  } else {
    for (const adminId of admins) {
      const admin = context.outsideAccounts.get(adminId);
      ways.push({
        id: `super-admin-${adminId}`,
        label: `Super admin ${admin ? outsideAccountLabel(admin) : adminId} signs in`,
        short: 'a super admin signs in',
        needs: [loss.capability(adminId, SIGN_IN)],
        timing: workspaceTimings.adminSignIn,
        docs: workspaceRules.superAdmins.docs,
      });
    }
  }
  ways.push({
    id: 'domain-verification',
    label: `Prove control of ${name}'s primary domain with a DNS record (Google's admin recovery)`,
    short: 'domain verification',
    needs: [domainDnsLost(workspace.id, name, workspace.domain, context)],
    timing: workspaceTimings.domainVerification,
    docs: workspaceRules.domainVerification.docs,
  });
  const label =
    workspace.name !== undefined ? `Administer ${workspace.name}` : `${capabilityLabels[ADMINISTER]} ${name}`;
  return { capability: ADMINISTER, label, ways };
}
