/** Root whose MFA lives on one thing only: losing that one thing leaves nothing but the slow recovery paths. */
import { hasRootCredentials, type RootMfaDevice } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf } from './factor-index.js';

export const rootSingleMfaDevice = defineCheck({
  meta: {
    id: 'root-single-mfa-device',
    severity: 'high',
    title: "Root's MFA depends on a single device",
    why:
      "When the only MFA device is lost, broken or wiped, signing in as root takes AWS's lost-MFA recovery: an " +
      "email to root's address and a call to the account's contact number, and when either fails, identity " +
      'verification through AWS Support (a notarised form, photo ID, days of review). A failed card cannot be ' +
      'replaced meanwhile, and the account can be suspended before you are back in.',
    fix:
      'Register a second MFA device for root (AWS allows up to 8): a security key kept somewhere else than the ' +
      'first, or an authenticator on a different device. Declare it under root.mfa and try both once a year.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  run(context) {
    const { inventory } = context;
    const factors = factorIndexOf(context);
    const findings: FindingDraft[] = [];
    inventory.accounts.forEach((account, index) => {
      if (!hasRootCredentials(account)) return;
      const devices = account.root?.mfa ?? [];
      // One holder for every device (no set per account: an Organization has thousands).
      const holder = devices[0]?.heldBy;
      if (holder === undefined || !allHeldBy(devices, holder)) return;
      const path = ['accounts', index, 'root', 'mfa'];
      const [only] = devices;
      if (devices.length === 1 && only !== undefined) {
        const device = only.label === undefined ? '' : ` ${only.label},`;
        findings.push({
          account,
          path,
          factors: [holder],
          message: `Root has one MFA device,${device} held by ${factors.name(holder)}: if it is lost or broken, signing in as root takes AWS's lost-MFA recovery.`,
        });
      } else {
        findings.push({
          account,
          path,
          factors: [holder],
          message: `Root's ${devices.length} MFA devices all live on ${factors.name(holder)}: losing it loses every one of them, and signing in as root then takes AWS's lost-MFA recovery.`,
        });
      }
    });
    return findings;
  },
});

/** Whether every device is held by `holder`: a loop, not a closure made for each of an Organization's accounts. */
function allHeldBy(devices: readonly RootMfaDevice[], holder: string): boolean {
  for (const device of devices) if (device.heldBy !== holder) return false;
  return true;
}
