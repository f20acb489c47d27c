/** A Microsoft Entra tenant without the two emergency access accounts Microsoft recommends. */
import { microsoftPages } from '../providers/microsoft/provider-model.js';
import { outsideAccountLabel } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { tenants } from '../providers/outside/organisations.js';

export const entraEmergencyAccessMissing = defineCheck({
  meta: {
    id: 'entra-emergency-access-missing',
    severity: 'high',
    title: 'A Microsoft Entra tenant has no emergency access accounts',
    why: 'When every Global Administrator is locked out (their devices lost, federation down, the last admin gone), emergency access accounts are the way back Microsoft documents; without them only Microsoft support remains, with no documented procedure or duration.',
    fix: 'Create two cloud-only emergency access accounts (*.onmicrosoft.com) permanently assigned Global Administrator, with passkeys (FIDO2) kept apart from the other admins\u2019 methods; declare them under emergencyAccessAccounts.',
    docs: microsoftPages.emergencyAccess,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    for (const { item: tenant, path } of tenants(inventory)) {
      const name = outsideAccountLabel(tenant);
      const accounts = tenant.emergencyAccessAccounts;
      if (accounts === undefined) {
        findings.push({
          path,
          severity: 'medium',
          message: `Whether ${name} has emergency access accounts is not declared: unknown, never counted as there. Declare emergencyAccessAccounts ([] if there are none) first.`,
        });
      } else if (accounts.length === 0) {
        findings.push({
          path: [...path, 'emergencyAccessAccounts'],
          message: `${name} has no emergency access account: Microsoft recommends two. Create two first.`,
        });
      } else if (accounts.length === 1) {
        findings.push({
          path: [...path, 'emergencyAccessAccounts'],
          severity: 'medium',
          message: `${name} has one emergency access account: Microsoft recommends two or more. Create a second first.`,
        });
      }
    }
    return findings;
  },
});
