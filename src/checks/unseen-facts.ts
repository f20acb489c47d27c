/**
 * What a live scan could not see, account by account and reason by reason, with the permission that would
 * show it: unknown is never counted as safe, so the owner must know exactly what stayed unknown.
 */
import type { AccountFacts, Fact, UnknownFact, UnknownReason } from '../providers/aws/scan/facts.js';
import { defineCheck, type FindingDraft, type Severity } from './check.js';
import { scanFinding, scannedAccounts, type ScannedAccount } from './scanned-accounts.js';
import { joinWords } from '../model/words.js';

type FactName = {
  [K in keyof AccountFacts]-?: AccountFacts[K] extends Fact<unknown> ? K : never;
}[keyof AccountFacts];

/** What each fact would have shown, in the owner's terms: why its absence matters. */
const shows: Readonly<Record<Exclude<FactName, 'reached'>, string>> = {
  rootMfaEnabled: 'whether root has MFA',
  rootAccessKeysPresent: 'whether root has access keys',
  rootCredentialReport: "root's row of the credential report (MFA, access keys, last sign-in)",
  rootVirtualMfaDevices: "root's virtual MFA devices",
  rootMfaDevices: "all of root's MFA devices, security keys included",
  contactInformation: 'the contact phone number AWS calls when root loses its MFA',
  alternateContacts: 'who besides root receives billing, operations and security mail',
  primaryEmail: "root's email address, the mailbox every recovery goes through",
  billingPrincipals: 'who besides root may change the payment method',
  recommendedActions: 'payment trouble AWS reports (expired or invalid card, payments due or past due)',
  domains: 'the domains registered in the account, which a suspension takes down',
  hostedZones: 'the DNS zones served from the account, which a suspension takes down',
  budgets: 'the budgets and who hears their alerts',
  billingAlarms: 'the billing alarms and who hears them',
};

const organizationFeatures = 'whether centralized root access is on for the Organization';

interface Unseen {
  shows: string;
  fact: UnknownFact;
}

/** Reasons in the order findings report them, with what they cost and what to do. */
const reasons: readonly {
  reason: UnknownReason;
  severity: Severity;
  /** Whether the API's own words help: they do when the reason alone does not say what to do. */
  quote: boolean;
  say: (items: string, actions: string) => string;
}[] = [
  {
    reason: 'access-denied',
    severity: 'medium',
    quote: false,
    say: (items, actions) =>
      `Not seen, access denied: ${items}. Allow ${actions} to the principal that scans (Lockout's least-privilege policy lists them); until then these stay unknown, and unknown is never counted as safe.`,
  },
  {
    reason: 'throttled',
    severity: 'medium',
    quote: false,
    say: (items) =>
      `Not seen, throttled past the retries: ${items}. Retry the scan, with fewer accounts at once; until then these stay unknown, and unknown is never counted as safe.`,
  },
  {
    reason: 'timeout',
    severity: 'medium',
    quote: false,
    say: (items) =>
      `Not seen, the requests timed out: ${items}. Retry the scan; until then these stay unknown, and unknown is never counted as safe.`,
  },
  {
    reason: 'connection-reset',
    severity: 'medium',
    quote: false,
    say: (items) =>
      `Not seen, the connection was reset before an answer came: ${items}. Retry the scan (a proxy or firewall may be cutting connections); until then these stay unknown, and unknown is never counted as safe.`,
  },
  {
    reason: 'malformed-answer',
    severity: 'medium',
    quote: true,
    say: (items) =>
      `Not seen, the answer was not one AWS gives (empty, a web page, or without the fields these facts need): ${items}. Check --endpoint-url and any proxy in between, then scan again; until then these stay unknown, and unknown is never counted as safe.`,
  },
  {
    reason: 'not-supported',
    severity: 'medium',
    quote: true,
    say: (items) =>
      `Not seen, the endpoint does not offer these APIs (AWS does; an emulator or a proxy in between may not): ${items}. Scan against AWS itself, or an endpoint that implements them; until then these stay unknown, and unknown is never counted as safe.`,
  },
  {
    reason: 'error',
    severity: 'medium',
    quote: true,
    say: (items) =>
      `Not seen, the API failed: ${items}. Retry the scan; until then these stay unknown, and unknown is never counted as safe.`,
  },
  {
    reason: 'not-available',
    severity: 'info',
    quote: true,
    say: (items) =>
      `Not visible through any API here: ${items}. Declare these in the inventory, with the day you verified them.`,
  },
];

