/**
 * The AWS provider model as data: how root sign-in, lost-MFA recovery, billing permissions, consolidated
 * billing and dunning work, each rule with its documentation link, and each recovery path with its minimum,
 * typical and maximum duration (hours) and cost. This is "the system described" in the incident, made
 * executable; recovery-graph.ts turns it into gates.
 *
 * Every rule, timing and figure carries its sources as data: a documentation page (documented) or a case
 * (observed: the incident of 2022, a support reply, a sign-in seen), each with the day it was last checked;
 * a rule that holds only over an interval carries it (validFrom / validUntil). docs/rules.md is rendered from
 * this file (`npm run rules-doc`), and test/providers/provider-model.test.ts checks the sources and dates.
 */

import type { DurationRange } from '../../analysis/graph.js';
import type { Day } from '../../model/inventory.js';
import type { Rule, Source, Timing } from '../../recovery/rules.js';

export { ruleHolds, type Rule, type Source, type Timing } from '../../recovery/rules.js';

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });
const days = (min: number, typical: number, max: number): DurationRange =>
  hours(min * 24, typical * 24, max * 24);

/** The day the documented sources below were last read. */
const checked: Day = '2026-12-03';

const documented = (ref: string, note?: string): Source => ({ kind: 'documented', ref, checked, note });
const observed = (ref: string, on: Day, note?: string): Source => ({
  kind: 'observed',
  ref,
  checked: on,
  note,
});

/** The pages the sources point at, named once. */
const page = {
  rootMfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  mfaEnable: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
  gettingStartedMfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/gs-identities-mfa.html',
  resetRootPassword: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reset-root-password.html',
  lostMfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  mfaSupportForm: 'https://aws.amazon.com/forms/aws-mfa-support',
  rootAccessManagement:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
  enableRootAccess: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html',
  assumeRootApi: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoot.html',
  enableRootCredentialsManagementApi:
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOrganizationsRootCredentialsManagement.html',
  stsChangelog: 'https://github.com/aws/aws-sdk-go-v2/blob/main/service/sts/CHANGELOG.md',
  billingAccess: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
  billingMigration:
    'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/migrate-granularaccess-whatis.html',
  billingMigrationBlog:
    'https://aws.amazon.com/blogs/aws-cloud-financial-management/changes-to-aws-billing-cost-management-and-account-consoles-permissions/',
  consolidatedBilling:
    'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/consolidated-billing.html',
  createOrganizationApi:
    'https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateOrganization.html',
  alternateContacts:
    'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  contacts: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact.html',
  primaryContact:
    'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
  putContactInformationApi:
    'https://docs.aws.amazon.com/accounts/latest/reference/API_PutContactInformation.html',
  accountChangelog: 'https://github.com/aws/aws-sdk-go-v2/blob/main/service/account/CHANGELOG.md',
  closing: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html',
  closeAccountApi: 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_CloseAccount.html',
  reactivateSuspended: 'https://repost.aws/knowledge-center/reactivate-suspended-account',
  route53AccountClosed:
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/troubleshooting-account-closed.html',
  route53RestoreExpired:
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-restore-expired.html',
  mfaBlog2023:
    'https://aws.amazon.com/blogs/security/security-by-design-aws-to-enhance-mfa-requirements-in-2024/',
  passkeysBlog:
    'https://aws.amazon.com/blogs/security/passkeys-enhance-security-and-usability-as-aws-expands-mfa-requirements/',
  passkeysLaunch:
    'https://aws.amazon.com/blogs/aws/aws-adds-passkey-multi-factor-authentication-mfa-for-root-and-iam-users/',
  mfaBlog2024:
    'https://aws.amazon.com/blogs/security/secure-by-design-aws-enhances-centralized-security-controls-as-mfa-requirements-expand/',
  passkeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
  passkeyConfigurations:
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_fido_supported_configurations.html',
  applePasskeys: 'https://support.apple.com/en-us/102195',
  googlePasskeys: 'https://developers.google.com/identity/passkeys/supported-environments',
  googlePasswordManager: 'https://support.google.com/accounts/answer/6197437',
  billingTransfer: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/orgs_transfer_billing.html',
  billingTransferLaunch:
    'https://aws.amazon.com/blogs/aws/new-aws-billing-transfer-for-centrally-managing-aws-billing-and-costs-across-multiple-organizations/',
  arns: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
  sns: 'https://docs.aws.amazon.com/sns/latest/dg/welcome.html',
} as const;

