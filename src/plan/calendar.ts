/**
 * What is coming, as a calendar (ICS): card expiries with reminders 60, 30 and 7 days before the end of the
 * expiry month; domain expiries, Route 53 auto-renewals and manual-renewal reminders; identity documents to
 * renew; and drills every N months to verify each root MFA device and each contact phone number. Events are
 * all-day, with stable UIDs (the same item keeps its UID when its date moves, so re-importing updates instead
 * of duplicating), and descriptions that say what to do and link the AWS docs.
 */

import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventRepeatingFreq } from 'ical-generator';
import { addDays, daysBetween, lastDayOfMonth } from '../checks/dates.js';
import { idOf, keyedBy } from '../model/keyed-lists.js';
import { factorLossState } from '../model/factor-state.js';
import { counted, firstNamed, joinWords } from '../model/words.js';
import { explainLoss } from '../analysis/explain.js';
import { factorLostGate } from '../recovery/builder.js';
import { isUnknownLoss } from '../recovery/unknown.js';
import { buildRecoveryGraph, untilDeadline } from '../providers/aws/recovery-graph.js';
import {
  type Factor,
  factorLabel,
  listFactors,
  namedWithLabel,
  type Account,
  type Day,
  type Inventory,
} from '../model/inventory.js';
import { factorRestore, rules } from '../providers/aws/provider-model.js';
import { daysUntilDomainGone, registrarFactsOf } from '../providers/registrar/provider-model.js';
import { safeText, withSafeText } from '../report/safe-text.js';

export type CalendarItemKind =
  | 'card-reminder'
  | 'card-expiry'
  | 'domain-reminder'
  | 'domain-auto-renew'
  | 'domain-expiry'
  | 'domain-released'
  | 'document-reminder'
  | 'document-expiry'
  | 'mfa-drill'
  | 'mfa-replace'
  | 'contact-phone-drill'
  | 'contact-phone-update';

export interface CalendarItem {
  /** Stable across runs and date changes: kind, factor and the inventory's namespace. */
  uid: string;
  kind: CalendarItemKind;
  day: Day;
  summary: string;
  description: string;
  url: string;
  /** Repeats every this many months (drills). */
  repeatMonths?: number | undefined;
  /** The factor the item is about; for drills done together, the first of them (its UID is theirs). */
  factorId: string;
  /** Every factor the item is about, `factorId` first: more than one for drills done together. */
  factorIds: readonly string[];
}

/** A drill of one root MFA device or contact phone number, before the drills done together are grouped. */
interface Drill {
  id: string;
  /** As the calendar names it: the device's labels, the phone's number. */
  name: string;
  day: Day;
  /** Who keeps it and where: drills due the same day by the same person in the same place are one event. */
  holder: string | undefined;
  location: string | undefined;
  /** Seen (by a scan) but not confirmed by the owner: the drill is to confirm it. */
  unconfirmed: boolean;
  /** Known lost now, and why: the device is to be replaced, not drilled. */
  lostBecause?: string | undefined;
  accounts: Account[];
}

export interface CalendarOptions {
  /** Today: items before it are left out (a drill that is overdue falls on today). */
  asOf: Day;
  /** Months between drills. */
  drillMonths?: number | undefined;
  /** DTSTAMP of the events (default: now). */
  stamp?: Date | undefined;
}

/** Reminders before the last valid day of a card. */
export const cardReminderDays = [60, 30, 7] as const;
/** Reminders before a domain expires when it does not renew itself. */
export const domainReminderDays = [60, 30, 7] as const;
/** Route 53 renews this many days before expiry (30 for the TLDs below, whose registries allow no earlier). */
export const route53RenewDaysBefore = 35;
const route53RenewLateTlds = ['.jp', '.com.br', '.com.ar'];
export const DEFAULT_DRILL_MONTHS = 6;
/** What a drill of something seen but not confirmed (`state: unknown`) says first, and asks to write after. */
const UNCONFIRMED =
  'Nobody has confirmed this yet (`state: unknown`): until you do, Lockout counts it as lost, though it is not known to be gone. ';
const CONFIRMED_STATE = ', with `state: ok` and who holds it (or `state: lost` if it is gone)';
/** How many accounts, devices or numbers an event names; the rest it counts (an Organization has thousands). */
const NAMED_IN_FULL = 20;

