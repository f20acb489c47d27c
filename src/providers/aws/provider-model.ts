/**
 * The AWS provider model as data: how root sign-in, lost-MFA recovery, billing permissions, consolidated
 * billing and dunning work, each rule with its documentation link, and each recovery path with its minimum,
 * typical and maximum duration (hours) and cost. This is "the system described" in the incident, made
 * executable; recovery-graph.ts turns it into gates.
 */

import type { DurationRange } from '../../analysis/graph.js';

export interface Rule {
  id: string;
  title: string;
  /** What the rule says, in one or two sentences. */
  summary: string;
  docs: string;
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
  closureAfterSuspension: days(30, 30, 30),
  deletionAfterClosure: days(60, 90, 90),
  note: "AWS's pages give 60 and 90 days for the post-closure period; 90 is what the account-closing guide says today.",
  docs: rules.dunning.docs,
} as const;
