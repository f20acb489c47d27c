/**
 * The AWS provider's capabilities and ways, as data and small functions read by the provider-neutral builder
 * (src/recovery/builder.ts). Per account: "sign in as root", "change the payment method", "keep the bill paid"
 * and "receive billing notices", each with the ways to exercise it and what each way needs, under the rules in
 * force on the inventory's `asOf` (provider-model.ts). Billing notices are lost when every mailbox they reach
 * is: root's, and the alternate billing contact's when declared (rules.alternateBillingContact). An account is
 * lost to what it hosts when it is suspended: its payer's bill left unpaid past the suspension date.
 * Unknown facts are never counted as safe: an undeclared root MFA, contact phone, password or billing setting
 * is a loss that has already happened, named so reports can say why.
 */

import type { DurationRange } from '../../analysis/graph.js';
import {
  buildRecovery,
  type CapabilityGate as Capability,
  type RecoveryGraph as Graph,
} from '../../recovery/builder.js';
import {
  loss,
  type BuildContext,
  type CapabilitySpec,
  type Loss,
  type Provider,
  type RecoveryGraphOptions,
  type WaySpec,
} from '../../recovery/provider.js';
import {
  factorLabel,
  hasRootCredentials,
  mailboxWithAddress,
  domainOfHost,
  snsTopicPlace,
  type Account,
  type AlertChannel,
  type BillingPrincipal,
  type Day,
  type Factor,
  type Inventory,
} from '../../model/inventory.js';
import type { CapabilityId } from './analysis.js';
import { outsideProviders } from '../outside-providers.js';
import { carrierKind, numberRestore } from '../phone/provider-model.js';
import {
  dunning,
  factorRestore,
  rootMfaEnforcement,
  ruleHolds,
  rules,
  timings,
  type Timing,
} from './provider-model.js';

export {
  capabilityGate,
  factorLostGate,
  hoursToDeadline,
  untilDeadline,
  wayGate,
  type EventMeaning,
  type WayGate,
} from '../../recovery/builder.js';
export type { RecoveryGraphOptions } from '../../recovery/provider.js';
export { timingBasis, type Basis } from '../../recovery/rules.js';

export type RecoveryGraph = Graph<CapabilityId>;
export type CapabilityGate = Capability<CapabilityId>;

/** Hours from a failed charge to the earliest suspension date AWS has set (see dunning). */
export const DEFAULT_SUSPENSION_ONSET_HOURS = dunning.suspensionAfterFirstFailure.min;

const shortWayLabels: Record<string, string> = {
  'mfa-sign-in': 'MFA sign-in',
  'alternative-factors': 'alternative factors',
  'identity-verification': 'identity verification',
  'contact-phone-repair': 'repairing the contact phone, then alternative factors',
  'central-password-recovery': 'password recovery from the management account (AssumeRoot)',
  'password-sign-in': 'password sign-in',
  root: 'root',
  delegated: 'a delegated payer',
};

export const capabilityLabels: Record<CapabilityId, string> = {
  'root-sign-in': 'Sign in as root',
  'change-payment-method': 'Change the payment method',
  'keep-bill-paid': 'Keep the bill paid',
  'receive-billing-notices': 'Receive billing notices',
  'hear-about-trouble': 'Hear about trouble in time',
};

export const awsProvider: Provider<CapabilityId> = {
  id: 'aws',
  capabilityLabels,
  // Root's mailbox serves both root sign-in and billing notices.
  sharedTerms: (account) => [rootMailbox(account)],
  capabilities: (account, context) => [
    rootSignIn(account, context),
    ...payment(account, context),
    billingNotices(account, context),
    // The same for every account: channels are the inventory's, not an account's.
    shared(context, 'hear-about-trouble', undefined, hearAboutTrouble),
  ],
  accountLost: suspended,
  restoreTime: (factor) => restoreTiming(factor)?.duration,
};

export function buildRecoveryGraph(
  inventory: Inventory,
  asOf: Day,
  options: RecoveryGraphOptions = {},
): RecoveryGraph {
  return buildRecovery({ aws: awsProvider, outside: outsideProviders }, inventory, asOf, options);
}

