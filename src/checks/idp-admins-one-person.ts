/**
 * Every AWS admin and billing principal of an account signs in through an identity provider whose admins are
 * all one person: that person's loss takes the organisation (nobody left to reset its users) and, with it,
 * every such principal.
 */
import type { Account, BillingPrincipal, IdentityOrganisation, Inventory } from '../model/inventory.js';
import { outsideAccountLabel } from '../model/inventory.js';
import { workspacePages } from '../providers/google-workspace/provider-model.js';
import { allows } from '../providers/aws/recovery-graph.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf } from './factor-index.js';
import {
  adminField,
  adminWord,
  organisationOf,
  soleAdminHolder,
} from '../providers/outside/organisations.js';
import { joinWords } from '../model/words.js';

export const idpAdminsOnePerson = defineCheck({
  meta: {
    id: 'idp-admins-one-person',
    severity: 'high',
    title: 'Every AWS admin signs in through an IdP whose admins are one person',
    why: "The principals that administer or pay for the account sign in through accounts at an identity provider (IAM Identity Center federated from Google Workspace or Microsoft Entra ID). When every admin of that provider is one person's, losing that person (or their phone) takes the provider's administration, nobody can reset the accounts, and every one of those principals is locked out at once.",
    fix: 'Give a second person admin rights at the identity provider, with second steps that share nothing with the first, or keep one AWS principal that does not sign in through it.',
    docs: workspacePages.adminBestPractices,
  },
  run(context) {
    const { inventory } = context;
    const factors = factorIndexOf(context);
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      const principals = adminPrincipals(account);
      if (principals.length === 0) return;
      const holders = new Set<string>();
      const organisations = new Map<string, IdentityOrganisation>();
      let unknown = false;
      for (const principal of principals) {
        const through = organisationsOf(inventory, principal);
        // A principal that signs in without an identity provider is a second way: no finding for this account.
        if (through.length === 0) return;
        let exposed = false;
        for (const organisation of through) {
          const held = soleAdminHolder(inventory, organisation);
          if (held.kind === 'several') continue;
          organisations.set(organisation.id, organisation);
          exposed = true;
          if (held.kind === 'unknown') unknown = true;
          else holders.add(held.person);
        }
        // One principal through an organisation with several admins is a way that survives any one person.
        if (!exposed) return;
      }
      if (organisations.size === 0) return;
      const path = ['accounts', index];
      const named = [...organisations.values()];
      const orgNames = joinWords(named.map((organisation) => outsideAccountLabel(organisation)));
      const [person] = holders;
      if (!unknown && holders.size === 1 && person !== undefined) {
        findings.push({
          account,
          path,
          factors: [person],
          message: `Every admin and billing principal of ${account.name} signs in through ${orgNames}, whose ${joinWords(named.map(adminWord))} are all held by ${factors.name(person)}: losing ${factors.name(person)} locks every one of them out. Give a second person admin rights at ${orgNames} first.`,
        });
      } else if (unknown) {
        findings.push({
          account,
          path,
          severity: 'medium',
          message: `Every admin and billing principal of ${account.name} signs in through ${orgNames}, whose admins (or who holds them) are not declared: whether one person's loss locks them all out is unknown. Declare ${joinWords([...new Set(named.map(adminField))])} with each admin account's holder, or scan ${orgNames}, first.`,
        });
      }
    });
    return findings;
  },
});

/** The principals that administer the account or may pay: billing principals, and principals allowed `*`. */
function adminPrincipals(account: Account): readonly BillingPrincipal[] {
  const billing = account.billingPrincipals ?? noPrincipals;
  // Most of an Organization's members declare no other principals: their billing principals as they are, no
  // list made for each.
  if (account.principals === undefined || account.principals.length === 0) return billing;
  return [...billing, ...account.principals.filter((principal) => allows(principal, '*'))];
}

const noPrincipals: readonly BillingPrincipal[] = [];

/** The organisations a principal signs in through: those of the outside accounts in its signIn. */
function organisationsOf(inventory: Inventory, principal: BillingPrincipal): IdentityOrganisation[] {
  return principal.signIn.flatMap((id) => organisationOf(inventory, id) ?? []);
}
