/** A Bitwarden account with no emergency contact: Bitwarden itself recovers nothing. */
import { outsideAccountLabel } from '../model/inventory.js';
import { bitwardenRules } from '../providers/bitwarden/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';

export const bitwardenNoEmergencyAccess = defineCheck({
  meta: {
    id: 'bitwarden-no-emergency-access',
    severity: 'medium',
    title: 'Bitwarden account without emergency access',
    why:
      'Bitwarden cannot recover an account whose master password or two-step login is lost. Emergency access ' +
      'lets a trusted person reach the vault after a wait you choose: without one, the vault and the passwords ' +
      'in it are lost with the master password.',
    fix: 'Add a trusted emergency contact (Settings, Emergency access) with takeover or view access and a wait of a few days; declare it in emergencyAccess.',
    docs: bitwardenRules.emergencyAccess.docs,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    (inventory.outsideAccounts ?? []).forEach((account, index) => {
      if (account.provider !== 'bitwarden') return;
      const grants = account.emergencyAccess;
      if (grants !== undefined && grants.length > 0) return;
      const name = outsideAccountLabel(account);
      findings.push({
        path: ['outsideAccounts', index, ...(grants === undefined ? [] : ['emergencyAccess'])],
        severity: grants === undefined ? 'low' : 'medium',
        message:
          grants === undefined
            ? `Unknown whether ${name} has emergency access: declare emergencyAccess ([] for none).`
            : `${name} has no emergency contact: a lost master password loses the vault.`,
      });
    });
    return findings;
  },
});
