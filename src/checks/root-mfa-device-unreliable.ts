/**
 * Root MFA devices that are already gone (their holder, or something it needs, is lost or outdated), or that
 * nobody has tried for over a year.
 */
import { hasRootCredentials, type Day, type RootMfaDevice } from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { laterDay, staleVerification } from './dates.js';
import { describeChain, factorIndexOf, type FactorIndex } from './factor-index.js';

export const rootMfaDeviceUnreliable = defineCheck({
  meta: {
    id: 'root-mfa-device-unreliable',
    severity: 'critical',
    title: 'A root MFA device is lost, or not known to work',
    why:
      'An MFA device on a phone that was replaced years ago looks like protection on paper and is a lockout in ' +
      'practice: the day root is needed (a failed card, a suspension notice), it cannot sign in, and the recovery ' +
      'paths take days. A device nobody has tried for a year may be in the same state without anyone knowing.',
    fix:
      'Sign in as root now with each declared device. Remove the devices that are gone and register new ones ' +
      '(at least two, on different things); then record the day you verified them under root.mfa[].verified.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  run(context) {
    const { inventory, asOf } = context;
    const factors = factorIndexOf(context);
    const findings: FindingDraft[] = [];
    // Why a device may not work (undefined: it was tried within the year), from the later of its and its
    // holder's verified days: worked out once per day, as an Organization's thousands of devices share a few.
    const staleOn = new Map<Day | undefined, string | undefined>();
    const staleness = (device: RootMfaDevice): string | undefined => {
      const verified = laterDay(device.verified, factors.get(device.heldBy)?.verified);
      if (!staleOn.has(verified)) staleOn.set(verified, staleVerification(verified, asOf));
      return staleOn.get(verified);
    };
    inventory.accounts.forEach((account, accountIndex) => {
      const devices = account.root?.mfa;
      if (devices === undefined || devices.length === 0 || !hasRootCredentials(account)) return;
      for (let index = 0; index < devices.length; index++) {
        const device = devices[index]!;
        const chain = factors.brokenChain(device.heldBy);
        if (chain !== undefined) {
          // Unknown is not safe: a device nobody has tried is no fallback for a lost one. Sorted out only
          // here, for the few accounts with a device gone.
          const usable = devices.filter((other) => factors.brokenChain(other.heldBy) === undefined);
          const working = usable.filter((other) => staleness(other) === undefined);
          const untried = usable.filter((other) => staleness(other) !== undefined);
          const others =
            working.length > 0
              ? `root can still use ${names(working, factors)}`
              : untried.length > 0
                ? `root's other MFA devices (${names(untried, factors)}) are not known to work, so signing in as root may take lost-MFA recovery`
                : 'root has no other working MFA device, so signing in as root now takes lost-MFA recovery';
          findings.push({
            account,
            severity: working.length === 0 ? 'critical' : 'high',
            path: ['accounts', accountIndex, 'root', 'mfa', index, 'heldBy'],
            factors: chain.map((link) => link.factor.id),
            message: `Root's MFA device ${shortName(device)} cannot be used: it is held by ${describeChain(chain)}; ${others}.`,
          });
          continue;
        }
        const stale = staleness(device);
        if (stale !== undefined) {
          findings.push({
            account,
            severity: 'medium',
            path: ['accounts', accountIndex, 'root', 'mfa', index],
            factors: [device.heldBy],
            message: `Root's MFA device ${deviceName(device, factors)} ${stale}: it may be gone, reset or flat without anyone knowing.`,
          });
        }
      }
    });
    return findings;
  },
});

const typeNames = {
  virtual: 'authenticator app',
  'hardware-totp': 'hardware TOTP token',
  fido: 'security key or passkey',
} as const satisfies Record<RootMfaDevice['type'], string>;

function shortName(device: RootMfaDevice): string {
  return device.label ?? typeNames[device.type];
}

function names(devices: readonly RootMfaDevice[], factors: FactorIndex): string {
  return devices.map((device) => deviceName(device, factors)).join(', ');
}

function deviceName(device: RootMfaDevice, factors: FactorIndex): string {
  const holder = factors.name(device.heldBy);
  return device.label === undefined
    ? `${typeNames[device.type]} on ${holder}`
    : `${device.label} (on ${holder})`;
}