/**
 * What the accounts of one build share, made for the first account that asks and reused by the rest: at
 * 10,000 members paid by one management account, the payer's specs, the alert channels and the management
 * account's principals are the same facts 10,000 times. Keyed by the build's context, so a build never reads
 * another's, by what is shared and by the account it depends on (`of`: the payer, the management account;
 * none for what only the inventory decides), so two accounts share it only when that account is the same.
 * `make` is a plain function of the context and that account, not a closure written per account that asks.
 */
const sharedByBuild = new WeakMap<BuildContext, Map<string, Map<Account | undefined, unknown>>>();

function shared<T, Of extends Account | undefined>(
  context: BuildContext,
  what: string,
  of: Of,
  make: (context: BuildContext, of: Of) => T,
): T {
  let kinds = sharedByBuild.get(context);
  if (kinds === undefined) {
    kinds = new Map();
    sharedByBuild.set(context, kinds);
  }
  let values = kinds.get(what);
  if (values === undefined) {
    values = new Map();
    kinds.set(what, values);
  }
  if (!values.has(of)) values.set(of, make(context, of));
  return values.get(of) as T;
}

/** A way with its short wording, its timing and the page that documents it. */
function way(id: string, label: string, needs: readonly Loss[], timing: Timing, docs: string): WaySpec {
  return { id, label, short: shortWayLabels[id] ?? label, needs, timing, docs };
}

function rootMailbox(account: Account): Loss {
  return account.root?.email !== undefined
    ? loss.factor(account.root.email)
    : loss.undeclared(
        `${account.id}/root-email-undeclared`,
        "Root's email address (not declared)",
        account.id,
      );
}

function rootSignIn(account: Account, context: BuildContext): CapabilitySpec<CapabilityId> {
  const a = account.id;
  // A member whose root credentials were deleted centrally has no password or MFA to lose: only the
  // management account's AssumeRoot way reaches it (below).
  const ways = hasRootCredentials(account) ? rootCredentialWays(account, context) : [];
  const central = centralPasswordRecovery(account, context);
  if (central) {
    ways.push(
      way(
        'central-password-recovery',
        `Password recovery allowed from the management account (sts:AssumeRoot), then a reset mail to root's address`,
        central,
        timings.centralRootPasswordRecovery,
        rules.assumeRoot.docs,
      ),
    );
  }
  if (ways.length === 0) {
    ways.push(
      way(
        'no-way',
        'No way to sign in as root is known',
        [loss.undeclared(`${a}/root-no-way`, 'A way to sign in as root', a, 'none declared')],
        timings.mfaSignIn,
        rules.assumeRoot.docs,
      ),
    );
  }
  return { capability: 'root-sign-in', label: capabilityLabels['root-sign-in'], ways };
}

/** Signing in with root's own credentials, and AWS's lost-MFA recovery for them. */
function rootCredentialWays(account: Account, context: BuildContext): WaySpec[] {
  const a = account.id;
  const mailbox = rootMailbox(account);
  // Root password: the store it lives in, or a reset link to the root mailbox.
  const passwordLost = loss.all(
    `${a}/root-password-lost`,
    'Root password (its store, or a reset mail to the root address)',
    [passwordStoreLost(account), mailbox],
  );

  // MFA: any one registered device; undeclared counts as lost, an attested empty list as no MFA.
  const mfa = account.root?.mfa;
  if (mfa !== undefined && mfa.length === 0) {
    // AWS enforces root MFA: a root without it signs in with the password and a one-time code mailed to
    // root's address on an unusual sign-in, and is made to register a device.
    // Enforced from a different day for each kind of account; members without credentials are exempt.
    const enforced =
      ruleHolds(rules.rootMfaEnforced, context.asOf) &&
      rootMfaEnforcement[account.organization] <= context.asOf;
    return [
      way(
        'password-sign-in',
        enforced
          ? "Password and a one-time code mailed to root's address (root has no MFA; AWS makes it register one)"
          : 'Password (root has no MFA)',
        enforced ? [passwordLost, mailbox] : [passwordLost],
        timings.mfaSignIn,
        enforced ? rules.rootMfaEnforced.docs : rules.rootSignIn.docs,
      ),
    ];
  }
  const mfaLost =
    mfa === undefined
      ? loss.undeclared(`${a}/root-mfa-undeclared`, 'Root MFA devices (not declared)', a)
      : loss.all(
          `${a}/root-mfa-lost`,
          'Every root MFA device',
          mfa.map((device) => loss.factor(device.heldBy)),
        );
  const contactPhone = account.contactPhone
    ? contactPhoneLost(account.contactPhone, context)
    : loss.undeclared(
        `${a}/contact-phone-undeclared`,
        "The account's contact phone number (not declared)",
        a,
      );
  const ways = [
    way(
      'mfa-sign-in',
      'Password and an MFA device',
      [passwordLost, mfaLost],
      timings.mfaSignIn,
      rules.rootSignIn.docs,
    ),
    way(
      'alternative-factors',
      "Alternative factors: a mail to root's address and a code by SMS or call to the contact number",
      [passwordLost, mailbox, contactPhone],
      timings.alternativeFactors,
      rules.alternativeFactors.docs,
    ),
  ];
  const repair = contactPhoneRepair(account, context);
  if (repair) {
    ways.push(
      way(
        'contact-phone-repair',
        repair.label,
        [passwordLost, mailbox, repair.principals, anyOwnNumberLost(account, context)],
        timings.contactPhoneRepair,
        repair.docs,
      ),
    );
  }
  ways.push(
    way(
      'identity-verification',
      'Identity verification by AWS Support (notarized affidavit, photo ID, proof of address)',
      [passwordLost, photoIdLost(context)],
      timings.identityVerification,
      rules.identityVerification.docs,
    ),
  );
  return ways;
}