/** The owner's own case (warning 06-17, notary 06-27, approval 06-30, MFA removed 07-01). */
const incident = (what: string): Source => observed(`the incident of 2022: ${what}`, '2022-07-01');

export const rules = {
  rootSignIn: {
    id: 'root-sign-in',
    title: 'Root sign-in',
    summary:
      'The root user signs in with the account email and password and, when MFA is on, any one of its registered MFA devices (up to eight since November 2022; one before).',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
    sources: [
      documented(page.mfaEnable),
      documented(page.lostMfa, 'root and IAM users can register up to eight MFA devices of any type'),
      documented(page.mfaBlog2023, 'up to eight MFA devices per root or IAM user since November 2022'),
    ],
  },
  rootPasswordReset: {
    id: 'root-password-reset',
    title: 'Root password reset',
    summary: "A lost root password is reset through a link sent to the root user's email address.",
    docs: page.resetRootPassword,
    sources: [documented(page.resetRootPassword)],
  },
  alternativeFactors: {
    id: 'alternative-factors',
    title: 'Sign in with alternative factors',
    summary:
      "Without an MFA device, root can sign in by verifying the account's email address and then the account's contact phone number (an automated call in 2022; today a code by SMS or voice call); an outdated number breaks this path.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
    sources: [
      documented(
        page.lostMfa,
        'verify the email and the phone registered with the account, else AWS Support',
      ),
      incident('the verification call went to a number the owner no longer held'),
      observed(
        'a public step-by-step record of a root sign-in with alternative factors: a verification mail first, then a code by SMS or voice call',
        '2026-04-10',
      ),
    ],
  },
  identityVerification: {
    id: 'identity-verification',
    title: 'MFA removal after identity verification',
    summary:
      'When alternative factors fail, AWS Support removes root MFA after an identity verification: an affidavit signed before a notary public, photo ID and proof of address; review takes days and MFA is removed 24 hours after approval. AWS publishes the form, not the steps: these are observed.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
    sources: [
      documented(page.lostMfa, 'without access to the email or phone, contact AWS Support'),
      documented(page.mfaSupportForm, "AWS's form for lost-MFA cases"),
      incident(
        'notarized affidavit, photo ID and proof of address; 3 business days of review; MFA removed 24 hours after approval',
      ),
    ],
  },
  centralizedRootAccess: {
    id: 'centralized-root-access',
    title: 'Centralized root access for member accounts',
    summary:
      "In an Organization with centralized root access, the management account (or a delegated administrator) performs privileged tasks on a member's root, such as allowing password recovery. Available since 2024-11-14.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
    sources: [
      documented(page.rootAccessManagement),
      documented(page.enableRootAccess),
      documented(page.stsChangelog, "v1.33.0 (2024-11-14) introduces the new API 'AssumeRoot'"),
    ],
    validFrom: '2024-11-14',
  },
  billingAccess: {
    id: 'iam-billing-access',
    title: 'IAM user and role access to Billing information',
    summary:
      'IAM principals can use the billing console, change the payment method included, only after root activates this account setting; no API reads or changes it.',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
    sources: [documented(page.billingAccess)],
  },
  paymentPermissions: {
    id: 'payments-permissions',
    title: 'Payments permissions',
    summary:
      'Paying takes separate payments:* actions: payments:CreatePaymentInstrument (add a card), UpdatePaymentInstrument, UpdatePaymentPreferences (make it the default) and MakePayment (pay a due invoice); a principal that may only MakePayment cannot replace a dead card. They replaced aws-portal:ModifyPaymentMethods in 2023: at once for accounts created from 2023-03-06, by migration for older ones.',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/migrate-granularaccess-whatis.html',
    sources: [
      documented(
        page.billingMigration,
        'fine-grained actions in effect for accounts and Organizations created on or after 2023-03-06 11:00 PDT',
      ),
      documented(page.billingMigrationBlog, 'old actions supported until 2023-07-06 for older accounts'),
    ],
    validFrom: '2023-03-06',
  },
  legacyPaymentPermissions: {
    id: 'legacy-payment-permissions',
    title: 'Payment methods under aws-portal (retired)',
    summary:
      'Before the fine-grained actions, aws-portal:ModifyPaymentMethods allowed an IAM principal (with IAM access to billing) to add and change payment methods. It ended for good on 2023-12-11 (end of standard support 2023-07-06, then a final extension); accounts created from 2023-03-06 never had it.',
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/migrate-granularaccess-whatis.html',
    sources: [
      documented(
        page.billingMigration,
        'the aws-portal actions reached the end of standard support in July 2023',
      ),
      documented(page.billingMigrationBlog, 'cutoff date 2023-07-06'),
      observed(
        "AWS's notice to customers who missed the cutoff, quoted at https://scalefactory.com/blog/2023/11/10/aws-access-changes-to-billing-and-accounts/: a final extension until 2023-12-11",
        checked,
      ),
    ],
    validUntil: '2023-12-11',
  },
  consolidatedBilling: {
    id: 'consolidated-billing',
    title: 'Consolidated billing',
    summary:
      "Member accounts of an Organization are paid by the management (payer) account's payment methods, on one bill that goes to the management account: billing notices for members reach the payer.",
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/consolidated-billing.html',
    sources: [
      documented(page.consolidatedBilling, 'one bill for multiple accounts'),
      documented(
        page.createOrganizationApi,
        'all member accounts have their bills consolidated to and paid by the management account',
      ),
    ],
  },
  alternateBillingContact: {
    id: 'alternate-billing-contact',
    title: 'Alternate billing contact',
    summary:
      "AWS contacts the alternate billing contact about billing in addition to root's email address: with a working one, a past-due or suspension notice is not left to root's mailbox alone.",
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
    sources: [
      documented(page.alternateContacts),
      documented(page.contacts, 'the alternate billing contact receives billing-related notifications'),
    ],
  },
  dunning: {
    id: 'dunning',
    title: 'Unpaid bills, suspension and closure',
    summary:
      'After a failed charge AWS sends reminders, then a warning with a suspension date; a suspended account stops what runs in it, Route 53 DNS and domain renewals included; an account not reinstated within 30 days of suspension is closed, and a closed account is deleted for good after the post-closure period (60 or 90 days: AWS publishes both). The days from a failed charge to suspension are observed, not published.',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html',
    sources: [
      documented(page.reactivateSuspended, 'closed if not reinstated within 30 days of suspension'),
      documented(page.closing, 'reopen within 90 days of closure (the post-closure period)'),
      incident('a failed card, reminders, then a warning naming the suspension date'),
    ],
  },
  contactPhoneRepairApi: {
    id: 'contact-phone-repair-api',
    title: 'Updating the primary contact without root (API)',
    summary:
      "The primary contact, whose phone number lost-MFA recovery calls, can be updated in the console or with account:PutContactInformation by an IAM principal allowed to, and a member's from the management account or a delegated administrator; once it names a number the owner holds, alternative factors work again. The API exists since 2022-07-22.",
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
    sources: [
      documented(page.primaryContact),
      documented(page.putContactInformationApi),
      documented(
        page.accountChangelog,
        'v1.7.0 (2022-07-22): customers can manage the primary contact information for their accounts',
      ),
    ],
    validFrom: '2022-07-22',
  },
  contactPhoneRepairConsole: {
    id: 'contact-phone-repair-console',
    title: 'Updating the primary contact without root (billing console)',
    summary:
      "Before the Account Management API could update it (2022-07-22), the primary contact was changed on the billing console's account page (aws-portal:ViewAccount and ModifyAccount), which an IAM principal could open only with IAM access to billing activated.",
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
    sources: [
      documented(
        page.contacts,
        "the page's earlier version: console only (aws-portal:ViewAccount, ModifyAccount), no CLI or API",
      ),
      documented(page.billingAccess),
      documented(page.accountChangelog, 'the API arrived in v1.7.0 (2022-07-22)'),
      incident(
        "the account page was out of the admin IAM user's reach: IAM access to billing was not activated",
      ),
    ],
    validUntil: '2022-07-21',
  },
  contactPhoneSms: {
    id: 'contact-phone-sms',
    title: 'The contact number for alternative factors',
    summary:
      'Signing in with alternative factors sends a code by SMS or voice call to the contact number, which must be able to receive SMS from AWS: toll-free numbers are refused.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
    sources: [
      documented(page.lostMfa),
      documented(
        page.primaryContact,
        'phone numbers must be capable of receiving SMS from AWS; toll-free numbers are not accepted',
      ),
      observed(
        'a public step-by-step record of a root sign-in with alternative factors: the phone step offers SMS or voice call',
        '2026-04-10',
      ),
    ],
  },
  assumeRoot: {
    id: 'assume-root',
    title: 'Centralized root access: sts:AssumeRoot',
    summary:
      "Where the Organization enabled root credentials management (and root sessions), an IAM principal of the management account or of a delegated administrator calls sts:AssumeRoot for a member (root user credentials cannot make this call); the IAMCreateRootUserPassword task allows password recovery, which then goes through the member's own root mailbox.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
    sources: [
      documented(
        page.assumeRootApi,
        'credentials of the management account or a delegated administrator for IAM; not root user credentials',
      ),
      documented(page.enableRootAccess),
      documented(
        page.enableRootCredentialsManagementApi,
        'features RootCredentialsManagement and RootSessions',
      ),
      documented(page.stsChangelog, "v1.33.0 (2024-11-14) introduces the new API 'AssumeRoot'"),
    ],
    validFrom: '2024-11-14',
  },
  rootMfaEnforced: {
    id: 'root-mfa-enforced',
    title: 'Root MFA enforced by AWS',
    summary:
      'AWS requires MFA for root users at console sign-in (35 days of grace, then mandatory): management accounts from May 2024, standalone accounts from July 2024 (gradually, over months), member accounts in 2025 (announced for spring, in force for all by 2025-06-17); members without root credentials have no root sign-in to enforce it on. Until MFA is on, an unusual sign-in gets a one-time code at the root email address.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    sources: [
      documented(page.rootMfa),
      documented(
        page.gettingStartedMfa,
        'starting May 2024 root users must enable MFA at sign-in (35 days to postpone); members planned for spring 2025',
      ),
      documented(
        page.mfaBlog2023,
        'management accounts first (mid-2024), then standalone accounts during 2024',
      ),
      documented(
        page.mfaBlog2024,
        'unusual sign-in activity without MFA is validated with a one-time PIN sent to the primary email address',
      ),
      documented(
        page.passkeysBlog,
        'standalone accounts from July 2024, gradually over months; not member accounts (then)',
      ),
      documented(page.passkeysLaunch, 'enforcement started with the root users of management accounts'),
      observed(
        'reports of the announcement at AWS re:Inforce on 2025-06-17: MFA now required for root users of all account types, members included',
        '2025-06-17',
      ),
    ],
    validFrom: '2024-05-01',
  },
  syncedPasskeys: {
    id: 'synced-passkeys',
    title: 'Synced passkeys',
    summary:
      'A passkey synced through a platform account (iCloud Keychain, Google Password Manager, a password manager) survives the loss of a phone and is lost with that account: two passkeys synced through one account are one factor, not two. Root and IAM users accept passkeys (FIDO2) as MFA since June 2024.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
    sources: [
      documented(page.passkeys, 'passkeys and security keys as MFA for root and IAM users'),
      documented(page.passkeysLaunch, 'passkeys accepted as MFA for root and IAM users since June 2024'),
      documented(page.passkeyConfigurations, 'platform authenticators such as Touch ID or Face ID'),
      documented(page.applePasskeys, 'passkeys sync across devices through iCloud Keychain'),
      documented(
        page.googlePasskeys,
        'Google Password Manager synchronizes passkeys across Android and Chrome',
      ),
      documented(
        page.googlePasswordManager,
        'passkeys saved to the Google Account are usable on all its devices',
      ),
    ],
  },
  billingTransfer: {
    id: 'billing-transfer',
    title: 'Billing transfer',
    summary:
      "An Organization's billing can be transferred to another Organization's management account: the payer, and the one billing notices reach, is then outside. Generally available since 2025-11-19.",
    docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/orgs_transfer_billing.html',
    sources: [
      documented(page.billingTransfer),
      documented(page.billingTransferLaunch, 'general availability announced 2025-11-19'),
    ],
    validFrom: '2025-11-19',
  },
  closureDomains: {
    id: 'closure-domains',
    title: 'Domains after account closure',
    summary:
      "After closure, Route 53 domains go well before the post-closure period ends: suspended within 5 days; with Amazon Registrar as registrar of record, deleted 30 days after suspension; with Gandi, released to Gandi when the account is permanently closed. AWS's pages give both 60 and 90 days for the post-closure period: plan on the earlier.",
    docs: page.route53AccountClosed,
    sources: [
      documented(
        page.route53AccountClosed,
        'suspended in the next 5 days; Amazon Registrar: deleted after 30 days; Gandi: released at permanent closure',
      ),
      documented(page.closing, 'post-closure period: 90 days'),
      documented(page.closeAccountApi, 'resources deleted 90 days after closure'),
      documented(page.reactivateSuspended, 'one version: permanent 60 days after closure; another: 90 days'),
    ],
  },
  alertChannels: {
    id: 'alert-channels',
    title: 'Hearing about trouble in time (alert channels)',
    summary:
      "Lockout's own rule, not AWS's: the owner hears about trouble in time while any one declared alert channel of lockout watch (e-mail, Slack, webhook, SNS) still reaches them. A channel is lost with what it goes through: its mailbox and the domain its address is on, the account holding its SNS topic (read from the ARN), the domain and account of its webhook, its Slack workspace and that workspace's admin. A channel that goes through the watched account is lost when that account is suspended, the moment its alert is needed. AWS's own notices to root's address and the billing contact are the capability \"receive billing notices\", not a channel.",
    docs: page.sns,
    sources: [
      observed(
        "Lockout's own design (issue 14, watch): a channel is modelled like any factor, lost with what it depends on",
        checked,
      ),
      incident(
        "the owner learnt of the revoked card from AWS's third mail, five months after the card died, on a domain the account itself hosted",
      ),
      documented(
        page.arns,
        'an ARN names the account that owns the resource: arn:partition:sns:region:account-id:topic',
      ),
    ],
  },
} as const satisfies Record<string, Rule>;

