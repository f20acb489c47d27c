/**
 * AWS root's mailbox is held by an outside account (its mail provider, or the registrar of its domain) whose
 * every second step is on the phone — or a number on the phone — that is also root's MFA: one loss takes
 * root's MFA and the mail that AWS's lost-MFA recovery needs. Only the graph of both providers shows it.
 */
import {
  isSignInAccount,
  outsideAccountLabel,
  type Inventory,
  type PhoneNumber,
  type SignInOutsideAccount,
} from '../model/inventory.js';
import { defineCheck, type FindingDraft } from './check.js';
import { factorIndexOf } from './factor-index.js';

export const rootMailboxNeedsRootMfaPhone = defineCheck({
  meta: {
    id: 'root-mailbox-needs-root-mfa-phone',
    severity: 'critical',
    title: "Root's mailbox signs in with the phone that is root's MFA",
    why:
      "When root's MFA device is lost, AWS's way back starts with a mail to root's address. That mailbox (or the " +
      "registrar of its domain) signs in with the same phone: losing the phone loses root's MFA and the mail " +
      'together, leaving only identity verification through AWS Support.',
    fix:
      "Give root's mail provider (and the registrar of its domain) a second step that is not on that phone: a " +
      'security key kept elsewhere, or recovery codes in another place; or give root a second MFA device.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  run(context) {
    const { inventory } = context;
    const factors = factorIndexOf(context);
    const findings: FindingDraft[] = [];
    const mailboxes = new Map((inventory.factors?.mailboxes ?? []).map((m) => [m.id, m]));
    const numbers = new Map((inventory.factors?.phoneNumbers ?? []).map((n) => [n.id, n]));
    // Each mailbox's holders once: an Organization's roots share a few mailboxes.
    const holdersOf = new Map<string, SignInOutsideAccount[]>();
    inventory.accounts.forEach((account, index) => {
      const root = account.root;
      if (root?.mfa === undefined || root.mfa.length === 0) return;
      const mailbox = root.email === undefined ? undefined : mailboxes.get(root.email);
      if (mailbox === undefined) return;
      let holders = holdersOf.get(mailbox.id);
      if (holders === undefined)
        holdersOf.set(mailbox.id, (holders = mailboxHolders(inventory, mailbox.account, mailbox.domain)));
      if (holders.length === 0) return;
      const devices = new Set(root.mfa.map((device) => device.heldBy));
      for (const holder of holders) {
        const on = sharedPhone(numbers, holder, devices);
        if (on === undefined) continue;
        findings.push({
          account,
          path: ['accounts', index, 'root', 'mfa'],
          factors: [on, mailbox.id],
          message: `Root's mailbox ${factors.name(mailbox.id)} needs ${outsideAccountLabel(holder)}, whose every second step is on ${factors.name(on)}, which is also root's MFA: losing it takes both.`,
        });
      }
    });
    return findings;
  },
});

/** The outside accounts a mailbox is lost with: the one holding it, and the registrar account of its domain. */
function mailboxHolders(
  inventory: Inventory,
  accountId: string | undefined,
  domainId: string | undefined,
): SignInOutsideAccount[] {
  const domain = (inventory.factors?.domains ?? []).find((d) => d.id === domainId);
  const ids = new Set([accountId, domain?.registrar].filter((id) => id !== undefined));
  return (inventory.outsideAccounts ?? []).filter(
    (outside): outside is SignInOutsideAccount => isSignInAccount(outside) && ids.has(outside.id),
  );
}

/**
 * The one device of root's MFA that every declared second step of `holder` lives on (directly, or as a number
 * whose SIM is in it); undefined when one step is elsewhere, none is declared, or two-step is off.
 */
function sharedPhone(
  numbers: ReadonlyMap<string, PhoneNumber>,
  holder: SignInOutsideAccount,
  devices: ReadonlySet<string>,
): string | undefined {
  const steps = holder.secondFactors;
  if (holder.twoStepVerification === 'off' || steps === undefined || steps.length === 0) return undefined;
  const deviceOf = (id: string): string | undefined => {
    if (devices.has(id)) return id;
    return numbers.get(id)?.dependsOn?.find((dependency) => devices.has(dependency));
  };
  const on = new Set(steps.map((step) => deviceOf(step.heldBy)));
  const recoveryPhone = holder.recovery?.phone;
  if (recoveryPhone !== undefined) on.add(deviceOf(recoveryPhone));
  if (on.size !== 1) return undefined;
  const [only] = on;
  return only;
}