/** The contact number, which cannot take the code when it is toll-free. */
function contactPhoneLost(id: string, context: BuildContext): Loss {
  const factor = context.factors.get(id);
  if (factor?.type === 'phone-number' && factor.kind === 'toll-free') {
    return loss.known(
      `${id}/toll-free`,
      `${factorLabel(factor)} (toll-free: AWS refuses it for the code)`,
      undefined,
      'a toll-free number cannot receive the code',
    );
  }
  return loss.factor(id);
}

/** The way to repair the contact phone: who may, as the way's label names them, and what losing them is. */
interface ContactPhoneRepair {
  principals: Loss;
  label: string;
  docs: string;
}

/** The way's label, written once for every member of an Organization. */
function contactPhoneRepairLabel(who: string): string {
  return `Update the contact phone to a number you hold (${who}), then alternative factors`;
}

/**
 * Who can point the contact phone at another number without root, under the rules of `asOf`: from July
 * 2022 a principal allowed account:PutContactInformation (a member's: one of the management account's);
 * before, the billing console's account page, which needed IAM billing access.
 */
function contactPhoneRepair(account: Account, context: BuildContext): ContactPhoneRepair | undefined {
  const management = managementOf(account, context);
  // A member's repair is its management account's: the same for every member.
  return management === undefined
    ? ownContactPhoneRepair(account, undefined, context)
    : shared(context, 'contact-phone-repair', management, managementContactPhoneRepair);
}

/** A member's repair, through its management account's principals. */
function managementContactPhoneRepair(
  context: BuildContext,
  management: Account,
): ContactPhoneRepair | undefined {
  return ownContactPhoneRepair(management, management, context);
}

function ownContactPhoneRepair(
  account: Account,
  management: Account | undefined,
  context: BuildContext,
): ContactPhoneRepair | undefined {
  if (ruleHolds(rules.contactPhoneRepairApi, context.asOf)) {
    const owner = management ?? account;
    const able = principalsOf(owner).filter((p) => allows(p, 'account:PutContactInformation'));
    if (able.length === 0) return undefined;
    return {
      principals: principalsLost(owner, able, 'contact', 'Every principal who may update the contact phone'),
      label: contactPhoneRepairLabel(
        `${able.map((p) => p.name).join(' or ')}${management ? ` in ${management.name}` : ''}`,
      ),
      docs: rules.contactPhoneRepairApi.docs,
    };
  }
  if (ruleHolds(rules.contactPhoneRepairConsole, context.asOf) && !management) {
    const able = principalsOf(account).filter((p) => allows(p, 'aws-portal:ModifyAccount'));
    if (able.length === 0) return undefined;
    const needs = [
      principalsLost(account, able, 'contact', 'Every principal who may update the contact phone'),
    ];
    if (account.iamBillingAccess?.activated !== true) needs.push(billingAccessOff(account));
    return {
      principals: loss.any(
        `${account.id}/contact-repairers-lost`,
        'A principal who may open the account page (with IAM billing access)',
        needs,
      ),
      label: contactPhoneRepairLabel(`${able.map((p) => p.name).join(' or ')}, on the billing console`),
      docs: rules.contactPhoneRepairConsole.docs,
    };
  }
  return undefined;
}