/**
 * When AWS began to enforce root MFA, by kind of account. AWS named months, not days: each is the first day
 * of the month named (members: the day enforcement was announced as covering all account types).
 */
export const rootMfaEnforcement = {
  management: '2024-05-01',
  standalone: '2024-07-01',
  member: '2025-06-17',
} as const satisfies Record<'management' | 'standalone' | 'member', Day>;

/**
 * The phases of identity verification, which a plan lays out in time: the notary's booking lead time
 * (calendar days), AWS's review (business days, US Pacific, without US federal holidays) and the fixed wait
 * before MFA is removed. Their sum is `timings.identityVerification`. AWS publishes none of these figures:
 * all are observed.
 */
export const identityVerificationPhases = {
  notaryLeadTime: {
    duration: days(1, 5, 14),
    source: 'the incident of 2022 (the earliest notary slot was 10 days out) and notary offices in Japan',
    sources: [
      incident('the earliest notary slot was 10 days out'),
      incident('booking lead times quoted by notary offices in Japan after the warning'),
    ],
  },
  reviewBusinessDays: {
    duration: { min: 2, typical: 3, max: 5 },
    source: 'the incident of 2022 (3 business days) and AWS Support replies',
    sources: [
      incident('3 business days from the notarized documents to approval'),
      incident('AWS Support replies during the case: a review takes a few business days'),
    ],
  },
  mfaRemovalDelay: {
    duration: hours(24, 24, 24),
    source: "AWS Support's approval mail: MFA is removed 24 hours after approval",
    sources: [incident("AWS Support's approval mail: MFA is removed 24 hours after approval")],
  },
  cost: { amount: 11_500, currency: 'JPY' },
  costSource: 'the incident of 2022: a notarized affidavit in Japan',
  costSources: [incident('11,500 JPY for a notarized affidavit in Japan')],
  /** AWS's form for lost-MFA cases (linked from aws-samples' root recovery runbook). */
  form: 'https://aws.amazon.com/forms/aws-mfa-support',
} as const;

