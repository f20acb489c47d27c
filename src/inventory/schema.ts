/**
 * The shape of an inventory file (version 1) as a zod schema: the loader validates against it and the JSON
 * Schema editors use is generated from it, so the two cannot disagree.
 */
import { z } from 'zod';
import { outsideProviders, registrarNames, secondFactorTypes, type Inventory } from '../model/inventory.js';
import { dayProblem } from '../plan/time.js';

/** A factor id: kebab-case and starting with a letter, so it can never be mistaken for an account id. */
export const factorIdPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const accountIdPattern = /^\d{12}$/;

const factorId = z
  .string()
  .regex(factorIdPattern, { error: 'expected a kebab-case id starting with a letter, like old-phone' });

const accountIdMessage = 'expected a 12-digit AWS account id, quoted: "123456789012"';
const accountId = z
  .string({ error: accountIdMessage })
  .regex(accountIdPattern, { error: accountIdMessage })
  .describe('An AWS account id: 12 digits, quoted so that leading zeros survive.');

const factorOrAccountId = z
  .string()
  .regex(new RegExp(`${factorIdPattern.source}|${accountIdPattern.source}`), {
    error: 'expected a factor id (kebab-case) or a 12-digit account id',
  });

const day = z.iso
  .date({
    error: (issue) =>
      typeof issue.input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(issue.input)
        ? `${issue.input} is not a real date`
        : 'expected a date as YYYY-MM-DD',
  })
  // Within the years Lockout counts days in (9999-12-31 or 0099-06-17 are typing mistakes, not dates to plan on).
  .refine((value) => !dayProblem(value)?.startsWith('out of range'), {
    error: (issue) => `${String(issue.input)} is ${dayProblem(String(issue.input)) ?? 'not a day'}`,
  })
  .describe('A day, YYYY-MM-DD.');

const verified = day.describe('The day this was last checked by the owner (an attested fact).');

const month = z
  .string({ error: 'expected a month as YYYY-MM' })
  .regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, { error: 'expected a month as YYYY-MM' })
  .describe('A month, YYYY-MM.');

const text = z.string().min(1, { error: 'must not be empty' });
const onOffUnknown = z.enum(['on', 'off', 'unknown']);

const factorBase = {
  id: factorId.describe('Kebab-case id, unique among all factors; accounts and other factors refer to it.'),
  label: text.optional().describe('Human name shown in reports instead of the id.'),
  state: z
    .enum(['ok', 'lost', 'outdated', 'unknown'])
    .optional()
    .describe(
      'ok (default), lost, outdated (still exists but no longer yours, like a number given up), or unknown (seen by a scan, not yet confirmed as yours: counted as lost until you say).',
    ),
  verified: verified.optional(),
  dependsOn: z
    .array(factorOrAccountId)
    .optional()
    .describe(
      'Factors or account ids this one needs to keep working (an authenticator app needs its phone).',
    ),
  notes: text.optional(),
};

const holder = factorId.describe('The person factor who keeps it.');
const outsideAccountRef = factorId.describe(
  'The outside account (outsideAccounts) that holds it: it is lost when that account can no longer be signed in to.',
);
const location = factorId.describe(
  'The place factor where it is kept (factors.places): what is kept in one place can be lost together.',
);

export const personSchema = z
  .strictObject({
    ...factorBase,
    name: text,
    team: text.optional(),
    role: text.optional(),
  })
  .describe(
    'A person whose availability matters: the owner, a colleague who holds a key, a finance contact.',
  );

export const deviceSchema = z
  .strictObject({
    ...factorBase,
    kind: z.enum(['phone', 'laptop', 'desktop', 'tablet', 'security-key', 'totp-token']),
    holder: holder.optional(),
    location: location.optional(),
  })
  .describe('A phone, computer, security key or hardware token.');

export const placeSchema = z
  .strictObject({
    ...factorBase,
    kind: z.enum(['safe', 'home', 'office', 'bank-box', 'data-centre', 'other']).optional(),
  })
  .describe(
    'A place things are kept (a safe, a home, an office, a bank box): what is kept there is lost with it.',
  );