/** "Every number the owner holds is lost": a number to move the contact phone to (toll-free ones cannot). */
function anyOwnNumberLost(account: Account, context: BuildContext): Loss {
  return (
    shared(context, 'own-numbers', undefined, ownNumbersLost) ??
    loss.undeclared('no-phone-number', 'A phone number you hold (none declared)', account.id, 'none declared')
  );
}

/** The inventory's numbers as one term, the same for every account; none when it declares none. */
function ownNumbersLost(context: BuildContext): Loss | undefined {
  const numbers = (context.inventory.factors?.phoneNumbers ?? []).filter((n) => n.kind !== 'toll-free');
  if (numbers.length === 0) return undefined;
  return loss.all('own-numbers-lost', 'Every phone number you hold', () =>
    numbers.map((n) => loss.factor(n.id)),
  );
}

/**
 * Centralized root access: an IAM principal of the management account allowed sts:AssumeRoot allows password
 * recovery for the member (IAMCreateRootUserPassword, after IAMDeleteRootUserCredentials where MFA is lost),
 * and the reset mail goes to the member's own root mailbox. Root of the management account cannot do it.
 */
function centralPasswordRecovery(account: Account, context: BuildContext): Loss[] | undefined {
  const management = managementOf(account, context);
  if (!management || !ruleHolds(rules.assumeRoot, context.asOf)) return undefined;
  const features = management.organizationFeatures;
  if (features?.rootCredentialsManagement === false) return undefined;
  return [rootMailbox(account), ...shared(context, 'assume-root', management, assumeRootLost)];
}

/** What the management account's side of centralized root access needs, the same for every member. */
function assumeRootLost(_context: BuildContext, management: Account): Loss[] {
  const features = management.organizationFeatures;
  const m = management.id;
  const needs: Loss[] = [];
  if (features?.rootCredentialsManagement !== true) {
    needs.push(
      loss.undeclared(
        `${m}/root-credentials-management-undeclared`,
        'Centralized root access (root credentials management) in the Organization (not declared)',
        m,
      ),
    );
  }
  const able = principalsOf(management).filter((p) => allows(p, 'sts:AssumeRoot'));
  needs.push(
    able.length > 0
      ? principalsLost(management, able, 'assume-root', 'Every principal who may call sts:AssumeRoot')
      : loss.undeclared(
          `${m}/no-assume-root-principal`,
          `A principal of ${management.name} allowed sts:AssumeRoot (none declared)`,
          m,
          'none declared',
        ),
  );
  return needs;
}

/** "Every one of these principals of the account is lost": each signs in with all of its factors. */
function principalsLost(
  owner: Account,
  principals: readonly BillingPrincipal[],
  purpose: string,
  label: string,
): Loss {
  return loss.all(`${owner.id}/${purpose}-principals-lost`, label, () =>
    principals.map((principal) =>
      loss.any(
        `${owner.id}/principal/${principal.name}`,
        `${principal.name} signs in`,
        principal.signIn.map((id) => loss.factor(id)),
      ),
    ),
  );
}

function billingAccessOff(account: Account): Loss {
  const access = account.iamBillingAccess;
  return loss.known(
    `${account.id}/billing-access-off`,
    access === undefined ? 'IAM access to billing (not declared)' : 'IAM access to billing is not activated',
    account.id,
    access === undefined ? 'unknown: not declared' : 'attested off',
  );
}

/**
 * "This account is suspended": the bill of the account that pays for it is left unpaid past that account's
 * suspension date. A state, not a task: while the account is active, what it hosts works and needs no time.
 * The date is a time event, not lost now: a way back that needs what the account hosts counts while it
 * finishes before that date (see timed-recovery.ts).
 */
function suspended(account: Account, context: BuildContext): Loss {
  const payer = payerOf(account, context.accounts);
  const onset = context.options.suspensionOnset?.(payer) ?? DEFAULT_SUSPENSION_ONSET_HOURS;
  return loss.all(
    `${account.id}/suspended`,
    `${account.name} suspended (its bill left unpaid past the suspension date)`,
    [
      loss.capability(payer.id, 'keep-bill-paid'),
      {
        kind: 'date',
        name: suspensionDateEvent(payer.id),
        label: `${payer.name}'s suspension date passes with the bill unpaid`,
        accountId: payer.id,
        onset,
      },
    ],
    true,
  );
}

