/**
 * The escalation when a recovery cannot beat the deadline, or there is none: a request to AWS Support for a
 * hold on suspension, ready to send — the account, what happened, why it cannot be paid now, the recovery under
 * way and its expected date, and the request to hold suspension until then.
 */

import type { Account, Day, Inventory } from '../model/inventory.js';
import { joinWords } from '../model/words.js';
import { canReplaceCard, principalsOf } from '../providers/aws/recovery-graph.js';
import type { IncidentPlan } from './plan.js';
import { AWS_TIME_ZONE, dayIn } from './time.js';

const supportFormName = "I'm an AWS customer and I'm looking for billing or account support";

/** Where to send the request: from a principal that may open support cases, or the public form. */
export function supportChannels(principals: readonly string[]): string {
  const signedIn =
    principals.length > 0
      ? `signed in as an IAM user or role allowed to open support cases (${principals.join(', ')}, if its permissions allow it)`
      : 'signed in as any IAM user or role allowed to open support cases';
  return (
    `Open a case under "Account and billing": ${signedIn}, or without signing in through the form ` +
    `"${supportFormName}" (linked from the AWS sign-in troubleshooting guide). If a lost-MFA case is open, add the request there too.`
  );
}

export interface HoldRequestInput {
  inventory: Inventory;
  /** The plan's day: the rules of that day say who may pay. */
  asOf: Day;
  plan: IncidentPlan;
  payer: Account;
  /** The last day (US Pacific) the hold should run to. */
  lastDay?: Day | undefined;
  /** The card that failed ("card ending 4242") and why it counts as lost ("revoked"). */
  failedCard?: { name: string; why?: string | undefined } | undefined;
}