const docs = {
  cards: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-cc.html',
  domainRenew: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-renew.html',
  contact: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
  mfa: rules.rootSignIn.docs,
  identity: rules.identityVerification.docs,
  centralRoot: rules.centralizedRootAccess.docs,
};

/** Everything the calendar holds, by day. */
export function calendarItems(inventory: Inventory, options: CalendarOptions): CalendarItem[] {
  const asOf = options.asOf;
  const months = options.drillMonths ?? DEFAULT_DRILL_MONTHS;
  if (!Number.isInteger(months) || months < 1)
    throw new Error(`drill months must be a whole number ≥ 1, got ${months}`);
  const namespace = inventoryNamespace(inventory);
  const uid = (kind: string, id: string): string => `${kind}.${id}.${namespace}@lockout`;
  const items: CalendarItem[] = [];
  const add = (
    item: Omit<CalendarItem, 'uid' | 'factorIds'> & { uidKind?: string; factorIds?: readonly string[] },
  ): void => {
    if (item.day < asOf) return;
    const { uidKind, factorIds, ...rest } = item;
    items.push({
      uid: uid(uidKind ?? item.kind, item.factorId),
      factorIds: factorIds ?? [item.factorId],
      ...rest,
    });
  };
  const factors = listFactors(inventory);
  const byId = new Map(factors.map((factor) => [factor.id, factor]));
  // The owner's own calendar names a phone by its number: the drill is to check that number.
  const label = (id: string): string => {
    const factor = byId.get(id);
    if (factor?.type === 'phone-number' && factor.number !== undefined)
      return namedWithLabel(factor.number, factor);
    return factor ? factorLabel(factor) : id;
  };
  // The last day a domain not renewed can still be got back, by its registrar's grace and redemption (issue 16).
  const awsAccounts = new Map(inventory.accounts.map((account) => [account.id, account]));
  const outsideAccounts = new Map((inventory.outsideAccounts ?? []).map((account) => [account.id, account]));
  const addDomainReleased = (id: string, name: string, expiry: Day, registrar: string): void => {
    const facts = registrarFactsOf(registrar, awsAccounts, outsideAccounts);
    const gone = daysUntilDomainGone(facts);
    const grace = facts.renewalGraceDays ?? 0;
    const figures =
      gone.basis === 'registrar'
        ? `At ${facts.name} it can be ${grace > 0 ? `renewed late until ${addDays(expiry, grace)} and ` : ''}restored from redemption (at a fee) until today`
        : `${facts.name}'s own figures are unknown: by ICANN's floor it may be deleted at expiry and restored from redemption (at a fee) until today`;
    add({
      kind: 'domain-released',
      factorId: id,
      day: addDays(expiry, gone.days),
      summary: `Last day to get ${name} back if it was not renewed`,
      description:
        `If ${name} was not renewed when it expired (${expiry}): ${figures}; after that it is released and anyone can register it, ` +
        `with the mail on it.\n\nDocs: ${facts.docs}`,
      url: facts.docs,
    });
  };
  const accountsNamed = (accounts: readonly Account[]): string =>
    firstNamed(
      accounts.map((account) => `${account.name} (${account.id})`),
      NAMED_IN_FULL,
      counted,
    );
  // " — Dana (cloud admin 1), Safe in the Tokyo office": who does a drill of many, and where.
  const keptBy = (drill: Drill): string => {
    const keeper = [drill.holder, drill.location].flatMap((id) => (id === undefined ? [] : [label(id)]));
    return keeper.length === 0 ? '' : ` — ${keeper.join(', ')}`;
  };

  // What is known lost now, with what it depends on (the place it is kept in, its holder), is replaced, not
  // drilled. What is only counted as lost, because nobody has confirmed it (`lockout init` writes what a scan saw
  // so), is not known to be gone: the calendar asks to confirm it today and keeps its expiries.
  const knownLost = knownLossesNow(inventory, asOf);
  const gone = (factor: Factor | undefined): string | undefined =>
    factor === undefined ? undefined : knownLost(factor);

  for (const factor of factors) {
    if (gone(factor) !== undefined) continue;
    switch (factor.type) {
      case 'card': {
        const lastDay = lastDayOfMonth(factor.expires);
        const users = inventory.accounts.filter((account) => account.payment?.cards?.includes(factor.id));
        const where =
          users.length > 0
            ? `It is on file for ${accountsNamed(users)}.`
            : 'It is not on file in any account of the inventory.';
        const name = `card ending ${factor.lastFour}`;
        const what =
          'Add the renewed card (or another one) in Billing and Cost Management → Payment preferences, make it the default, ' +
          'and remove the old one; then update the card in the inventory (expires, verified). A charge to an expired card fails, ' +
          'and a failed charge starts the road to suspension.';
        for (const days of cardReminderDays) {
          add({
            kind: 'card-reminder',
            uidKind: `card-reminder-${days}d`,
            factorId: factor.id,
            day: addDays(lastDay, -days),
            summary: `Replace the ${name} in AWS: it expires in ${days} days`,
            description: `The ${namedWithLabel(name, factor)} is valid through ${lastDay}. ${where}\n\n${what}\n\nDocs: ${docs.cards}`,
            url: docs.cards,
          });
        }
        add({
          kind: 'card-expiry',
          factorId: factor.id,
          day: lastDay,
          summary: `Last day of the ${name}`,
          description: `The ${namedWithLabel(name, factor)} stops working after today. ${where}\n\n${what}\n\nDocs: ${docs.cards}`,
          url: docs.cards,
        });
        break;
      }
      case 'domain': {
        if (factor.expires === undefined) break;
        const registrar = keyedBy(inventory.accounts, idOf).first(factor.registrar);
        const expiry = factor.expires;
        if (factor.autoRenew && registrar) {
          const before = route53RenewLateTlds.some((tld) => factor.name.endsWith(tld))
            ? 30
            : route53RenewDaysBefore;
          add({
            kind: 'domain-auto-renew',
            factorId: factor.id,
            day: addDays(expiry, -before),
            summary: `Route 53 auto-renews ${factor.name} today`,
            description:
              `Route 53 renews ${factor.name} ${before} days before it expires (${expiry}) and charges ${registrar.name} (${registrar.id}). ` +
              'Check today that the account is in good standing and its card is valid, and that the renewal mail arrives; ' +
              'a suspended account or a failed charge leaves the domain to expire.\n\n' +
              `Docs: ${docs.domainRenew}`,
            url: docs.domainRenew,
          });
        } else if (factor.autoRenew) {
          add({
            kind: 'domain-reminder',
            uidKind: 'domain-reminder-30d',
            factorId: factor.id,
            day: addDays(expiry, -30),
            summary: `Check that ${factor.registrar} has renewed ${factor.name}`,
            description:
              `${factor.name} expires on ${expiry} and renews automatically at ${factor.registrar}. Check that the renewal went ` +
              'through and the payment method there is valid.',
            url: docs.domainRenew,
          });
        } else {
          for (const days of domainReminderDays) {
            add({
              kind: 'domain-reminder',
              uidKind: `domain-reminder-${days}d`,
              factorId: factor.id,
              day: addDays(expiry, -days),
              summary: `Renew ${factor.name}: it expires in ${days} days`,
              description:
                `${factor.name} expires on ${expiry} and does not renew automatically. Renew it ` +
                `${registrar ? `in Route 53 (account ${registrar.name}), or turn on automatic renewal` : `at ${factor.registrar}`}.` +
                `\n\nDocs: ${docs.domainRenew}`,
              url: docs.domainRenew,
            });
          }
        }
        add({
          kind: 'domain-expiry',
          factorId: factor.id,
          day: expiry,
          summary: `${factor.name} expires`,
          description:
            `${namedWithLabel(factor.name, factor)} expires today unless renewed. Everything under it (mail, sites, ` +
            `a root email address on it) stops.\n\nDocs: ${docs.domainRenew}`,
          url: docs.domainRenew,
        });
        addDomainReleased(factor.id, factor.name, expiry, factor.registrar);
        break;
      }
      case 'identity-document': {
        if (factor.expires === undefined) break;
        const renewDays = Math.round(factorRestore['identity-document'].duration.max / 24) + 30;
        const name = factorLabel(factor);
        const why =
          "A valid photo ID is what AWS's identity verification needs when root's MFA is lost and the alternative factors fail.";
        add({
          kind: 'document-reminder',
          factorId: factor.id,
          day: addDays(factor.expires, -renewDays),
          summary: `Renew ${name}: it expires in ${renewDays} days`,
          description:
            `${name} expires on ${factor.expires}; renewing takes up to ${Math.round(factorRestore['identity-document'].duration.max / 24)} days. ` +
            `${why} Update the inventory afterwards.\n\nDocs: ${docs.identity}`,
          url: docs.identity,
        });
        add({
          kind: 'document-expiry',
          factorId: factor.id,
          day: factor.expires,
          summary: `${name} expires`,
          description: `${name} is no longer valid after today. ${why}\n\nDocs: ${docs.identity}`,
          url: docs.identity,
        });
        break;
      }
      default:
        break;
    }
  }

  // Drills: each root MFA device, each contact phone number, every `months` months.
  const mfaHolders = new Map<
    string,
    { accounts: Account[]; verified: Day | undefined; labels: Set<string> }
  >();
  const phones = new Map<string, Account[]>();
  for (const account of inventory.accounts) {
    for (const device of account.root?.mfa ?? []) {
      const entry = mfaHolders.get(device.heldBy) ?? { accounts: [], verified: undefined, labels: new Set() };
      if (entry.accounts.at(-1) !== account) entry.accounts.push(account);
      entry.verified = latest(entry.verified, device.verified);
      if (device.label) entry.labels.add(device.label);
      mfaHolders.set(device.heldBy, entry);
    }
    if (account.contactPhone) {
      const users = phones.get(account.contactPhone);
      if (users) users.push(account);
      else phones.set(account.contactPhone, [account]);
    }
  }
  const firstDrill = (verified: Day | undefined): Day => {
    const due = verified === undefined ? asOf : addMonths(verified, months);
    return repeatableDay(due < asOf ? asOf : due, asOf);
  };
  const unconfirmed = (factor: Factor | undefined): boolean => factor?.state === 'unknown';
  const mfaDrills: Drill[] = [];
  const lostDevices: Drill[] = [];
  for (const [id, entry] of mfaHolders) {
    const factor = byId.get(id);
    const name = entry.labels.size > 0 ? [...entry.labels].join(' / ') : label(id);
    const reason = gone(factor);
    (reason === undefined ? mfaDrills : lostDevices).push({
      id,
      name,
      // What is lost is replaced today; what is unconfirmed is confirmed as soon as a drill can start.
      day:
        reason !== undefined
          ? asOf
          : firstDrill(unconfirmed(factor) ? undefined : latest(entry.verified, factor?.verified)),
      unconfirmed: unconfirmed(factor),
      ...keeperOf(factor),
      accounts: entry.accounts,
      lostBecause: reason,
    });
  }
  // A safe lost takes every key in it: one event for those a person kept there, as for their drills.
  for (const lost of drillsTogether(lostDevices)) {
    const [one, ...others] = lost;
    if (one === undefined) continue;
    const what =
      others.length === 0
        ? `${label(one.id)} holds root MFA for ${accountsNamed(one.accounts)} and is ${one.lostBecause}.`
        : `These root MFA devices are ${one.lostBecause}: ${firstNamed(lost.map(withAccounts), NAMED_IN_FULL, counted)}.`;
    add({
      kind: 'mfa-replace',
      factorId: one.id,
      factorIds: lost.map((device) => device.id),
      day: asOf,
      summary:
        others.length === 0
          ? `Replace a lost root MFA device (${one.name})`
          : `Replace ${counted(lost.length)} lost root MFA devices${keptBy(one)}`,
      description:
        `${what} ` +
        'Sign in as root while another way still works and register new MFA devices (at least two, kept apart), then ' +
        `remove the lost ${others.length === 0 ? 'one' : 'ones'} and update the inventory.\n\nDocs: ${docs.mfa}`,
      url: docs.mfa,
    });
  }
  for (const drill of drillsTogether(mfaDrills)) {
    const [one, ...others] = drill;
    if (one === undefined) continue;
    const together = others.length > 0;
    const confirm = one.unconfirmed ? UNCONFIRMED : '';
    if (!together) {
      add({
        kind: 'mfa-drill',
        factorId: one.id,
        day: one.day,
        repeatMonths: months,
        summary: one.unconfirmed
          ? `Confirm the root MFA device ${one.name}`
          : `Drill: sign in as root with ${one.name}`,
        description:
          confirm +
          `Sign in as root of ${accountsNamed(one.accounts)} using ${one.name} (${label(one.id)}), one account at a time. If it fails, register a new ` +
          'MFA device now, while the other ways still work, rather than on the day root is needed. Then set `verified` ' +
          `to today for this device in the inventory${one.unconfirmed ? CONFIRMED_STATE : ''}.\n\nDocs: ${docs.mfa}`,
        url: docs.mfa,
      });
      continue;
    }
    const devices = firstNamed(drill.map(withAccounts), NAMED_IN_FULL, counted);
    add({
      kind: 'mfa-drill',
      factorId: one.id,
      factorIds: drill.map((device) => device.id),
      day: one.day,
      repeatMonths: months,
      summary: one.unconfirmed
        ? `Confirm ${counted(drill.length)} root MFA devices${keptBy(one)}`
        : `Drill: sign in as root with ${counted(drill.length)} MFA devices${keptBy(one)}`,
      description:
        confirm +
        `Sign in as root with each of these devices, one account at a time: ${devices}. If one fails, register a new ` +
        'MFA device for its account now, while the other ways still work, rather than on the day root is needed. Then set ' +
        `\`verified\` to today for each device drilled in the inventory${one.unconfirmed ? CONFIRMED_STATE : ''}.` +
        (drill.length > NAMED_IN_FULL
          ? ` So many sign-ins may not fit in one day: spread them over the ${months} months before the next drill, or ` +
            "let the Organization's centralized root access manage the member accounts' root credentials: it can delete them, leaving no root MFA to drill " +
            `(${docs.centralRoot}).`
          : '') +
        `\n\nDocs: ${docs.mfa}`,
      url: docs.mfa,
    });
  }
  const phoneDrills: Drill[] = [];
  for (const [id, accounts] of phones) {
    const factor = byId.get(id);
    const reason = gone(factor);
    if (reason !== undefined) {
      add({
        kind: 'contact-phone-update',
        factorId: id,
        day: asOf,
        summary: `Update the contact phone number of ${firstNamed(
          accounts.map((account) => account.name),
          NAMED_IN_FULL,
          counted,
        )}`,
        description:
          `${label(id)} is ${reason}, yet it is the contact number of ${accountsNamed(accounts)}: the ` +
          'number AWS calls when root signs in with alternative factors. Replace it in Account → Contact information with ' +
          `a number you hold, then update the inventory.\n\nDocs: ${docs.contact}`,
        url: docs.contact,
      });
      continue;
    }
    phoneDrills.push({
      id,
      name: label(id),
      day: firstDrill(unconfirmed(factor) ? undefined : factor?.verified),
      unconfirmed: unconfirmed(factor),
      ...keeperOf(factor),
      accounts,
    });
  }
  for (const drill of drillsTogether(phoneDrills)) {
    const [one, ...others] = drill;
    if (one === undefined) continue;
    const together = others.length > 0;
    add({
      kind: 'contact-phone-drill',
      factorId: one.id,
      factorIds: drill.map((phone) => phone.id),
      day: one.day,
      repeatMonths: months,
      summary: `${one.unconfirmed ? 'Confirm' : 'Drill: check'} ${
        together
          ? `${counted(drill.length)} contact phone numbers${keptBy(one)}`
          : `the contact phone number ${one.name}`
      }`,
      description:
        (one.unconfirmed ? UNCONFIRMED : '') +
        (together
          ? `In Account → Contact information of each account, check that its phone number is the one named here and call it: ` +
            `${firstNamed(drill.map(withAccounts), NAMED_IN_FULL, counted)}. Each must `
          : `In Account → Contact information of ${accountsNamed(one.accounts)}, check that the phone number is ${one.name} and call it: it must `) +
        'still reach you, because AWS calls it when root signs in with alternative factors (MFA lost). Then set `verified` ' +
        `to today in the inventory${one.unconfirmed ? CONFIRMED_STATE : ''}.\n\nDocs: ${docs.contact}`,
      url: docs.contact,
    });
  }
  return items.sort((a, b) => a.day.localeCompare(b.day) || a.uid.localeCompare(b.uid));
}

