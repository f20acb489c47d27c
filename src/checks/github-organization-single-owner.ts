/** A GitHub organisation with one owner: losing that one account loses the organisation's administration. */
import { outsideAccountLabel } from '../model/inventory.js';
import { githubRules } from '../providers/github/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const githubOrganizationSingleOwner = defineCheck({
  meta: {
    id: 'github-organization-single-owner',
    severity: 'high',
    title: 'GitHub organisation with a single owner',
    why:
      "Only owners administer an organisation (members, billing, settings). With one owner, that one account's " +
      'lost phone or password leaves nobody who can, and GitHub recommends at least two owners.',
    fix: 'Make a second person an owner (People, Change role) whose sign-in shares nothing with the first; declare both in owners.',
    docs: githubRules.organizationOwners.docs,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    (inventory.outsideAccounts ?? []).forEach((organization, index) => {
      if (organization.provider !== 'github-organization') return;
      const owners = organization.owners;
      const name = outsideAccountLabel(organization);
      if (owners === undefined) {
        findings.push({
          path: ['outsideAccounts', index],
          severity: 'low',
          message: `Unknown who owns ${name}: declare owners (the owners' GitHub accounts).`,
        });
      } else if (new Set(owners).size < 2) {
        findings.push({
          path: ['outsideAccounts', index, 'owners'],
          message:
            owners.length === 0
              ? `${name} has no owner declared: nobody can administer it.`
              : `${name} has one owner, ${owners[0]}: losing that account leaves nobody who can administer it.`,
        });
      }
    });
    return findings;
  },
});
