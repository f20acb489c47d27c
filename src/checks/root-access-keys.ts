/** Root with access keys: a secret in a file or a script that can do everything root can, MFA or not. */
import { defineCheck, type FindingDraft } from './check.js';
import { scanFinding, scannedAccounts } from './scanned-accounts.js';

export const rootAccessKeys = defineCheck({
  meta: {
    id: 'root-access-keys',
    severity: 'high',
    title: 'Root has access keys',
    why:
      "Root's access keys act as root without MFA: whoever finds them in a file, a script or a leaked backup can " +
      'change the root email and password, the payment method, or close the account, and lock you out of it for ' +
      'good. An inactive key can be made active again by root.',
    fix:
      'Move whatever uses the keys to an IAM role or user with only the permissions it needs, then sign in as root, ' +
      'open Security credentials and delete the keys (deactivating is not enough).',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    for (const scanned of scannedAccounts(context)) {
      const { rootAccessKeysPresent: present, rootCredentialReport: report } = scanned.facts;
      const active =
        report.status === 'seen'
          ? [
              report.value.accessKey1Active ? 'access key 1' : '',
              report.value.accessKey2Active ? 'access key 2' : '',
            ].filter((key) => key !== '')
          : [];
      if (report.status === 'seen' && active.length > 0) {
        findings.push(
          scanFinding(
            scanned,
            `Root has an active ${active.join(' and an active ')} (seen by ${report.action}).`,
          ),
        );
      } else if (present.status === 'seen' && present.value) {
        findings.push(
          report.status === 'seen'
            ? scanFinding(
                scanned,
                `Root has access keys (seen by ${present.action}), none of them active (seen by ${report.action}): root can make them active again, so delete them.`,
                { severity: 'medium' },
              )
            : scanFinding(
                scanned,
                `Root has access keys (seen by ${present.action}); whether they are active is not known, so they count as active.`,
              ),
        );
      }
    }
    return findings;
  },
});
