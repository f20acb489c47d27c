/**
 * The AWS provider model as data: how root sign-in, lost-MFA recovery, billing permissions, consolidated
 * billing and dunning work, each rule with its documentation link, and each recovery path with its minimum,
 * typical and maximum duration (hours) and cost. This is "the system described" in the incident, made
 * executable; recovery-graph.ts turns it into gates.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';

/**
 * Where a rule or figure comes from: a provider's documentation page, or what was observed (an incident, a
 * support reply, a test), with the day it was last checked.
 */
export interface Source {
  kind: 'documented' | 'observed';
  /** A URL for documented sources; a description of the case for observed ones. */
  ref: string;
  /** The day the source was last read or the observation made. */
  checked: Day;
}

export interface Rule {
  id: string;
  title: string;
  /** What the rule says, in one or two sentences. */
  summary: string;
  docs: string;
  /** Where the rule comes from; `docs` is the page to send a reader to, `sources` what backs the rule. */
  sources?: readonly Source[] | undefined;
  /** The first day the rule holds (absent: as far back as Lockout models). */
  validFrom?: Day | undefined;
  /** The last day the rule holds (absent: it still holds). */
  validUntil?: Day | undefined;
}

/** Whether a rule is in force on a day: the analysis applies the rules of the inventory's `asOf`. */
export function ruleHolds(rule: Pick<Rule, 'validFrom' | 'validUntil'>, day: Day): boolean {
  return (
    (rule.validFrom === undefined || rule.validFrom <= day) &&
    (rule.validUntil === undefined || day <= rule.validUntil)
  );
}

export interface Timing {
  duration: DurationRange;
  /** What it costs, when it costs something (the incident's figures where no general one exists). */
  cost?: { amount: number; currency: string } | undefined;
  /** Where the figures come from. */
  source: string;
}

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });
const days = (min: number, typical: number, max: number): DurationRange =>
  hours(min * 24, typical * 24, max * 24);