/**
 * Billing mail reaches root's address and, when there is one, the alternate billing contact's; under
 * consolidated billing (or a billing transfer) it goes to the account that pays. Judged by whether mail
 * arrives, not by time: no ways, so the dashboard does not time a mailbox that works today by what its
 * domain's account would need to get back.
 */
function billingNotices(account: Account, context: BuildContext): CapabilitySpec<CapabilityId> {
  const payer = payerOf(account, context.accounts);
  // Through the payer (or outside it), the same for every account it pays for.
  return payer === account && outsidePayer(payer, context) === undefined
    ? ownBillingNotices(account, context)
    : shared(context, 'billing-notices', payer, billingNoticesThrough);
}

function billingNoticesThrough(context: BuildContext, payer: Account): CapabilitySpec<CapabilityId> {
  const title = capabilityLabels['receive-billing-notices'];
  const common = { capability: 'receive-billing-notices' as const, label: title };
  const outside = outsidePayer(payer, context);
  if (outside) {
    return {
      ...common,
      gateLabel: `${title} (billing transferred to ${outside})`,
      lostWhenAll: [outsidePayerUnknown(payer, outside)],
    };
  }
  return {
    ...common,
    gateLabel: `${title} (paid by ${payer.name})`,
    lostWhenAll: [loss.capability(payer.id, 'receive-billing-notices')],
  };
}

/** Billing mail of an account that pays for itself: root's mailbox and the alternate billing contact's. */
function ownBillingNotices(account: Account, context: BuildContext): CapabilitySpec<CapabilityId> {
  const title = capabilityLabels['receive-billing-notices'];
  const mailboxes: Loss[] = [rootMailbox(account)];
  const contact = account.billingContact;
  if (contact !== undefined) {
    const mailbox =
      contact.mailbox ??
      (contact.address === undefined
        ? undefined
        : mailboxWithAddress(context.inventory, contact.address)?.id);
    mailboxes.push(
      mailbox !== undefined
        ? loss.factor(mailbox)
        : loss.undeclared(
            `${account.id}/billing-contact-mailbox-undeclared`,
            `The billing contact's mailbox ${contact.address ?? ''} (not a declared mailbox)`,
            account.id,
            'its address matches no declared mailbox',
          ),
    );
  }
  return { capability: 'receive-billing-notices', label: title, gateLabel: title, lostWhenAll: mailboxes };
}

/** The fact "no alert channel is declared", as reports name it (they say where to declare it). */
export const noAlertChannelLabel = 'An alert channel (none declared)';

/**
 * Hearing about trouble in time: through any one declared alert channel (rules.alertChannels), each lost with
 * what it goes through, so a channel through the watched account is lost with that account's suspension. AWS's
 * own mail is billingNotices', not a channel. With no channel declared there is no way at all: lost, as an
 * unknown to declare rather than as an emergency.
 */
function hearAboutTrouble(context: BuildContext): CapabilitySpec<CapabilityId> {
  const title = capabilityLabels['hear-about-trouble'];
  const common = { capability: 'hear-about-trouble' as const, label: title };
  const channels = context.inventory.watch?.channels ?? [];
  if (channels.length === 0) {
    return {
      ...common,
      gateLabel: `${title} (no alert channel declared)`,
      // One fact for every account: declaring a channel once answers them all.
      lostWhenAll: [loss.undeclared('watch/no-channel', noAlertChannelLabel, undefined, 'none declared')],
    };
  }
  return {
    ...common,
    ways: channels.map((channel): WaySpec => ({
      id: `channel/${channel.name}`,
      label: channelLabel(channel, context),
      short: `the ${channel.name} channel`,
      failsWhen: 'same',
      needs: [channelLost(channel, context)],
      docs: rules.alertChannels.docs,
    })),
  };
}