export const syncAccountSchema = z
  .strictObject({
    ...factorBase,
    provider: text.describe('icloud-keychain, google-password-manager, 1password, bitwarden…'),
    holder: holder.optional(),
    account: outsideAccountRef.optional(),
  })
  .describe(
    'An account that syncs passkeys or TOTP seeds between devices: what it holds survives a lost phone and is lost with the account.',
  );

export const phoneNumberSchema = z
  .strictObject({
    ...factorBase,
    number: z
      .string()
      .regex(/^\+\d[\d ()-]*$/, {
        error: 'expected an international number starting with +, like +81 90-1234-5678',
      })
      .optional()
      .describe('In international form; reports mask it unless asked.'),
    holder: holder.optional(),
    carrier: z
      .union([
        text,
        z.strictObject({
          kind: z
            .enum(['postpaid', 'prepaid', 'mvno', 'voip', 'unknown'])
            .describe('How the number is held: getting it back after a loss depends on it.'),
          name: text.optional(),
        }),
      ])
      .optional()
      .describe("The carrier's name, or { kind, name }: postpaid, prepaid, mvno, voip or unknown."),
    kind: z
      .enum(['mobile', 'landline', 'voip', 'toll-free'])
      .optional()
      .describe('The kind of line: AWS refuses toll-free numbers for the codes of alternative factors.'),
  })
  .describe('A phone number (not the phone): AWS calls it during lost-MFA recovery.');

const emailAddress = z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: 'expected an email address' });

export const mailboxSchema = z
  .strictObject({
    ...factorBase,
    address: emailAddress.optional(),
    domain: factorId
      .optional()
      .describe('The domain factor the address lives on, when it is your own domain.'),
    provider: text.optional().describe('Who hosts the mailbox: gmail, fastmail, workmail…'),
    holder: holder.optional(),
    readers: z
      .array(factorId)
      .min(1)
      .optional()
      .describe(
        'The person factors who read it, for a shared address: it is lost only when every one of them is.',
      ),
    account: outsideAccountRef.optional(),
  })
  .describe('A mailbox; give its domain (a domain factor), its provider, or both.');

const place = text.describe(
  'A 12-digit account id of this inventory (Route 53), an outside account id (outsideAccounts), or the name of an outside provider (gandi, cloudflare).',
);

export const domainSchema = z
  .strictObject({
    ...factorBase,
    name: z
      .string()
      .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/, {
        error: 'expected a lowercase domain name, like example.net',
      }),
    registrar: place.describe(
      'Where the domain is registered: an account id of this inventory, an outside account id, or a registrar.',
    ),
    dns: place.describe(
      'Where its DNS is hosted: an account id of this inventory, an outside account id, or a DNS provider.',
    ),
    expires: day.optional(),
    autoRenew: z.boolean().optional().describe('Whether it renews by itself (absent: unknown).'),
    transferLock: onOffUnknown
      .optional()
      .describe("The registrar's transfer lock: on, off, or unknown (as absent)."),
    renewsWith: factorId
      .optional()
      .describe("The card factor its renewal is charged to (for Route 53: the AWS account's card applies)."),
  })
  .describe('A domain name the owner holds.');

export const cardSchema = z
  .strictObject({
    ...factorBase,
    lastFour: z
      .string({ error: 'expected the last four digits as a quoted string, like "0123"' })
      .regex(/^\d{4}$/, { error: 'expected exactly the last four digits, like "0123"' })
      .describe('The last four digits only; a full card number is refused.'),
    expires: month,
    status: z.enum(['ok', 'revoked', 'expired']).describe('What the issuer says: ok, revoked or expired.'),
    brand: text.optional(),
    holder: holder.optional(),
    location: location.optional(),
  })
  .describe('A payment card, by its last four digits and expiry.');

export const passwordStoreSchema = z
  .strictObject({ ...factorBase, location: location.optional(), account: outsideAccountRef.optional() })
  .describe('Where passwords are kept: a password manager, a browser profile, a sheet of paper.');

export const identityDocumentSchema = z
  .strictObject({
    ...factorBase,
    kind: z.enum(['passport', 'driving-licence', 'national-id', 'residence-card', 'other']),
    expires: day.optional(),
    holder: holder.optional(),
    country: text.optional(),
    location: location.optional(),
  })
  .describe('A document that proves identity (or address) when a provider verifies it.');

