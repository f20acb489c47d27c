/** A Google Workspace organisation with fewer than two super admins, or all of them one person's. */
import { workspacePages } from '../providers/google-workspace/provider-model.js';
import { outsideAccountLabel } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf } from './factor-index.js';
import { nameOf, soleAdminHolder, workspaces } from '../providers/outside/organisations.js';

export const workspaceSuperAdminCount = defineCheck({
  meta: {
    id: 'workspace-super-admin-count',
    severity: 'high',
    title: 'A Google Workspace organisation has fewer than two super admins',
    why: "Only a super admin can reset another super admin (with self-recovery off, the default for new customers). With one super admin, losing that account's phone or password leaves Google's domain-verification recovery through the domain's DNS, and meanwhile nobody can reset the organisation's users, nor the AWS principals that sign in through them.",
    fix: 'Make a second person a super admin, with their own account and second steps that share nothing with the first (Google recommends more than one super admin, each managed by a separate person), and declare both under superAdmins.',
    docs: workspacePages.adminBestPractices,
  },
  run(context) {
    const { inventory } = context;
    const factors = factorIndexOf(context);
    const findings: FindingDraft[] = [];
    for (const { item: workspace, path } of workspaces(inventory)) {
      const name = outsideAccountLabel(workspace);
      const admins = workspace.superAdmins;
      if (admins === undefined) {
        findings.push({
          path,
          severity: 'medium',
          message: `The super admins of ${name} are not declared: unknown, never counted as enough. Declare superAdmins (the admin console's Admin roles > Super Admin) or scan the organisation first.`,
        });
      } else if (admins.length < 2) {
        const only = admins[0];
        findings.push({
          path: [...path, 'superAdmins'],
          message:
            only === undefined
              ? `${name} has no super admin: only Google's domain-verification recovery through the domain's DNS is left. Make two people super admins first.`
              : `${name} has one super admin, ${nameOf(inventory, only)}: losing its sign-in leaves nobody to reset it or the organisation's users. Make a second person a super admin first.`,
        });
      } else {
        const holders = soleAdminHolder(inventory, workspace);
        if (holders.kind !== 'one') continue;
        const holder = holders.person;
        findings.push({
          path: [...path, 'superAdmins'],
          factors: [holder],
          message: `Every super admin of ${name} is held by ${factors.name(holder)}: Google asks for each to be managed by a separate person. Give a second person a super admin account first.`,
        });
      }
    }
    return findings;
  },
});