/** "Mail to ops@example.org", "SNS topic lockout-alerts in personal (111122223333)"… */
function channelLabel(channel: AlertChannel, context: BuildContext): string {
  switch (channel.kind) {
    case 'email': {
      const mailbox = channel.mailbox === undefined ? undefined : context.factors.get(channel.mailbox);
      return `Mail to ${channel.address ?? (mailbox ? factorLabel(mailbox) : channel.mailbox!)} (${channel.name})`;
    }
    case 'slack':
      return `Slack workspace ${channel.workspace} (${channel.name})`;
    case 'webhook': {
      const host = channel.url === undefined ? undefined : new URL(channel.url).host;
      return `Webhook${host === undefined ? '' : ` at ${host}`} (${channel.name})`;
    }
    case 'sns': {
      const place = snsTopicPlace(channel.topic);
      const holder = place === undefined ? undefined : context.accounts.get(place.accountId);
      const topic = channel.topic.slice(channel.topic.lastIndexOf(':') + 1);
      const where = holder ? `${holder.name} (${holder.id})` : `account ${place?.accountId ?? '?'}`;
      return `SNS topic ${topic} in ${where}, ${place?.region ?? ''} (${channel.name})`;
    }
  }
}

/**
 * "This channel no longer reaches the owner": the channel itself (its service, its subscription, a workspace
 * outside the inventory), or anything it goes through. Built once and shared by every account's way.
 */
function channelLost(channel: AlertChannel, context: BuildContext): Loss {
  const itself: Loss = {
    kind: 'kept',
    name: `watch/${channel.name}`,
    label:
      channel.kind === 'slack'
        ? `Alert channel ${channel.name} (Slack workspace ${channel.workspace})`
        : `Alert channel ${channel.name} (${channel.kind})`,
  };
  // Shared by every account: what the channel goes through is looked up once, when first needed.
  return loss.any(
    alertChannelGate(channel.name),
    `Alert channel ${channel.name} (or what it goes through)`,
    () => [itself, ...channelGoesThrough(channel, context).map((id) => loss.factor(id))],
  );
}

/** The gate "this alert channel no longer reaches the owner", shared by every account's way through it. */
export function alertChannelGate(name: string): string {
  return `watch/${name}/lost`;
}

/** The factors and accounts of the inventory a channel goes through: its mailbox, domain, host account… */
function channelGoesThrough(channel: AlertChannel, context: BuildContext): string[] {
  const through = new Set<string>(channel.dependsOn ?? []);
  const onDomainOf = (host: string): void => {
    const domain = domainOfHost(context.inventory, host);
    if (domain) through.add(domain.id);
  };
  switch (channel.kind) {
    case 'email': {
      // The mailbox brings its own domain, holder and readers; the address's domain counts too, in case the
      // mailbox does not name it.
      const mailbox =
        channel.mailbox ??
        (channel.address === undefined
          ? undefined
          : mailboxWithAddress(context.inventory, channel.address)?.id);
      if (mailbox !== undefined) through.add(mailbox);
      if (channel.address !== undefined)
        onDomainOf(channel.address.slice(channel.address.lastIndexOf('@') + 1));
      break;
    }
    case 'slack':
      if (channel.admin !== undefined) through.add(channel.admin);
      break;
    case 'webhook':
      if (channel.url !== undefined) onDomainOf(new URL(channel.url).hostname);
      if (channel.hostedIn !== undefined) through.add(channel.hostedIn);
      break;
    case 'sns': {
      // A topic in an account of the inventory is lost with that account; one outside it, only by itself.
      const place = snsTopicPlace(channel.topic);
      if (place !== undefined && context.accounts.has(place.accountId)) through.add(place.accountId);
      break;
    }
  }
  return [...through];
}

/** The account outside the inventory that billing was transferred to, if any. */
function outsidePayer(payer: Account, context: BuildContext): string | undefined {
  const to = payer.payment?.transferredTo;
  return to !== undefined && !context.accounts.has(to) ? to : undefined;
}

function outsidePayerUnknown(payer: Account, outside: string): Loss {
  return loss.undeclared(
    `${payer.id}/outside-payer`,
    `The payer outside this inventory (billing transferred to ${outside})`,
    payer.id,
    'the account that pays is not in the inventory',
  );
}

function passwordStoreLost(account: Account): Loss {
  const a = account.id;
  const password = account.root?.password;
  if (password?.storedIn) return loss.factor(password.storedIn);
  // Kept somewhere the inventory does not model (memory, a safe): something that can be lost.
  if (password?.note !== undefined) {
    return {
      kind: 'kept',
      name: `${a}/root-password-kept`,
      label: `Root password (${password.note})`,
      accountId: a,
    };
  }
  return loss.undeclared(`${a}/root-password-undeclared`, 'Root password location (not declared)', a);
}