/** One schema per factor list; the loader also uses them to validate items one by one. */
export const factorSchemas = {
  people: personSchema,
  devices: deviceSchema,
  phoneNumbers: phoneNumberSchema,
  mailboxes: mailboxSchema,
  domains: domainSchema,
  cards: cardSchema,
  passwordStores: passwordStoreSchema,
  identityDocuments: identityDocumentSchema,
  places: placeSchema,
  syncAccounts: syncAccountSchema,
};

const factorsSchema = z
  .strictObject({
    people: z.array(personSchema).optional(),
    devices: z.array(deviceSchema).optional(),
    phoneNumbers: z.array(phoneNumberSchema).optional(),
    mailboxes: z.array(mailboxSchema).optional(),
    domains: z.array(domainSchema).optional(),
    cards: z.array(cardSchema).optional(),
    passwordStores: z.array(passwordStoreSchema).optional(),
    identityDocuments: z.array(identityDocumentSchema).optional(),
    places: z.array(placeSchema).optional(),
    syncAccounts: z.array(syncAccountSchema).optional(),
  })
  .describe('What the owner holds whose loss matters, one list per type; ids are unique across all lists.');

const rootMfaDeviceSchema = z.strictObject({
  type: z
    .enum(['virtual', 'hardware-totp', 'fido'])
    .describe('virtual (authenticator app), hardware-totp (token), fido (security key or passkey).'),
  heldBy: factorId.describe(
    'The factor holding it: the phone for an app, the key itself for a security key, the sync account for a synced passkey.',
  ),
  label: text.optional(),
  verified: verified.optional(),
});

/** Where a password is kept (root's, an outside account's): the same fields for both. */
const passwordPlaceSchema = z.strictObject({
  storedIn: factorId.optional().describe('A password store, a device, or a person who remembers it.'),
  note: text.optional().describe('Where it is kept, when that is none of the above.'),
  verified: verified.optional(),
});

const rootSchema = z
  .strictObject({
    email: factorId
      .optional()
      .describe("The mailbox factor of root's email address. Absent: unknown (counted as lost)."),
    password: passwordPlaceSchema.optional(),
    mfa: z
      .array(rootMfaDeviceSchema)
      .max(8, { error: 'AWS allows at most 8 MFA devices per root user' })
      .optional()
      .describe('Absent: unknown. []: the owner attests that root has no MFA.'),
    credentials: z
      .boolean()
      .optional()
      .describe(
        'false: root has no password, keys or MFA (deleted through centralized root access) and is reached through sts:AssumeRoot.',
      ),
    verified: verified.optional(),
  })
  .describe('What signing in as root takes.');

const billingPrincipalSchema = z.strictObject({
  name: text,
  kind: z.enum(['iam-user', 'iam-role', 'identity-center-user']).optional(),
  signIn: z
    .array(factorId)
    .min(1, { error: 'name at least one factor needed to sign in' })
    .describe('The factors needed to sign in as this principal.'),
  permissions: z
    .array(
      z.string().regex(/^(?:\*|[a-z0-9-]+:[A-Za-z0-9*]+)$/, {
        error: 'expected an IAM action such as payments:MakePayment, or *',
      }),
    )
    .optional()
    .describe(
      'IAM actions it is allowed (payments:*, account:PutContactInformation, sts:AssumeRoot; * for administrators).',
    ),
  verified: verified.optional(),
});

