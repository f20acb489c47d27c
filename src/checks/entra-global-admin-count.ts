/** A Microsoft Entra tenant with fewer than two Global Administrators, or five or more. */
import { microsoftPages } from '../providers/microsoft/provider-model.js';
import { outsideAccountLabel } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { nameOf, tenants } from '../providers/outside/organisations.js';

export const entraGlobalAdminCount = defineCheck({
  meta: {
    id: 'entra-global-admin-count',
    severity: 'high',
    title: 'A Microsoft Entra tenant has fewer than two Global Administrators',
    why: "Only another Global Administrator can reset a Global Administrator's password; with one, losing its sign-in leaves the tenant, and everyone who signs in through it, without a way back that Microsoft documents.",
    fix: 'Keep at least two Global Administrators held by different people, and fewer than five (Microsoft: at least two, fewer than five), besides two emergency access accounts; declare them under globalAdmins.',
    docs: microsoftPages.roleBestPractices,
  },
  run({ inventory }) {
    const findings: FindingDraft[] = [];
    for (const { item: tenant, path } of tenants(inventory)) {
      const name = outsideAccountLabel(tenant);
      const admins = tenant.globalAdmins;
      if (admins === undefined) {
        findings.push({
          path,
          severity: 'medium',
          message: `The Global Administrators of ${name} are not declared: unknown, never counted as enough. Declare globalAdmins (Roles and administrators > Global Administrator) or scan the tenant first.`,
        });
      } else if (admins.length < 2) {
        const only = admins[0];
        findings.push({
          path: [...path, 'globalAdmins'],
          message:
            only === undefined
              ? `${name} has no Global Administrator declared: nobody can reset its users. Assign two people the role first.`
              : `${name} has one Global Administrator, ${nameOf(inventory, only)}: nobody else can reset it. Assign the role to a second person first.`,
        });
      } else if (admins.length >= 5) {
        findings.push({
          path: [...path, 'globalAdmins'],
          severity: 'medium',
          message: `${name} has ${admins.length} Global Administrators: Microsoft recommends fewer than five. Move the others to less privileged roles first.`,
        });
      }
    }
    return findings;
  },
});