function photoIdLost(context: BuildContext): Loss {
  return shared(context, 'photo-id', undefined, anyPhotoIdLost);
}

function anyPhotoIdLost(context: BuildContext): Loss {
  const documents = context.inventory.factors?.identityDocuments ?? [];
  if (documents.length === 0) {
    return loss.undeclared('no-photo-id', 'A valid photo ID (none declared)', undefined, 'none declared');
  }
  return loss.all('photo-id-lost', 'Every valid photo ID', () =>
    documents.map((document) => loss.factor(document.id)),
  );
}

function managementOf(account: Account, context: BuildContext): Account | undefined {
  if (account.organization !== 'member' || !account.managementAccount) return undefined;
  return context.accounts.get(account.managementAccount);
}

const paymentCapabilities = ['change-payment-method', 'keep-bill-paid'] as const;

/** Paying through the account that pays, under the rules documented at `docs`. */
function paidThrough(payer: Account, docs: string): CapabilitySpec<CapabilityId>[] {
  return paymentCapabilities.map((capability) => ({
    capability,
    label: capabilityLabels[capability],
    gateLabel: `${capabilityLabels[capability]} (paid by ${payer.name})`,
    through: { account: payer.id, capability },
    way: {
      id: 'payer-pays',
      label: `Through the account that pays, ${payer.name}`,
      short: 'the account that pays',
      docs,
    },
  }));
}

function paidAsMember(_context: BuildContext, payer: Account): CapabilitySpec<CapabilityId>[] {
  return paidThrough(payer, rules.consolidatedBilling.docs);
}

function paidByTransfer(_context: BuildContext, payer: Account): CapabilitySpec<CapabilityId>[] {
  return paidThrough(payer, rules.billingTransfer.docs);
}

/** Paying: through the payer's capabilities, through an outside payer, or the account's own. */
function payment(account: Account, context: BuildContext): CapabilitySpec<CapabilityId>[] {
  const a = account.id;
  const payer = payerOf(account, context.accounts);
  if (payer !== account) {
    // Consolidated billing (or a billing transfer): the account pays, and is suspended, through its payer.
    return account.organization === 'member'
      ? shared(context, 'payment-as-member', payer, paidAsMember)
      : shared(context, 'payment-by-transfer', payer, paidByTransfer);
  }
  const outside = outsidePayer(account, context);
  if (outside) {
    return paymentCapabilities.map((capability) => ({
      capability,
      label: capabilityLabels[capability],
      ways: [
        {
          id: 'outside-payer',
          label: `Through the account billing was transferred to, ${outside}`,
          short: 'the outside payer',
          failsWhen: 'same',
          needs: [outsidePayerUnknown(account, outside)],
          docs: rules.billingTransfer.docs,
        },
      ],
    }));
  }

  // Changing the payment method: root, or a principal allowed to add a card and make it the default once
  // IAM billing access is on (payments permissions are granular: MakePayment alone cannot replace a card).
  const principals = principalsOf(account).filter((principal) => canReplaceCard(principal, context.asOf));
  const delegated: Loss[] = [];
  if (account.iamBillingAccess?.activated !== true) delegated.push(billingAccessOff(account));
  // Principals declared (an empty list is init's "nobody") of whom none may replace the card: known, not unknown.
  const declared = account.billingPrincipals !== undefined || account.principals !== undefined;
  delegated.push(
    principals.length > 0
      ? principalsLost(account, principals, 'billing', 'Every principal who may replace the card')
      : declared
        ? loss.known(
            `${a}/no-billing-principal`,
            'No principal other than root may replace the card (declared)',
            a,
            'attested: none declared may replace the card',
          )
        : loss.undeclared(
            `${a}/no-billing-principal`,
            'A principal other than root who may replace the card',
            a,
            'none declared',
          ),
  );
  const changePaymentMethod: CapabilitySpec<CapabilityId> = {
    capability: 'change-payment-method',
    label: capabilityLabels['change-payment-method'],
    ways: [
      way(
        'root',
        'Root signs in and changes it',
        [loss.capability(a, 'root-sign-in')],
        timings.changePaymentMethod,
        rules.billingAccess.docs,
      ),
      way(
        'delegated',
        'A principal with payments permissions',
        delegated,
        timings.changePaymentMethod,
        rules.paymentPermissions.docs,
      ),
    ],
  };

  // Keeping the bill paid: any valid card on file, or a new payment method.
  const cards = account.payment?.cards ?? [];
  const keepBillPaid: CapabilitySpec<CapabilityId> = {
    capability: 'keep-bill-paid',
    label: capabilityLabels['keep-bill-paid'],
    ways: [
      {
        id: 'card-on-file',
        label: 'A valid card on file',
        short: 'a card on file',
        failsWhen: 'all',
        needs:
          cards.length > 0
            ? cards.map((card) => loss.factor(card))
            : [
                loss.undeclared(
                  `${a}/no-card-declared`,
                  'A payment card on file (none declared)',
                  a,
                  'none declared',
                ),
              ],
        docs: rules.dunning.docs,
        standing: true,
      },
      {
        id: 'new-payment-method',
        label: 'Add a new payment method and pay',
        short: 'a new payment method',
        failsWhen: 'same',
        needs: [loss.capability(a, 'change-payment-method')],
        docs: rules.paymentPermissions.docs,
      },
    ],
  };
  return [changePaymentMethod, keepBillPaid];
}