export const accountSchema = z
  .strictObject({
    id: accountId,
    name: text,
    organization: z.enum(['standalone', 'management', 'member']),
    managementAccount: accountId
      .optional()
      .describe('For members: the management account of the Organization.'),
    root: rootSchema.optional(),
    contactPhone: factorId.optional().describe('The phone-number factor AWS calls during lost-MFA recovery.'),
    billingContact: z
      .strictObject({
        mailbox: factorId.optional().describe('The mailbox factor of its address.'),
        address: emailAddress
          .optional()
          .describe('Its address; it counts only when it matches the address of a declared mailbox.'),
        verified: verified.optional(),
      })
      .refine((contact) => contact.mailbox !== undefined || contact.address !== undefined, {
        error: 'name its mailbox or its address',
      })
      .optional()
      .describe(
        'The alternate billing contact (Account settings, Alternate contacts), which AWS sends billing mail to besides root.',
      ),
    payment: z
      .strictObject({
        cards: z.array(factorId).optional().describe('Card factors on file, the default first.'),
        paidBy: z.enum(['management']).optional().describe('For members: the management account pays.'),
        transferredTo: accountId
          .optional()
          .describe(
            "For a management account: billing transferred to another Organization's management account.",
          ),
        verified: verified.optional(),
      })
      .optional(),
    iamBillingAccess: z
      .strictObject({ activated: z.boolean(), verified: verified.optional() })
      .optional()
      .describe('"IAM user and role access to Billing information": no API shows it, so it is attested.'),
    billingPrincipals: z
      .array(billingPrincipalSchema)
      .optional()
      .describe(
        'Principals other than root whose permissions allow changing the payment method (effective only while IAM billing access is activated).',
      ),
    principals: z
      .array(billingPrincipalSchema)
      .optional()
      .describe(
        'Other principals and what they may do (permissions), e.g. who may update the contact phone or call sts:AssumeRoot.',
      ),
    organizationFeatures: z
      .strictObject({
        rootCredentialsManagement: z.boolean().optional(),
        rootSessions: z.boolean().optional(),
        verified: verified.optional(),
      })
      .optional()
      .describe(
        "For a management account: the Organization's centralized root access (IAM, Root access management).",
      ),
    domains: z.array(factorId).optional().describe('Domain factors registered or hosted in this account.'),
    workloads: z.array(text).optional().describe('What you run here: what a suspension would take down.'),
    notes: text.optional(),
  })
  .describe('An AWS account.');

export const secondFactorSchema = z
  .strictObject({
    type: z
      .enum(secondFactorTypes)
      .describe(
        'passkey, security-key, authenticator (app codes), prompt (on a signed-in phone), sms, voice, backup-codes.',
      ),
    heldBy: factorId.describe(
      'The factor it lives on: the device, the phone number (sms, voice), the sync account (a synced passkey), the place or password store (backup codes).',
    ),
    label: text.optional(),
    verified: verified.optional(),
  })
  .describe('A second step of sign-in and the factor it lives on.');

/** The fields of an outside account one signs in to, whatever its provider. */
const outsideSignInFields = {
  id: factorId.describe(
    'Kebab-case id, unique among factors and outside accounts; mailboxes, sync accounts and password stores name it in account.',
  ),
  name: text.optional().describe('Human name shown in reports.'),
  login: text.optional().describe('What it signs in with (an address, a user name); never a secret.'),
  holder: holder.optional(),
  password: passwordPlaceSchema.optional(),
  twoStepVerification: z
    .enum(['on', 'off', 'unknown'])
    .optional()
    .describe('2-Step Verification: on, off, or unknown (as absent).'),
  secondFactors: z
    .array(secondFactorSchema)
    .optional()
    .describe('Absent: unknown. []: the owner attests there is none.'),
  recovery: z
    .strictObject({
      phone: factorId.optional().describe('The recovery phone: a phone-number factor.'),
      email: factorId.optional().describe('The recovery e-mail: a mailbox factor.'),
      verified: verified.optional(),
    })
    .optional()
    .describe('Where the provider sends codes when sign-in fails (absent: unknown).'),
  verified: verified.optional(),
  notes: text.optional(),
};

const googleAccountSchema = z
  .strictObject({
    provider: z.literal('google'),
    ...outsideSignInFields,
    workspace: factorId
      .optional()
      .describe(
        "The Google Workspace organisation (a google-workspace entry) it is a user of: that organisation's admins can reset its password and 2-Step Verification.",
      ),
  })
  .describe('A Google account (Gmail, or a user of a Google Workspace organisation).');

// Issue 16: GitHub, registrars and password managers.
const githubAccountSchema = z
  .strictObject({ provider: z.literal('github'), ...outsideSignInFields })
  .describe('A GitHub user account; its recovery codes are a second factor of type backup-codes.');