export const rules = {
  rootSignIn: {
    id: 'root-sign-in',
    title: 'Root sign-in',
    summary:
      'The root user signs in with the account email and password and, when MFA is on, any one of its registered MFA devices (up to eight).',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
  },
  rootPasswordReset: {
    id: 'root-password-reset',
    title: 'Root password reset',
    summary: "A lost root password is reset through a link sent to the root user's email address.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-password.html',
  },
  alternativeFactors: {
    id: 'alternative-factors',
    title: 'Sign in with alternative factors',
    summary:
      "Without an MFA device, root can sign in by verifying the account's email address and answering an automated call to the account's contact phone number; an outdated number breaks this path.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  identityVerification: {
    id: 'identity-verification',
    title: 'MFA removal after identity verification',
    summary:
      'When alternative factors fail, AWS Support removes root MFA after an identity verification: an affidavit signed before a notary public, photo ID and proof of address; review takes days and MFA is removed 24 hours after approval.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  centralizedRootAccess: {
    id: 'centralized-root-access',
    title: 'Centralized root access for member accounts',
    summary:
      "In an Organization with centralized root access, the management account (or a delegated administrator) performs privileged tasks on a member's root, such as allowing password recovery.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
  },
  billingAccess: {
    id: 'iam-billing-access',
    title: 'IAM user and role access to Billing information',
    summary:
      'IAM principals can use the billing console, change the payment method included, only after root activates this account setting; no API reads or changes it.',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
  },
  paymentPermissions: {
    id: 'payments-permissions',
    title: 'Payments permissions',
    summary:
      'Changing a payment method takes the payments:* actions (payments:CreatePaymentInstrument, UpdatePaymentPreferences, MakePayment, …) that replaced aws-portal:ModifyPaymentMethods in 2023.',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/migrate-granularaccess-whatis.html',
  },
  consolidatedBilling: {
    id: 'consolidated-billing',
    title: 'Consolidated billing',
    summary: "Member accounts of an Organization are paid by the management account's payment methods.",
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/consolidated-billing.html',
  },
  alternateBillingContact: {
    id: 'alternate-billing-contact',
    title: 'Alternate billing contact',
    summary:
      "AWS contacts the alternate billing contact about billing in addition to root's email address: with a working one, a past-due or suspension notice is not left to root's mailbox alone.",
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  },
  dunning: {
    id: 'dunning',
    title: 'Unpaid bills, suspension and closure',
    summary:
      'After a failed charge AWS sends reminders, then a warning with a suspension date; a suspended account stops what runs in it, Route 53 DNS and domain renewals included; an account left suspended is closed, and a closed account is deleted for good after the post-closure period.',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html',
  },
  contactPhoneRepairApi: {
    id: 'contact-phone-repair-api',
    title: 'Updating the primary contact without root (API)',
    summary:
      "The primary contact, whose phone number lost-MFA recovery calls, can be updated with account:PutContactInformation by an IAM principal allowed to, and a member's from the management account or a delegated administrator; once it names a number the owner holds, alternative factors work again.",
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
    validFrom: '2022-07-01',
  },
  contactPhoneRepairConsole: {
    id: 'contact-phone-repair-console',
    title: 'Updating the primary contact without root (billing console)',
    summary:
      "Before the Account Management API could update it, the primary contact was changed on the billing console's account page, which an IAM principal could open only with IAM access to billing activated.",
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
    validUntil: '2022-06-30',
  },
  contactPhoneSms: {
    id: 'contact-phone-sms',
    title: 'The contact number for alternative factors',
    summary:
      'Signing in with alternative factors sends a code by SMS or voice call to the contact number, which must be able to receive it: toll-free numbers are refused.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  assumeRoot: {
    id: 'assume-root',
    title: 'Centralized root access: sts:AssumeRoot',
    summary:
      "Where the Organization enabled root credentials management (and root sessions), an IAM principal of the management account or of a delegated administrator calls sts:AssumeRoot for a member (root user credentials cannot make this call); the IAMCreateRootUserPassword task allows password recovery, which then goes through the member's own root mailbox.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
    validFrom: '2024-11-14',
  },
  rootMfaEnforced: {
    id: 'root-mfa-enforced',
    title: 'Root MFA enforced by AWS',
    summary:
      'AWS requires MFA for root users: management accounts from 2024, standalone accounts from 2024, members from 2025 (members without root credentials are exempt). A root without MFA is made to register one at sign-in, and an unusual sign-in gets a one-time code at the root email address.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    validFrom: '2024-05-01',
  },
  syncedPasskeys: {
    id: 'synced-passkeys',
    title: 'Synced passkeys',
    summary:
      'A passkey synced through a platform account (iCloud Keychain, Google Password Manager, a password manager) survives the loss of a phone and is lost with that account: two passkeys synced through one account are one factor, not two.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
  },
  billingTransfer: {
    id: 'billing-transfer',
    title: 'Billing transfer',
    summary:
      "An Organization's billing can be transferred to another Organization's management account: the payer, and the one billing notices reach, is then outside.",
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/orgs_transfer_billing.html',
    validFrom: '2025-11-19',
  },
  closureDomains: {
    id: 'closure-domains',
    title: 'Domains after account closure',
    summary:
      "After closure, Route 53 domains go well before the post-closure period ends: suspended within days, then deleted or released depending on the registrar of record. AWS's pages give both 60 and 90 days for the post-closure period: plan on the earlier.",
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html',
  },
} as const satisfies Record<string, Rule>;

/**
 * The phases of identity verification, which a plan lays out in time: the notary's booking lead time
 * (calendar days), AWS's review (business days, US Pacific, without US federal holidays) and the fixed wait
 * before MFA is removed. Their sum is `timings.identityVerification`.
 */