export function holdRequest(input: HoldRequestInput): string {
  const { plan, payer } = input;
  const paragraphs: string[] = [];
  // "We cannot" only when that is known: a way back that needs a fact not declared may well be there.
  const subject =
    plan.way || plan.verdict === 'unknown-way-back'
      ? `AWS account ${payer.id}: please hold the suspension while we regain access to pay`
      : `AWS account ${payer.id}: please hold the suspension; we cannot regain access to pay`;

  const happened: string[] = [`Our AWS account ${payer.id} (${payer.name}) has an unpaid balance.`];
  const failure = plan.timeline.find((entry) => entry.what.startsWith('the charge'));
  const card = input.failedCard;
  if (failure)
    happened.push(`The charge to the card on file${card ? ` (${card.name})` : ''} failed on ${failure.day}.`);
  else if (card) {
    happened.push(
      `The charge to the card on file (${card.name}) fails${card.why && card.why !== 'lost' ? `: the card is ${card.why}` : ''}.`,
    );
  }
  const notices = plan.timeline.filter((entry) => !entry.expected && entry.what.includes('notice'));
  const warning = plan.timeline.find((entry) => entry.what === 'suspension warning');
  const received = [
    ...notices.map((entry) => `a "past due" notice on ${entry.day}`),
    ...(warning ? [`a suspension warning on ${warning.day}`] : []),
  ];
  if (received.length > 0) {
    const by =
      plan.deadline && !plan.deadline.estimated ? `, asking for payment by ${plan.deadline.day}` : '';
    happened.push(`We received ${received.join(' and ')}${by}.`);
  }
  paragraphs.push(happened.join(' '));

  // The letter tells AWS facts: what the inventory leaves unknown ("none declared") is not one.
  const lossOf = new Map(plan.losses.map((loss) => [loss.label, loss]));
  const known = (labels: readonly string[]): string[] =>
    labels.filter((label) => !(lossOf.get(label)?.why ?? '').startsWith('unknown'));
  const blocked: string[] = [];
  const pay = plan.situation.find((s) => s.capability === 'change-payment-method');
  const delegated = pay?.ways.find((way) => way.id === 'delegated');
  const payers = principalsOf(payer).filter((principal) => canReplaceCard(principal, input.asOf));
  const billingOff = delegated?.lostBecause.some((label) =>
    lossOf.get(label)?.id.endsWith('/billing-access-off'),
  );
  const delegatedReasons = delegated?.status === 'lost' ? known(delegated.lostBecause) : [];
  const otherPayers =
    delegatedReasons.length === 0
      ? undefined
      : billingOff || payers.length === 0
        ? 'Only the root user can change the payment method on this account: IAM access to billing is not activated'
        : `${joinWords(
            payers.map((principal) => principal.name),
            'and',
          )}, who may change the payment method, cannot sign in now (${delegatedReasons.map((label) => `${label}${lossPhrase(lossOf.get(label)?.why)}`).join('; ')})`;
  const root = plan.situation.find((s) => s.capability === 'root-sign-in');
  const lostRootWays = (root?.ways ?? [])
    .filter((way) => way.status === 'lost')
    .map((way) => ({ way, reasons: known(way.lostBecause) }))
    .filter(({ reasons }) => reasons.length > 0);
  if (lostRootWays.length > 0) {
    blocked.push(
      otherPayers ? `${otherPayers}, and we cannot sign in as root now.` : 'We cannot sign in as root now.',
    );
    for (const { way, reasons } of lostRootWays) {
      const phrases = reasons.map((label) => `${label}${lossPhrase(lossOf.get(label)?.why)}`);
      blocked.push(`${capitalize(way.short)}: ${phrases.join('; ')}.`);
    }
  } else if (otherPayers) {
    blocked.push(`${otherPayers}.`);
  }
  if (blocked.length > 0) paragraphs.push(blocked.join(' '));

  const tz = plan.timeZone;
  const ownerDay = (instant: Date): Day => dayIn(instant, tz);
  const awsDay = (instant: Date): Day => dayIn(instant, AWS_TIME_ZONE);
  if (plan.way && plan.finish) {
    const recovery: string[] = [];
    const notary = plan.steps.find((step) => step.id === 'notary-appointment');
    if (notary) {
      recovery.push(
        'We are regaining root access through the MFA identity verification process (a notarized affidavit, photo ID and proof of address).',
        notary.booked
          ? `The notary appointment is booked for ${ownerDay(notary.start)}, and we will submit the documents to you the same day.`
          : `We expect the notary appointment around ${ownerDay(notary.start)} and will submit the documents to you the same day.`,
      );
      const removed = plan.steps.find((step) => step.id === 'mfa-removed');
      if (removed) recovery.push(`We expect MFA to be removed around ${awsDay(removed.end)}.`);
    } else {
      recovery.push(`We are regaining access to pay: ${plan.way}.`);
    }
    recovery.push(
      `We will add a new card and pay the full balance as soon as we can sign in: we expect to pay on ${awsDay(plan.finish.typical)}, ` +
        `and at the latest by ${awsDay(plan.finish.worst)} (US Pacific).`,
    );
    paragraphs.push(recovery.join(' '));
    const until = input.lastDay ?? awsDay(plan.finish.worst);
    const workloads = plan.workloads.slice(0, 3);
    paragraphs.push(
      `Please hold the suspension of account ${payer.id} until ${until} (US Pacific), so that it stays active while the recovery completes` +
        (workloads.length > 0 ? `: a suspension would take down ${workloads.join('; ')}` : '') +
        '. We will confirm on this case as soon as the balance is paid.',
    );
  } else if (plan.verdict === 'unknown-way-back') {
    paragraphs.push(
      'We are checking which way to regain access we can complete, and will confirm on this case when we know. ' +
        `Please hold the suspension of account ${payer.id} meanwhile, so that we can sign in and pay the balance in full.`,
    );
  } else {
    paragraphs.push(
      'We have found no way to regain access that we can complete ourselves. ' +
        `Please hold the suspension of account ${payer.id} and tell us which verification you can accept, so that we can ` +
        'sign in and pay the balance in full.',
    );
  }
  const owner = input.inventory.owner;
  return [
    `Subject: ${subject}`,
    '',
    'Hello AWS Support,',
    '',
    paragraphs.join('\n\n'),
    '',
    'Thank you,',
    owner ?? '',
  ]
    .join('\n')
    .trimEnd();
}

/** How a loss reads after the factor's name: "is lost", "has expired (2024-11)". */
function lossPhrase(why: string | undefined): string {
  if (why === undefined) return '';
  if (why === 'declared lost' || why === 'reported lost') return ' is lost';
  if (why === 'declared outdated') return ' is out of date (no longer ours)';
  if (why === 'revoked') return ' is revoked';
  if (why.startsWith('expired ')) return ` has expired (${why.slice('expired '.length)})`;
  return '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