const githubOrganizationSchema = z
  .strictObject({
    provider: z.literal('github-organization'),
    id: outsideSignInFields.id,
    name: text.optional().describe('Human name shown in reports.'),
    login: text.optional().describe("The organisation's name on GitHub."),
    owners: z
      .array(factorId)
      .optional()
      .describe("The owners' GitHub accounts (outside account ids); absent: unknown."),
    twoFactorRequired: onOffUnknown
      .optional()
      .describe('Whether the organisation requires 2FA of its members: on, off, or unknown (as absent).'),
    verified: verified.optional(),
    notes: text.optional(),
  })
  .describe('A GitHub organisation, administered by any one of its owners.');

const registrarAccountSchema = z
  .strictObject({
    provider: z.literal('registrar'),
    registrar: z
      .enum(registrarNames)
      .describe('Which registrar: its redemption period, grace and account recovery come from the model.'),
    ...outsideSignInFields,
  })
  .describe('An account at a domain registrar: the domains naming it as registrar are managed through it.');

const onePasswordAccountSchema = z
  .strictObject({
    provider: z.literal('1password'),
    ...outsideSignInFields,
    secretKey: passwordPlaceSchema
      .optional()
      .describe('Where the Secret Key is kept (the Emergency Kit, a signed-in device); absent: unknown.'),
    recoverers: z
      .array(factorId)
      .optional()
      .describe(
        'The people (person factors) with the recovery permission: family organisers, team admins. Absent: unknown.',
      ),
  })
  .describe('A 1Password account: its password and Secret Key; recovered only by another person.');

const bitwardenAccountSchema = z
  .strictObject({
    provider: z.literal('bitwarden'),
    ...outsideSignInFields,
    emergencyAccess: z
      .array(
        z.strictObject({
          grantee: factorId.describe('The trusted emergency contact: a person factor.'),
          waitDays: z.number().int().min(0).describe('The wait time the owner chose, in days.'),
          access: z
            .enum(['view', 'takeover'])
            .describe('view (read the vault) or takeover (a new password).'),
          verified: verified.optional(),
        }),
      )
      .optional()
      .describe('Trusted emergency contacts. Absent: unknown. []: the owner attests there is none.'),
  })
  .describe('A Bitwarden account: its master password and two-step login, and emergency access.');

const appleAccountSchema = z
  .strictObject({
    provider: z.literal('apple'),
    ...outsideSignInFields,
    recoveryContacts: z
      .array(factorId)
      .optional()
      .describe(
        'The people (person factors) set up as account recovery contacts: each can give a code that resets the password. Absent: unknown. []: the owner attests there is none.',
      ),
    recoveryKey: z
      .strictObject({
        enabled: onOffUnknown.describe(
          'Whether a recovery key is on: on turns account recovery off (on, off, or unknown).',
        ),
        storedIn: factorId
          .optional()
          .describe(
            'Where the 28-character key is kept: a place, a password store, a person. Absent: unknown.',
          ),
        note: text.optional(),
        verified: verified.optional(),
      })
      .optional()
      .describe('The recovery key (Sign-In & Security > Account Recovery). Absent: unknown.'),
  })
  .describe(
    'An Apple Account (iCloud), whose iCloud Keychain syncs passkeys: trusted devices are second steps of type prompt, trusted phone numbers of type sms or voice. recovery (a recovery phone or e-mail) is not read: Apple has none.',
  );

const otherOutsideAccountSchema = z
  .strictObject({ provider: z.literal('other'), ...outsideSignInFields })
  .describe(
    'An account at a provider Lockout has no model of: its recovery and timings unknown, never counted as safe.',
  );

// Identity providers (issue 16): an organisation or tenant, administered by the accounts it names.
const organisationSetting = z
  .enum(['on', 'off', 'unknown'])
  .optional()
  .describe('on, off, or unknown (as absent), as the admin console shows it.');

const organisationFields = {
  id: factorId.describe(
    'Kebab-case id, unique among factors and outside accounts; its users name it (workspace, tenant).',
  ),
  name: text.optional().describe('Human name shown in reports.'),
  domain: factorId
    .optional()
    .describe(
      "The domain factor of its primary domain: the provider's way back for locked-out admins goes through its DNS.",
    ),
  verified: verified.optional(),
  notes: text.optional(),
};

