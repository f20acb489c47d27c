/**
 * The only super admin of a Google Workspace organisation (or Global Administrator of an Entra tenant) is also
 * the only principal other than root who may pay an AWS account: one lost sign-in takes both, and nobody at
 * the identity provider can reset it.
 */
import { outsideAccountLabel, type BillingPrincipal } from '../model/inventory.js';
import { rules } from '../providers/aws/provider-model.js';
import { canReplaceCard } from '../providers/aws/recovery-graph.js';
import { defineCheck, type FindingDraft } from './check.js';
import {
  adminField,
  adminIds,
  adminWord,
  nameOf,
  organisationOf,
} from '../providers/outside/organisations.js';

export const idpAdminOnlyBillingPrincipal = defineCheck({
  meta: {
    id: 'idp-admin-only-billing-principal',
    severity: 'high',
    title: "The IdP's only admin is the account's only billing principal",
    why: "One account at the identity provider is both its only admin and the only principal besides root who can replace a failed card: when its sign-in is lost, nobody can reset it, and only root can pay; with root's own recovery going through the same person's phone or mailbox, the bill can go unpaid until the account is suspended.",
    fix: 'Make a second person an admin at the identity provider first; then let a second principal, signing in some other way, replace the card.',
    docs: rules.billingAccess.docs,
  },
  run({ inventory, asOf }) {
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      // Most of an Organization's members declare no principal: nothing to gather for them.
      if (account.billingPrincipals === undefined && account.principals === undefined) return;
      const payers: BillingPrincipal[] = [
        ...(account.billingPrincipals ?? []),
        ...(account.principals ?? []).filter(
          (principal) => principal.permissions !== undefined && canReplaceCard(principal, asOf),
        ),
      ];
      const [only] = payers;
      if (payers.length !== 1 || only === undefined) return;
      for (const id of only.signIn) {
        const organisation = organisationOf(inventory, id);
        if (organisation === undefined) continue;
        const org = outsideAccountLabel(organisation);
        const admins = adminIds(organisation);
        const path = ['accounts', index];
        if (admins === undefined) {
          findings.push({
            account,
            path,
            severity: 'medium',
            message: `${only.name}, the only billing principal of ${account.name}, signs in through ${nameOf(inventory, id)} at ${org}, whose ${adminWord(organisation)} are not declared: whether it is also their only admin is unknown. Declare ${adminField(organisation)} or scan ${org} first.`,
          });
        } else if (admins.length === 1 && admins[0] === id) {
          findings.push({
            account,
            path,
            message: `${nameOf(inventory, id)} is the only ${adminWord(organisation).replace(/s$/, '')} of ${org} and, as ${only.name}, the only billing principal of ${account.name}: losing its sign-in leaves nobody to reset it and only root to pay. Make a second person an admin of ${org} first.`,
          });
        }
      }
    });
    return findings;
  },
});