const phaseSum = (pick: 'min' | 'typical' | 'max'): number =>
  identityVerificationPhases.notaryLeadTime.duration[pick] +
  identityVerificationPhases.reviewBusinessDays.duration[pick] * 24 +
  identityVerificationPhases.mfaRemovalDelay.duration[pick];

export const timings = {
  /** Signing in with the password and a working MFA device. */
  mfaSignIn: {
    duration: hours(0, 0.05, 0.25),
    source: 'a normal sign-in',
    sources: [
      observed(
        'estimate from ordinary sign-ins: password and security key take a few minutes at most',
        checked,
      ),
    ],
  },
  alternativeFactors: {
    duration: hours(0.1, 0.25, 1),
    source: 'one verification mail and one SMS or voice call',
    sources: [
      documented(page.lostMfa),
      observed(
        'a public step-by-step record of a root sign-in with alternative factors: the mail arrived within a minute',
        '2026-04-10',
      ),
    ],
  },
  /**
   * Booking a notary (lead time), review (~3 business days), and MFA removed 24 h after approval. The incident:
   * warning 06-17, notary 06-27, approval 06-30, MFA removed 07-01; 11,500 JPY for the notarized affidavit.
   */
  identityVerification: {
    duration: hours(phaseSum('min'), phaseSum('typical'), phaseSum('max')),
    cost: identityVerificationPhases.cost,
    source: 'the incident of 2022 (notary 10 days out, 3 days of review, 24 h delay) and AWS Support replies',
    sources: [
      incident('notary 10 days out, 3 business days of review, MFA removed 24 hours after approval'),
      incident('AWS Support replies during the case'),
    ],
  },
  managementRootAccess: {
    duration: hours(0.1, 0.5, 4),
    source: 'a privileged root task from the management account',
    sources: [
      documented(page.assumeRootApi, 'a root session lasts at most 900 seconds'),
      observed('estimate: one privileged root task from the management account, sign-in included', checked),
    ],
  },
  changePaymentMethod: {
    duration: hours(0.1, 0.25, 1),
    source: 'adding a card and paying the balance in the billing console',
    sources: [
      documented(
        page.reactivateSuspended,
        'after past-due charges are paid, services reactivate within minutes (up to 24 hours)',
      ),
      observed('estimate: adding a card and paying the balance in the billing console', checked),
    ],
  },
  /** Pointing the primary contact at a number the owner holds, then alternative factors. */
  contactPhoneRepair: {
    duration: hours(0.1, 0.5, 2),
    source: 'one PutContactInformation call or console edit, then one verification mail and one SMS or call',
    sources: [
      documented(page.primaryContact),
      observed('estimate: one contact edit, then one verification mail and one SMS or call', checked),
    ],
  },
  /** sts:AssumeRoot with IAMCreateRootUserPassword, then a password reset through the member's root mailbox. */
  centralRootPasswordRecovery: {
    duration: hours(0.1, 0.5, 2),
    source: 'one AssumeRoot session, then one password-reset mail',
    sources: [
      documented(page.assumeRootApi, 'a root session lasts at most 900 seconds'),
      documented(page.resetRootPassword),
      observed('estimate: one AssumeRoot session, then one password-reset mail', checked),
    ],
  },
} as const satisfies Record<string, Timing>;