export const unseenFacts = defineCheck({
  meta: {
    id: 'unseen-facts',
    severity: 'medium',
    title: 'A scan could not see some facts',
    why:
      'A fact the scan could not read is unknown, and Lockout never counts unknown as safe: a root without MFA, a ' +
      'card AWS reports expired or a phone number nobody answers can hide behind a missing permission. Knowing ' +
      'which facts stayed unknown, and which permission would show them, is what makes the rest of the report ' +
      'trustworthy.',
    fix:
      'Grant the principal that scans the missing read-only actions (the least-privilege policy Lockout ships ' +
      'lists every one), make sure the scan role exists in every member account, and scan again; declare in the ' +
      'inventory what no API shows.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html',
  },
  run(context) {
    const findings: FindingDraft[] = [];
    const organization = context.scan?.organization;
    for (const scanned of scannedAccounts(context)) {
      const { reached } = scanned.facts;
      if (reached.status === 'unknown') {
        findings.push(unreached(scanned, reached));
        continue;
      }
      const unseen = unseenOf(scanned.facts);
      // The Organization's features are read with the caller's credentials: they are the caller's to see.
      if (
        organization !== undefined &&
        scanned.facts.accountId === context.scan?.callerAccountId &&
        organization.enabledFeatures.status === 'unknown'
      ) {
        unseen.push({ shows: organizationFeatures, fact: organization.enabledFeatures });
      }
      for (const { reason, severity, quote, say } of reasons) {
        const byAction = groupByAction(
          unseen.filter((entry) => entry.fact.reason === reason),
          scanned,
        );
        if (byAction.length === 0) continue;
        const items = joinWords(
          byAction.map(
            ({ action, shown, messages }) =>
              `${joinWords(shown)} (${action}${quote ? `: ${messages.join('; ')}` : ''})`,
          ),
        );
        const actions = joinWords(byAction.map(({ action }) => action));
        findings.push(scanFinding(scanned, say(items, actions), { severity }));
      }
    }
    return findings;
  },
});

function unreached(scanned: ScannedAccount, reached: UnknownFact): FindingDraft {
  const next =
    reached.reason === 'access-denied'
      ? 'Make sure the scan role exists in this account and trusts the account that scans, then scan again.'
      : 'Scan again.';
  return scanFinding(
    scanned,
    `Nothing about this account was seen; nothing in it is marked safe. The scanner could not get in: ${reached.action} failed, ${reached.reason} (${ownIdSaid(reached.message, scanned)}). ${next}`,
    { severity: 'high' },
  );
}

function unseenOf(facts: AccountFacts): Unseen[] {
  const unseen: Unseen[] = [];
  for (const [name, description] of Object.entries(shows)) {
    const fact = facts[name as keyof typeof shows];
    if (fact.status === 'unknown') unseen.push({ shows: description, fact });
  }
  return unseen;
}

interface ActionGroup {
  action: string;
  /** What the facts behind the action would have shown. */
  shown: string[];
  /** What the API said, each message once. */
  messages: string[];
}

/** The unseen facts under the action that would have shown them, in the order they were met. */
function groupByAction(unseen: readonly Unseen[], scanned: ScannedAccount): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const { shows: shown, fact: said } of unseen) {
    const fact = { ...said, message: ownIdSaid(said.message, scanned) };
    let group = groups.get(fact.action);
    if (group === undefined) {
      group = { action: fact.action, shown: [], messages: [] };
      groups.set(fact.action, group);
    }
    group.shown.push(shown);
    if (!group.messages.includes(fact.message)) group.messages.push(fact.message);
  }
  return [...groups.values()];
}

/**
 * AWS's words with the account's own id said as "<this account>": a refusal names the member's role ARN, and
 * the same refusal in 5,000 members is then one message, which the report says once with the accounts.
 */
function ownIdSaid(message: string, { facts }: ScannedAccount): string {
  return message.replaceAll(facts.accountId, '<this account>');
}