export const identityVerificationPhases = {
  notaryLeadTime: {
    duration: days(1, 5, 14),
    source: 'the incident of 2022 (the earliest notary slot was 10 days out) and notary offices in Japan',
  },
  reviewBusinessDays: {
    duration: { min: 2, typical: 3, max: 5 },
    source: 'the incident of 2022 (3 business days) and AWS Support replies',
  },
  mfaRemovalDelay: {
    duration: hours(24, 24, 24),
    source: "AWS Support's approval mail: MFA is removed 24 hours after approval",
  },
  cost: { amount: 11_500, currency: 'JPY' },
  costSource: 'the incident of 2022: a notarized affidavit in Japan',
  /** AWS's form for lost-MFA cases (linked from aws-samples' root recovery runbook). */
  form: 'https://aws.amazon.com/forms/aws-mfa-support',
} as const;

const phaseSum = (pick: 'min' | 'typical' | 'max'): number =>
  identityVerificationPhases.notaryLeadTime.duration[pick] +
  identityVerificationPhases.reviewBusinessDays.duration[pick] * 24 +
  identityVerificationPhases.mfaRemovalDelay.duration[pick];

export const timings = {
  /** Signing in with the password and a working MFA device. */
  mfaSignIn: { duration: hours(0, 0.05, 0.25), source: 'a normal sign-in' },
  alternativeFactors: {
    duration: hours(0.1, 0.25, 1),
    source: 'one verification mail and one automated call',
  },
  /**
   * Booking a notary (lead time), review (~3 business days), and MFA removed 24 h after approval. The incident:
   * warning 06-17, notary 06-27, approval 06-30, MFA removed 07-01; 11,500 JPY for the notarized affidavit.
   */
  identityVerification: {
    duration: hours(phaseSum('min'), phaseSum('typical'), phaseSum('max')),
    cost: identityVerificationPhases.cost,
    source: 'the incident of 2022 (notary 10 days out, 3 days of review, 24 h delay) and AWS Support replies',
  },
  managementRootAccess: {
    duration: hours(0.1, 0.5, 4),
    source: 'a privileged root task from the management account',
  },
  changePaymentMethod: {
    duration: hours(0.1, 0.25, 1),
    source: 'adding a card and paying the balance in the billing console',
  },
  /** Pointing the primary contact at a number the owner holds, then alternative factors. */
  contactPhoneRepair: {
    duration: hours(0.1, 0.5, 2),
    source: 'one PutContactInformation call or console edit, then one verification mail and one call',
  },
  /** sts:AssumeRoot with IAMCreateRootUserPassword, then a password reset through the member's root mailbox. */
  centralRootPasswordRecovery: {
    duration: hours(0.1, 0.5, 2),
    source: 'one AssumeRoot session, then one password-reset mail',
  },
} as const satisfies Record<string, Timing>;

/** How long it takes to replace a lost factor of each kind, when it can be replaced at all. */
export const factorRestore = {
  'phone-number-lost': { duration: hours(2, 24, 120), source: 'a replacement SIM from the carrier' },
  mailbox: { duration: hours(1, 24, 168), source: "the mail provider's account recovery" },
  domain: { duration: days(1, 3, 30), source: 'renewal from the redemption period' },
  'identity-document': { duration: days(7, 14, 30), source: 'renewing a passport or licence' },
} as const satisfies Record<string, Timing>;

/**
 * The dunning timeline after a failed charge. AWS's own pages disagree on how long a closed account is kept
 * (60 or 90 days after closure are both published); we use the longer and say so.
 */
export const dunning = {
  suspensionWarningAfterFirstFailure: days(14, 21, 28),
  /**
   * From the first failed charge to the suspension date a warning names; without a notice the analysis takes
   * the earliest as the onset of a suspension.
   */
  suspensionAfterFirstFailure: days(14, 21, 30),
  closureAfterSuspension: days(30, 30, 30),
  /** Route 53 domains of a closed account stop resolving within days of closure, long before deletion. */
  domainSuspensionAfterClosure: days(1, 3, 7),
  deletionAfterClosure: days(60, 60, 90),
  note: "AWS's pages give 60 and 90 days for the post-closure period; the plan uses the earlier, 60, for safety.",
  docs: rules.dunning.docs,
} as const;