const googleWorkspaceSchema = z
  .strictObject({
    provider: z.literal('google-workspace'),
    ...organisationFields,
    superAdmins: z
      .array(factorId)
      .optional()
      .describe(
        "Ids of its super admins' google accounts. Absent: unknown. []: the owner attests there is none.",
      ),
    superAdminSelfRecovery: organisationSetting.describe(
      'Whether super admins may recover their own accounts through their recovery phone or e-mail (Security > Authentication > Account recovery): on, off, or unknown.',
    ),
    twoStepEnforced: organisationSetting.describe(
      'Whether 2-Step Verification is enforced for its users: on, off, or unknown.',
    ),
  })
  .describe(
    'A Google Workspace organisation (not signed in to): administered by its super admins, who can reset its users.',
  );

const microsoftAccountSchema = z
  .strictObject({
    provider: z.literal('microsoft'),
    ...outsideSignInFields,
    tenant: factorId
      .optional()
      .describe(
        "The Entra tenant (a microsoft-entra entry) it is in: that tenant's Global Administrators can reset it.",
      ),
  })
  .describe('A Microsoft Entra ID work or school account (Microsoft 365).');

const microsoftEntraSchema = z
  .strictObject({
    provider: z.literal('microsoft-entra'),
    ...organisationFields,
    globalAdmins: z
      .array(factorId)
      .optional()
      .describe(
        "Ids of its Global Administrators' microsoft accounts. Absent: unknown. []: the owner attests there is none.",
      ),
    emergencyAccessAccounts: z
      .array(factorId)
      .optional()
      .describe(
        'Ids of its emergency access ("break glass") microsoft accounts. Absent: unknown. []: the owner attests there is none.',
      ),
  })
  .describe('A Microsoft Entra ID tenant (not signed in to): administered by its Global Administrators.');

// One member per provider, told apart by `provider`: each declares the facts its own recovery turns on.
export const outsideAccountSchema = z
  .discriminatedUnion(
    'provider',
    [
      googleAccountSchema,
      googleWorkspaceSchema,
      microsoftAccountSchema,
      microsoftEntraSchema,
      githubAccountSchema,
      githubOrganizationSchema,
      registrarAccountSchema,
      onePasswordAccountSchema,
      bitwardenAccountSchema,
      appleAccountSchema,
      otherOutsideAccountSchema,
    ],
    { error: `expected one of: ${outsideProviders.join(', ')}` },
  )
  .describe('An account at a provider outside AWS, with its own sign-in and recovery.');

/** A channel's name: the NAME `lockout watch --email/--slack/--webhook/--sns NAME` takes. */
export const channelNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

const channelBase = {
  name: z
    .string()
    .regex(channelNamePattern, {
      error: 'expected a channel name: letters, digits, - and _ (at most 40), as lockout watch takes it',
    })
    .describe('The name lockout watch --email/--slack/--webhook/--sns NAME gives this channel.'),
  dependsOn: z
    .array(factorOrAccountId)
    .optional()
    .describe('Factors or account ids the channel also needs to reach you (the phone the Slack app is on).'),
  verified: verified.optional(),
  notes: text.optional(),
};

/** Why a webhook URL written in the inventory is refused: what makes it a secret, or a Slack URL itself. */
function webhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'expected a URL, like https://alerts.example.net/lockout';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'expected an https URL';
  const secret =
    'is a secret: put the URL in the environment (LOCKOUT_WEBHOOK_<NAME>_URL), not the inventory';
  if (url.username !== '' || url.password !== '') return `a URL with credentials ${secret}`;
  if (url.search !== '') return `a URL with a query string (where tokens usually sit) ${secret}`;
  // A Slack incoming webhook's path is its key.
  if (url.hostname === 'hooks.slack.com') {
    return 'a Slack incoming webhook URL is a secret: declare a slack channel with its workspace, and put the URL in the environment';
  }
  return undefined;
}

const webhookUrl = z
  .string()
  .superRefine((value, context) => {
    const problem = webhookUrlProblem(value);
    // Never quoted back: a URL refused here may hold a token.
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  })
  .describe(
    "The receiver's URL, without credentials or a query string (those stay in the environment): its host's domain links the channel to the inventory's domains.",
  );