/** The time event "this paying account's suspension date has passed". */
export function suspensionDateEvent(payerId: string): string {
  return `${payerId}/suspension-date`;
}

/**
 * The account that pays for this one: a member paid through its management account is paid by it; an
 * Organization whose billing was transferred to an account of the inventory is paid by that one.
 */
export function payerOf(account: Account, accounts: ReadonlyMap<string, Account>): Account {
  let payer = account;
  if (
    account.organization === 'member' &&
    account.payment?.paidBy === 'management' &&
    account.managementAccount
  ) {
    payer = accounts.get(account.managementAccount) ?? account;
  }
  const transferred = payer.organization === 'management' ? payer.payment?.transferredTo : undefined;
  return transferred !== undefined ? (accounts.get(transferred) ?? payer) : payer;
}

/** Every principal other than root the account declares. */
export function principalsOf(account: Account): BillingPrincipal[] {
  return [...(account.billingPrincipals ?? []), ...(account.principals ?? [])];
}

/** Whether a principal's declared permissions allow an IAM action (IAM's `*` wildcards, case-insensitive). */
export function allows(principal: BillingPrincipal, action: string): boolean {
  return (principal.permissions ?? []).some((pattern) => {
    if (pattern === '*') return true;
    const expression = pattern
      .toLowerCase()
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${expression}$`).test(action.toLowerCase());
  });
}

/**
 * A principal that can replace a dead card: one listed under billingPrincipals without permissions (attested
 * able to change the payment method), or one allowed to add a card and make it the default.
 */
export function canReplaceCard(principal: BillingPrincipal, day: Day): boolean {
  if (principal.permissions === undefined) return true;
  const granular =
    ruleHolds(rules.paymentPermissions, day) &&
    allows(principal, 'payments:CreatePaymentInstrument') &&
    allows(principal, 'payments:UpdatePaymentPreferences');
  // Before the fine-grained actions (and until their last extension), aws-portal:ModifyPaymentMethods did it.
  const legacy =
    ruleHolds(rules.legacyPaymentPermissions, day) && allows(principal, 'aws-portal:ModifyPaymentMethods');
  return granular || legacy;
}

function restoreTiming(factor: Factor): { duration: DurationRange } | undefined {
  switch (factor.type) {
    case 'device':
      // A new phone or key does not bring back an MFA secret or a registration, which is what matters here.
      return undefined;
    case 'phone-number':
      // An outdated number is someone else's now; a lost SIM can be replaced by the carrier.
      if (factor.state === 'outdated') return undefined;
      // A declared carrier kind has its own figure (src/providers/phone), `unknown` none; no kind: as before.
      {
        const kind = carrierKind(factor);
        return kind === undefined ? factorRestore['phone-number-lost'] : numberRestore[kind];
      }
    case 'mailbox':
      return factorRestore.mailbox;
    case 'domain':
      return factorRestore.domain;
    case 'identity-document':
      return factorRestore['identity-document'];
    default:
      return undefined;
  }
}