/** The calendar as ICS text. */
export function buildCalendar(
  inventory: Inventory,
  options: CalendarOptions,
  found: readonly CalendarItem[] = calendarItems(inventory, options),
): string {
  // Labels and names come from the inventory; the calendar may go to a terminal, and no calendar wants them.
  const items = withSafeText(found);
  const stamp = options.stamp ?? new Date();
  const calendar = ical({
    name: `Lockout${inventory.owner ? ` — ${safeText(inventory.owner)}` : ''}`,
    description:
      'Card and domain expiries, documents to renew, and drills for the root MFA devices and contact phones.',
    prodId: { company: 'lockout', product: 'lockout', language: 'EN' },
  });
  calendar.method(ICalCalendarMethod.PUBLISH);
  for (const item of items) {
    const start = dayDate(item.day);
    calendar.createEvent({
      id: item.uid,
      start,
      end: dayDate(addDays(item.day, 1)),
      allDay: true,
      stamp,
      summary: item.summary,
      description: item.description,
      url: item.url,
      categories: [{ name: 'Lockout' }, { name: item.kind }],
      repeating: item.repeatMonths
        ? { freq: ICalEventRepeatingFreq.MONTHLY, interval: item.repeatMonths }
        : undefined,
    });
  }
  return calendar.toString();
}