/** How long it takes to replace a lost factor of each kind, when it can be replaced at all. */
export const factorRestore = {
  'phone-number-lost': {
    duration: hours(2, 24, 120),
    source: 'a replacement SIM from the carrier',
    sources: [
      observed('estimate: a replacement SIM from the carrier, the same day in a shop, days by post', checked),
    ],
  },
  mailbox: {
    duration: hours(1, 24, 168),
    source: "the mail provider's account recovery",
    sources: [
      observed(
        "estimate: a mail provider's account recovery, an hour with a recovery factor, days without",
        checked,
      ),
    ],
  },
  domain: {
    duration: days(1, 3, 30),
    source: 'renewal from the redemption period',
    sources: [
      documented(
        page.route53RestoreExpired,
        'restoration goes through Gandi on business days; rarely a week or more',
      ),
      observed('estimate: renewal from the redemption period at a registrar', checked),
    ],
  },
  'identity-document': {
    duration: days(7, 14, 30),
    source: 'renewing a passport or licence',
    sources: [observed('estimate: renewing a passport or driving licence, one to four weeks', checked)],
  },
} as const satisfies Record<string, Timing>;

/**
 * The dunning timeline after a failed charge. AWS's own pages disagree on how long a closed account is kept
 * (60 or 90 days after closure are both published); the plan uses the earlier, 60, for safety. AWS publishes
 * no schedule from a failed charge to suspension: those figures are observed.
 */
