/** A GitHub organisation that does not require 2FA: an owner's account may rest on its password alone. */
import { outsideAccountLabel } from '../model/inventory.js';
import { githubRules } from '../providers/github/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const githubOrganization2faNotRequired = defineCheck({
  meta: {
    id: 'github-organization-2fa-not-required',
    severity: 'medium',
    title: 'GitHub organisation does not require two-factor authentication',
    why:
      'Without the requirement, a member or owner may sign in with a password alone: a phished password is ' +
      "enough to take the organisation's repositories and settings.",
    fix: 'Turn on "Require two-factor authentication" in the organisation\'s security settings; declare twoFactorRequired: on.',
    docs: githubRules.organizationTwoFactor.docs,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    (inventory.outsideAccounts ?? []).forEach((organization, index) => {
      if (organization.provider !== 'github-organization') return;
      const required = organization.twoFactorRequired;
      if (required === 'on') return;
      const name = outsideAccountLabel(organization);
      findings.push({
        path: ['outsideAccounts', index, ...(required === undefined ? [] : ['twoFactorRequired'])],
        severity: required === 'off' ? 'medium' : 'low',
        message:
          required === 'off'
            ? `${name} does not require two-factor authentication of its members.`
            : `Unknown whether ${name} requires two-factor authentication: declare twoFactorRequired (on or off).`,
      });
    });
    return findings;
  },
});
