/** A 1Password account fewer than two other people can recover: nobody recovers their own account. */
import { outsideAccountLabel } from '../model/inventory.js';
import { onePasswordRules } from '../providers/1password/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const passwordManagerSingleRecoverer = defineCheck({
  meta: {
    id: 'password-manager-single-recoverer',
    severity: 'high',
    title: 'Password manager recoverable by fewer than two people',
    why:
      '1Password cannot recover an account: only a family organiser or a team member with the recovery ' +
      'permission can, and never their own. With one such person (or none), a forgotten password or a lost ' +
      "Secret Key can lose every password kept there, root's among them.",
    fix: 'Give the recovery permission to a second person (family organiser, or a group with Recover Accounts) and declare both in recoverers.',
    docs: onePasswordRules.recovery.docs,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    (inventory.outsideAccounts ?? []).forEach((account, index) => {
      if (account.provider !== '1password') return;
      const name = outsideAccountLabel(account);
      if (account.recoverers === undefined) {
        findings.push({
          path: ['outsideAccounts', index],
          severity: 'low',
          message: `Unknown who can recover ${name}: declare recoverers (the people with the recovery permission).`,
        });
        return;
      }
      // The holder cannot recover their own account.
      const others = [...new Set(account.recoverers)].filter((person) => person !== account.holder);
      if (others.length >= 2) return;
      findings.push({
        path: ['outsideAccounts', index, 'recoverers'],
        factors: others,
        message:
          others.length === 0
            ? `Nobody but its holder is declared able to recover ${name}, and nobody recovers their own account.`
            : `Only ${others[0]} can recover ${name}: 1Password says to make sure at least two people can.`,
      });
    });
    return findings;
  },
});