const snsTopicArn = z
  .string()
  .regex(/^arn:aws(?:-cn|-us-gov)?:sns:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/, {
    error: 'expected an SNS topic ARN, like arn:aws:sns:eu-west-1:111122223333:lockout-alerts',
  })
  .describe("The topic's ARN: the account holding it is read from it.");

export const emailChannelSchema = z
  .strictObject({
    ...channelBase,
    kind: z.literal('email'),
    address: emailAddress
      .optional()
      .describe(
        "Where alerts are sent; its domain links to the inventory's domains, and to a declared mailbox.",
      ),
    mailbox: factorId.optional().describe('The mailbox factor alerts land in.'),
  })
  .refine((channel) => channel.address !== undefined || channel.mailbox !== undefined, {
    error: 'name its address or its mailbox',
  })
  .describe('Alerts by e-mail over SMTP.');

export const slackChannelSchema = z
  .strictObject({
    ...channelBase,
    kind: z.literal('slack'),
    workspace: text.describe(
      'The Slack workspace (acme.slack.com); the incoming webhook URL is a secret and stays in the environment.',
    ),
    admin: factorId
      .optional()
      .describe('The person or mailbox factor that administers the workspace: it is lost with them.'),
  })
  .describe('Alerts to a Slack channel through an incoming webhook.');

export const webhookChannelSchema = z
  .strictObject({
    ...channelBase,
    kind: z.literal('webhook'),
    url: webhookUrl.optional(),
    hostedIn: accountId.optional().describe('The account of this inventory the receiver runs in, if any.'),
  })
  .describe('Alerts as signed JSON to a webhook.');

export const snsChannelSchema = z
  .strictObject({ ...channelBase, kind: z.literal('sns'), topic: snsTopicArn })
  .describe('Alerts published to an Amazon SNS topic.');

const channelKinds = ['email', 'slack', 'webhook', 'sns'] as const;

const alertChannelSchema = z.discriminatedUnion(
  'kind',
  [emailChannelSchema, slackChannelSchema, webhookChannelSchema, snsChannelSchema],
  { error: `expected kind: one of ${channelKinds.join(', ')}` },
);

const watchSchema = z
  .strictObject({
    channels: z
      .array(alertChannelSchema)
      .superRefine((channels, context) => {
        const seen = new Set<string>();
        channels.forEach((channel, index) => {
          if (seen.has(channel.name)) {
            context.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `channel name '${channel.name}' is given twice: lockout watch tells channels apart by name`,
            });
          }
          seen.add(channel.name);
        });
      })
      .optional()
      .describe('Where alerts go, each channel with what it depends on.'),
  })
  .describe(
    'What lockout watch alerts through: the model counts a channel that goes through a watched account as lost with it.',
  );

export const inventorySchema = z
  .strictObject({
    version: z.literal(1, { error: 'unsupported version: this Lockout reads version 1' }),
    owner: text.optional(),
    asOf: day.optional().describe('The day this declaration describes; defaults to today.'),
    factors: factorsSchema.optional(),
    accounts: z.array(accountSchema),
    outsideAccounts: z
      .array(outsideAccountSchema)
      .optional()
      .describe(
        'Accounts at providers outside AWS (a mail provider, a password manager): what they hold is lost with their sign-in.',
      ),
    watch: watchSchema.optional(),
  })
  .describe("Lockout inventory: the owner's declaration of factors and AWS accounts.");

// The domain types are written by hand for readers; this fails to compile if the schema drifts from them: a field
// added, dropped or typed differently on either side.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameKeys<A, B> = [A] extends [readonly (infer ItemA)[]]
  ? [B] extends [readonly (infer ItemB)[]]
    ? SameKeys<ItemA, ItemB>
    : false
  : [A] extends [object]
    ? Same<keyof A, keyof B> extends true
      ? false extends { [K in keyof A & keyof B]-?: SameKeys<NonNullable<A[K]>, NonNullable<B[K]>> }[keyof A &
          keyof B]
        ? false
        : true
      : false
    : true;
type Holds<T extends true> = T;
export type SchemaMatchesModel = [
  Holds<Same<z.output<typeof inventorySchema>, Inventory>>,
  Holds<SameKeys<z.output<typeof inventorySchema>, Inventory>>,
];
