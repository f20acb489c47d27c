/** A GitHub account with 2FA on and no recovery codes declared: GitHub Support restores nothing without them. */
import { outsideAccountLabel } from '../model/inventory.js';
import { githubRules } from '../providers/github/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const githubRecoveryCodesUnknown = defineCheck({
  meta: {
    id: 'github-recovery-codes-unknown',
    severity: 'medium',
    title: 'GitHub account with 2FA and no recovery codes declared',
    why:
      'GitHub Support will not restore access to an account with two-factor authentication when its 2FA ' +
      'credentials and recovery codes are lost: without the codes, losing the phone can lose the account for good.',
    fix:
      'Download the recovery codes (Settings, Password and authentication), keep them somewhere the phone is not, ' +
      'and declare them as a second factor of type backup-codes held by that place or password store.',
    docs: githubRules.noSupportRestore.docs,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    (inventory.outsideAccounts ?? []).forEach((account, index) => {
      if (account.provider !== 'github' || account.twoStepVerification === 'off') return;
      const steps = account.secondFactors;
      if (steps?.some((step) => step.type === 'backup-codes')) return;
      // Unknown 2FA or unknown steps: said as unknown, with what to declare.
      const known = account.twoStepVerification === 'on' && steps !== undefined;
      findings.push({
        path: ['outsideAccounts', index, ...(steps === undefined ? [] : ['secondFactors'])],
        severity: known ? 'medium' : 'low',
        factors: (steps ?? []).map((step) => step.heldBy),
        message: known
          ? `${outsideAccountLabel(account)} has 2FA on and no recovery codes declared: if its 2FA methods are lost, GitHub Support will not restore it.`
          : `Unknown whether ${outsideAccountLabel(account)} has recovery codes: declare twoStepVerification and its secondFactors (recovery codes as type backup-codes).`,
      });
    });
    return findings;
  },
});