/** A short hash of what identifies the inventory (owner and account ids), so two inventories' UIDs never clash. */
export function inventoryNamespace(inventory: Inventory): string {
  const key = [inventory.owner ?? '', ...inventory.accounts.map((account) => account.id).sort()].join('\n');
  return createHash('sha256').update(key).digest('hex').slice(0, 10);
}

function dayDate(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The same day `months` later (clamped to the month's last day). */
export function addMonths(day: Day, months: number): Day {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, last));
  return target.toISOString().slice(0, 10);
}

/**
 * Drills repeat monthly on their day of the month, and a monthly repeat skips the months without it: a day after
 * the 28th moves back to the 28th, or, when that is before today, on to the 1st of the next month.
 */
function repeatableDay(day: Day, asOf: Day): Day {
  const date = Number(day.slice(8, 10));
  if (date <= 28) return day;
  const back = addDays(day, 28 - date);
  return back >= asOf ? back : addDays(lastDayOfMonth(day.slice(0, 7)), 1);
}

/**
 * Why a factor is known lost now, as the recovery graph has it (with the place it is kept in, its holder and what
 * it depends on), counting only what is known: undefined when it holds, or is lost only because of an unknown.
 */
function knownLossesNow(inventory: Inventory, asOf: Day): (factor: Factor) => string | undefined {
  const recovery = buildRecoveryGraph(inventory, asOf, untilDeadline(asOf, undefined));
  const { graph, events } = recovery;
  const known = (index: number): boolean =>
    graph.events[index]!.lost && !isUnknownLoss(events.get(graph.events[index]!.name));
  const because = (name: string): string => events.get(name)?.lostBecause ?? 'lost';
  return (factor) => {
    const event = graph.findEvent(factor.id);
    // Not in the graph (nothing needs it): its own state is all there is.
    if (event === undefined) {
      const own = factorLossState(factor, asOf);
      return own.lost && factor.state !== 'unknown' ? (own.reason ?? 'lost') : undefined;
    }
    const gate = factorLostGate(factor.id);
    const names = graph.findGate(gate)
      ? explainLoss(graph, gate, known)
      : known(event.index)
        ? [factor.id]
        : [];
    if (names.length === 0) return undefined;
    if (names.length === 1 && names[0] === factor.id) return because(factor.id);
    return `lost with ${joinWords(names.map((name) => `${events.get(name)?.label ?? name} (${because(name)})`))}`;
  };
}

/** "key-0007 (member-0007)": a drill of many names each factor with its first few accounts. */
function withAccounts(drill: Drill): string {
  return `${drill.name} (${firstNamed(
    drill.accounts.map((account) => account.name),
    3,
    counted,
  )})`;
}

/** Who keeps a factor and where, as the inventory says. */
function keeperOf(factor: Factor | undefined): Pick<Drill, 'holder' | 'location'> {
  return {
    holder: factor !== undefined && 'holder' in factor ? factor.holder : undefined,
    location: factor !== undefined && 'location' in factor ? factor.location : undefined,
  };
}

/** Drills due the same day, by the same person in the same place, each group in the order of its factors' ids. */
function drillsTogether(drills: readonly Drill[]): Drill[][] {
  const groups = new Map<string, Drill[]>();
  for (const drill of drills) {
    const key = `${drill.day}\u0000${drill.holder ?? ''}\u0000${drill.location ?? ''}\u0000${drill.unconfirmed}\u0000${drill.lostBecause ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(drill);
    else groups.set(key, [drill]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.id.localeCompare(b.id)));
}

function latest(a: Day | undefined, b: Day | undefined): Day | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return daysBetween(a, b) > 0 ? b : a;
}