export const dunning = {
  suspensionWarningAfterFirstFailure: days(14, 21, 28),
  /**
   * From the first failed charge to the suspension date a warning names; without a notice the analysis takes
   * the earliest as the onset of a suspension.
   */
  suspensionAfterFirstFailure: days(14, 21, 30),
  closureAfterSuspension: days(30, 30, 30),
  /** Route 53 domains of a closed account are suspended within 5 days of closure, long before deletion. */
  domainSuspensionAfterClosure: days(1, 3, 5),
  /** Amazon Registrar deletes the domains of a closed account 30 days after suspending them. */
  domainDeletionAfterSuspension: days(30, 30, 30),
  deletionAfterClosure: days(60, 60, 90),
  note: "AWS's pages give 60 and 90 days for the post-closure period; the plan uses the earlier, 60, for safety.",
  docs: rules.dunning.docs,
  /** The sources of each figure above. */
  sources: {
    suspensionWarningAfterFirstFailure: [
      incident('reminders after the failed charge, then a warning naming the suspension date'),
      observed('AWS publishes no schedule from a failed charge to the suspension warning', checked),
    ],
    suspensionAfterFirstFailure: [
      incident('the warning named a suspension date weeks after the first failed charge'),
      observed('AWS publishes no schedule from a failed charge to suspension', checked),
    ],
    closureAfterSuspension: [
      documented(
        page.reactivateSuspended,
        'AWS closes an account not reinstated within 30 days of suspension',
      ),
    ],
    domainSuspensionAfterClosure: [
      documented(page.route53AccountClosed, 'domains are suspended in the next 5 days after closure'),
    ],
    domainDeletionAfterSuspension: [
      documented(
        page.route53AccountClosed,
        'Amazon Registrar: the domain is deleted 30 days after suspension',
      ),
    ],
    deletionAfterClosure: [
      documented(page.closing, 'post-closure period: 90 days'),
      documented(page.closeAccountApi, 'resources deleted after 90 days'),
      documented(page.reactivateSuspended, 'one version: the closure is permanent 60 days after closing'),
    ],
  },
} as const;
