/**
 * Incident plans: for something that has happened (a card failed, a device or number lost, notices received,
 * a suspension deadline), the fastest recovery the analysis finds, laid out as dated steps with their
 * durations, costs, critical path and slack to the deadline. AWS acts on US time: its reviews run in US
 * Pacific business days and "unless paid by 06/30" ends at the end of that day there. A plan that ends after
 * the deadline, or that has no way back at all, says so first and gives the escalation: ask AWS Support for a
 * hold on suspension now, with the request ready to send.
 */

import { explainLoss } from '../analysis/explain.js';
import type { TopStatus } from '../analysis/analyze.js';
import type { DurationRange } from '../analysis/graph.js';
import { listFactors, type Account, type Day, type Inventory } from '../model/inventory.js';
import { analyzeRecoveryGraph, type CapabilityId } from '../providers/aws/analysis.js';
import { dunning } from '../providers/aws/provider-model.js';
import {
  buildRecoveryGraph,
  capabilityGate,
  factorLostGate,
  payerOf,
  type RecoveryGraph,
} from '../providers/aws/recovery-graph.js';
import { pendingEvents, TimedRecovery } from '../analysis/timed-recovery.js';
import { GraphAnalysis } from '../analysis/analyze.js';
import { holdRequest, supportChannels } from './escalation.js';
import { counted, firstNamed, joinWords } from '../model/words.js';
import { closestNames } from '../inventory/suggestions.js';
import { isUnknownLoss, unknownEvents } from '../recovery/unknown.js';
import type { Holiday } from './holidays.js';
import { criticalPath, schedule, type Schedule, type Scenario, type StepTiming } from './schedule.js';
import {
  GOAL_STEP,
  recoverySteps,
  repairSteps,
  type Money,
  type StepContext,
  type StepPhase,
  type StepSpec,
} from './steps.js';
import {
  AWS_TIME_ZONE,
  addHours,
  awsDeadline,
  dayIn,
  formatInstant,
  holidaysBetween,
  hoursBetween,
  nextDay,
  zoneAbbreviation,
} from './time.js';

export type NoticeKind = 'past-due' | 'suspension';

export interface Notice {
  kind: NoticeKind;
  day: Day;
}

export interface PlanRequest {
  inventory: Inventory;
  /** The account in trouble; default: the only account, or the one whose card failed or was lost. */
  accountId?: string | undefined;
  /** When the plan starts. */
  now: Date;
  /** The owner's time zone (IANA), for the owner's steps and the display. */
  timeZone: string;
  /** The day the charge failed; the account's default card counts as lost. */
  cardFailed?: Day | undefined;
  /** Factors lost since the inventory was written (a phone, a number, a card). */
  lost?: readonly string[] | undefined;
  notices?: readonly Notice[] | undefined;
  /** "Unless paid by DAY": read as the end of that day, US Pacific. */
  deadline?: Day | undefined;
  /** Appointments already booked. */
  booked?: { notary?: Date | undefined } | undefined;
}

/** A mistake in what the plan was asked about (an unknown account or factor). */
export class PlanError extends Error {
  override readonly name = 'PlanError';
  constructor(
    message: string,
    readonly hint?: string,
    /** What the request left to choose, for a caller to say how it is chosen there (`--account`). */
    readonly choose?: 'account',
  ) {
    super(message);
  }
}

/**
 * `unknown-way-back`: no way back can be counted, but only because a fact it needs is unknown (not declared):
 * not an emergency known to be one, a question to answer first.
 */
export type PlanVerdict = 'fits' | 'at-risk' | 'late' | 'no-way-back' | 'unknown-way-back' | 'no-deadline';

export interface PlanDeadline {
  /** The day of the notice ("unless paid by"), or the estimated one. */
  day: Day;
  /** The end of that day, US Pacific. */
  at: Date;
  estimated: boolean;
  /** How the deadline was read or estimated. */
  basis: string;
}

export interface TimelineEntry {
  day: Day;
  what: string;
  /** Expected from the dunning timeline, not known. */
  expected: boolean;
}

export interface PlanStep {
  id: string;
  title: string;
  detail: string;
  who: 'you' | 'aws';
  phase: StepPhase;
  after: string[];
  /** Typical start and end. */
  start: Date;
  end: Date;
  /** End in the best and worst cases. */
  bestEnd: Date;
  worstEnd: Date;
  /** The duration, in words ("2–5 business days, typically 3 (US Pacific)"). */
  duration: string;
  timing: StepTiming;
  cost?: Money | undefined;
  /** On the critical path to the payment (typical case). */
  critical: boolean;
  booked: boolean;
  /** Done by AWS on US time. */
  awsSide: boolean;
  /** Typically ends after the deadline. */
  afterDeadline: boolean;
  docs?: string | undefined;
  source: string;
}

export interface WaySituation {
  id: string;
  short: string;
  label: string;
  status: TopStatus;
  /** For a lost way: the losses that take it. */
  lostBecause: string[];
}

export interface CapabilitySituation {
  capability: CapabilityId;
  label: string;
  status: TopStatus;
  ways: WaySituation[];
}

export interface Escalation {
  /** Shown before everything else (the plan is late, or there is no way back). */
  first: boolean;
  why: string;
  /** Where to send the request. */
  where: string;
  request: string;
  /** Until when to ask for the hold (US Pacific day). */
  holdUntil?: Day | undefined;
  docs: string[];
}

export interface IncidentPlan {
  account: { id: string; name: string };
  /** The account that pays (the management account for a member paid through it). */
  payer: { id: string; name: string };
  now: Date;
  timeZone: string;
  awsTimeZone: string;
  verdict: PlanVerdict;
  headline: string;
  deadline?: PlanDeadline | undefined;
  timeline: TimelineEntry[];
  /** What counts as lost now, and why; `unknown` for what counts as lost only because Lockout cannot see it. */
  losses: { id: string; label: string; why: string; unknown: boolean }[];
  situation: CapabilitySituation[];
  /** The way back, in a sentence. */
  way?: string | undefined;
  /** For `unknown-way-back`: the facts Lockout cannot see that every way back needs. */
  unknownFacts?: string[] | undefined;
  steps: PlanStep[];
  /** When the balance is paid, in each scenario. */
  finish?: Record<Scenario, Date> | undefined;
  /** Hours from the payment to the deadline (negative: late), in each scenario. */
  slack?: Record<Scenario, number> | undefined;
  cost: Money[];
  escalation?: Escalation | undefined;
  warnings: string[];
  notes: string[];
  /** Holidays that business-day counts in this plan skipped (in any scenario), for notes and the chart. */
  holidays: Holiday[];
  /** What a suspension would take down. */
  workloads: string[];
  /** What happens if the bill is still unpaid at the deadline: the account is suspended, and then. */
  afterDeadline?: AfterDeadline | undefined;
}

export interface AfterDeadline {
  /** The day after the deadline, when the suspension comes. */
  day: Day;
  /** Capabilities of the payer lost once it is suspended (labels). */
  lost: string[];
  /** The way back to pay once suspended, when one remains. */
  way?: { duration: DurationRange; steps: string[] } | undefined;
}

const holdDocs = 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/billing-get-answers.html';

export function buildIncidentPlan(request: PlanRequest): IncidentPlan {
  const { inventory, now, timeZone } = request;
  const notary = request.booked?.notary;
  if (notary !== undefined && notary.getTime() < now.getTime()) {
    // Counted as booked, a past appointment made a late plan fit.
    const at = (instant: Date): string =>
      `${formatInstant(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`;
    throw new PlanError(
      `the notary appointment booked for ${at(notary)} is before now (${at(now)})`,
      'a past appointment is no step of the way back: give the one booked next, or leave it out to plan one',
    );
  }
  const asOf = dayIn(now, timeZone);
  const account = chooseAccount(inventory, request);
  const payer = payingAccount(inventory, account);
  const warnings: string[] = [];
  const deadline = readDeadline(request, warnings);
  if (deadline !== undefined && deadline.at.getTime() <= now.getTime()) {
    warnings.push(
      `The deadline ${deadline.day} has passed: the account is suspended, or will be at any moment. Ask AWS Support now to reactivate it (or to hold the suspension) while you pay; the steps below still get you there.`,
    );
  }
  // Until the deadline the payer is not suspended: what it hosts (root's mail domain) still works, and a way
  // back that needs it counts if it ends before then.
  const onset = deadline ? hoursBetween(now, deadline.at) : undefined;
  const recovery = buildRecoveryGraph(inventory, asOf, {
    suspensionOnset: (candidate) => (candidate.id === payer.id ? onset : undefined),
    // A card or ID that expires before the deadline is lost from that day: the way back must not need it then.
    horizonHours: onset,
  });
  const graph = recovery.graph;

  // The losses: those reported now, and the default card when the charge failed.
  const reported = new Map<string, string>();
  for (const id of request.lost ?? []) {
    if (recovery.events.get(id)?.factorId !== id) {
      const known = listFactors(inventory).map((factor) => factor.id);
      throw new PlanError(`no factor "${id}" in the inventory`, `factors: ${known.join(', ')}`);
    }
    reported.set(id, 'reported lost');
  }
  const failedCard = payer.payment?.cards?.[0];
  if (request.cardFailed !== undefined) {
    if (failedCard) reported.set(failedCard, `the charge failed on ${request.cardFailed}`);
    else warnings.push(`${payer.name} declares no card, so the card that failed is not in the analysis.`);
  }
  for (const id of reported.keys()) graph.findEvent(id)!.lost = true;

  const analysis = analyzeRecoveryGraph(recovery, { asOf, setLimit: 0 });
  const status = new GraphAnalysis(graph, { limitOrder: 0 });
  const isEventLost = (name: string): boolean => graph.findEvent(name)?.lost ?? false;
  // A factor is lost with what it depends on; an outside account (a principal's Workspace sign-in) with its
  // sign-in: both are what the graph compiled its loss to.
  const isLost = (id: string): boolean => {
    const loss = recovery.lossOf.get(id);
    if (loss?.type === 'gate') return status.status(graph.gates[loss.index]!.name) === 'lost';
    if (loss?.type === 'event') return graph.events[loss.index]!.lost;
    return graph.findGate(factorLostGate(id))
      ? status.status(factorLostGate(id)) === 'lost'
      : isEventLost(id);
  };

  const concerned = new Set([account.id, payer.id]);
  const losses = graph.events
    .filter((event) => {
      const owner = recovery.events.get(event.name)?.accountId;
      return event.lost && (owner === undefined || concerned.has(owner));
    })
    .map((event) => {
      const meaning = recovery.events.get(event.name);
      return {
        id: meaning?.factorId ?? event.name,
        label: meaning?.label ?? event.label ?? event.name,
        why: reported.get(event.name) ?? meaning?.lostBecause ?? 'lost',
        // What was reported lost is known lost, whatever the inventory left undeclared.
        unknown: !reported.has(event.name) && isUnknownLoss(meaning),
      };
    });

  const labelOfEvent = (name: string): string =>
    recovery.events.get(name)?.label ?? graph.findEvent(name)?.label ?? name;
  const situation = (['root-sign-in', 'change-payment-method'] as const).map(
    (capability): CapabilitySituation => {
      const result = analysis.capability(payer.id, capability);
      const gates = recovery.capabilities.find(
        (c) => c.account.id === payer.id && c.capability === capability,
      )!;
      return {
        capability,
        label: result.label,
        status: result.status,
        ways: result.ways.map((way, index) => ({
          id: way.id,
          short: way.short,
          label: way.label,
          status: way.status,
          lostBecause:
            way.status === 'lost' ? explainLoss(graph, gates.ways[index]!.gate).map(labelOfEvent) : [],
        })),
      };
    },
  );

  const cardName = (id: string): string => {
    const factor = listFactors(inventory).find((candidate) => candidate.id === id);
    return factor?.type === 'card' ? `card ending ${factor.lastFour}` : labelOfEvent(id);
  };
  const timeline = buildTimeline(request, deadline, failedCard ? cardName(failedCard) : undefined);

  // The fastest way to pay again: change the payment method of the account that pays.
  const estimate = analysis.capability(payer.id, 'change-payment-method').fastest;
  const context: StepContext = {
    inventory,
    recovery,
    asOf,
    payer,
    isLost,
    isEventLost,
    timeZone,
    notaryBooked: request.booked?.notary,
  };
  const planned = estimate.possible ? recoverySteps(estimate, context) : undefined;
  let specs: StepSpec[] = planned?.steps ?? [];
  if (request.booked?.notary && !specs.some((spec) => spec.booked)) {
    warnings.push(
      'The booked notary appointment is not on the fastest way back: keep it only as a fallback.',
    );
  }

  // First pass without escalation, to know whether one is needed.
  let times = schedule(specs, now);
  const finishOf = (): Record<Scenario, Date> | undefined => {
    const goal = times.get(GOAL_STEP);
    return goal ? { best: goal.best.end, typical: goal.typical.end, worst: goal.worst.end } : undefined;
  };
  let finish = estimate.possible ? finishOf() : undefined;
  const slackOf = (at: Date, f: Record<Scenario, Date>): Record<Scenario, number> => ({
    best: hoursBetween(f.best, at),
    typical: hoursBetween(f.typical, at),
    worst: hoursBetween(f.worst, at),
  });
  let slack = deadline && finish ? slackOf(deadline.at, finish) : undefined;
  // No way counted: is that known, or only because a fact a way back needs is unknown?
  const unknownFacts = estimate.possible ? [] : unknownBlockers(recovery, payer.id);
  const verdict: PlanVerdict = !estimate.possible
    ? unknownFacts.length > 0
      ? 'unknown-way-back'
      : 'no-way-back'
    : !slack
      ? 'no-deadline'
      : slack.worst >= 0
        ? 'fits'
        : slack.typical >= 0
          ? 'at-risk'
          : 'late';

  const holdWanted =
    verdict === 'late' ||
    verdict === 'no-way-back' ||
    verdict === 'unknown-way-back' ||
    verdict === 'at-risk';
  if (holdWanted) {
    specs = [
      {
        id: 'ask-for-hold',
        title: `Ask AWS Support for a hold on suspension (the request is ${verdict === 'at-risk' ? 'below' : 'above'})`,
        detail:
          'Send the hold request of this plan now, on a case under Account and billing; keep the case number.',
        who: 'you',
        phase: 'escalation',
        after: [],
        timing: { kind: 'hours', hours: { min: 0.25, typical: 0.5, max: 1 } },
        source: 'writing and sending one support case',
        docs: holdDocs,
      },
      ...specs,
    ];
  }
  if (estimate.possible) specs.push(...repairSteps(context, [GOAL_STEP], holdWanted));
  times = schedule(specs, now);
  finish = estimate.possible ? finishOf() : undefined;
  slack = deadline && finish ? slackOf(deadline.at, finish) : undefined;

  const critical = estimate.possible ? criticalPath(specs, times, GOAL_STEP) : new Set<string>();
  const steps = specs.map((spec): PlanStep => {
    const t = times.get(spec.id)!;
    return {
      id: spec.id,
      title: spec.title,
      detail: spec.detail,
      who: spec.who,
      phase: spec.phase,
      after: spec.after,
      start: t.typical.start,
      end: t.typical.end,
      bestEnd: t.best.end,
      worstEnd: t.worst.end,
      duration: describeTiming(spec.timing),
      timing: spec.timing,
      cost: spec.cost,
      critical: critical.has(spec.id),
      booked: spec.booked ?? false,
      awsSide: spec.awsSide ?? false,
      afterDeadline: deadline !== undefined && t.typical.end > deadline.at,
      docs: spec.docs,
      source: spec.source,
    };
  });
  for (const step of steps) {
    if (step.timing.kind !== 'fixed') continue;
    const ready = Math.max(...step.after.map((id) => times.get(id)!.typical.end.getTime()));
    if (ready > step.start.getTime()) {
      warnings.push(
        `"${step.title}" is booked before what it needs is typically ready; bring it forward or be ready to rebook.`,
      );
    }
  }

  const afterDeadline = deadline ? consequences(recovery, payer, deadline.day) : undefined;
  const cost = sumCosts(steps);
  const holidays = skippedHolidays(specs, times);
  const plan: IncidentPlan = {
    account: { id: account.id, name: account.name },
    payer: { id: payer.id, name: payer.name },
    now,
    timeZone,
    awsTimeZone: AWS_TIME_ZONE,
    verdict,
    headline: '',
    deadline,
    timeline,
    losses,
    situation,
    way: planned?.way,
    unknownFacts: unknownFacts.length > 0 ? unknownFacts : undefined,
    steps,
    finish,
    slack,
    cost,
    warnings,
    notes: [
      'Business days are Monday to Friday, US Pacific, without US federal holidays: AWS does not publish its reviewers’ calendar, and not counting holidays is the cautious reading.',
      ...(holidays.length > 0
        ? [
            `Not counted as business days in this plan: ${holidays.map((holiday) => `${holiday.day} (${holiday.name})`).join(', ')}.`,
          ]
        : []),
      'AWS acts on US time: its steps are shown in US Pacific too, and the deadline is the end of its day there.',
    ],
    holidays,
    workloads: payer.workloads ?? [],
    afterDeadline,
  };
  if (holdWanted) {
    const lastDay = finish ? dayIn(addHours(finish.worst, 24), AWS_TIME_ZONE) : undefined;
    plan.escalation = {
      first: verdict === 'late' || verdict === 'no-way-back' || verdict === 'unknown-way-back',
      why:
        verdict === 'at-risk'
          ? 'The recovery fits the deadline in the typical case but not in the worst: ask for the hold now, as a precaution.'
          : verdict === 'late'
            ? 'The recovery ends after the deadline: only a hold keeps the account from being suspended meanwhile.'
            : verdict === 'unknown-way-back'
              ? 'Whether a way back remains is unknown until the facts above are checked: ask for the hold now, as a precaution, while you check them.'
              : 'No way back is known: only AWS Support can keep the account from being suspended, and say what it accepts.',
      where: supportChannels(
        (payer.billingPrincipals ?? [])
          .filter((principal) => principal.signIn.every((id) => !isLost(id)))
          .map((principal) => principal.name),
      ),
      request: holdRequest({
        inventory,
        asOf,
        plan,
        payer,
        lastDay,
        failedCard:
          failedCard && isEventLost(failedCard)
            ? { name: cardName(failedCard), why: losses.find((loss) => loss.id === failedCard)?.why }
            : undefined,
      }),
      holdUntil: lastDay,
      docs: [
        holdDocs,
        'https://docs.aws.amazon.com/signin/latest/userguide/troubleshooting-sign-in-issues.html',
      ],
    };
  }
  plan.headline = headline(plan);
  return plan;
}

/** What the suspension at the deadline would take from the payer, and the way back that would remain. */
function consequences(recovery: RecoveryGraph, payer: Account, deadline: Day): AfterDeadline {
  const { graph } = recovery;
  const lostNow = (index: number): boolean => graph.events[index]!.lost;
  const pending = pendingEvents(graph, lostNow).map((index) => graph.events[index]!.name);
  const later = new GraphAnalysis(graph, { limitOrder: 0, losses: pending });
  // What the suspension takes: not what is lost already (hearing about trouble with no channel declared).
  const now = new GraphAnalysis(graph, { limitOrder: 0 });
  const lost = recovery.capabilities
    .filter(
      (capability) =>
        capability.account.id === payer.id &&
        later.status(capability.gate) === 'lost' &&
        now.status(capability.gate) !== 'lost',
    )
    .map((capability) => capability.label);
  const estimate = new TimedRecovery(graph, lostNow).later.estimate(
    capabilityGate(payer.id, 'change-payment-method'),
  );
  return {
    day: nextDay(deadline),
    lost,
    way: estimate.possible
      ? { duration: estimate.duration, steps: estimate.steps.map((step) => step.label) }
      : undefined,
  };
}

/**
 * The unknown facts (not declared) that alone stand between the payer and a way to pay again: empty when
 * no way back remains even with every unknown fact taken as fine (then there is truly no way back).
 */
function unknownBlockers(recovery: RecoveryGraph, payerId: string): string[] {
  const { graph, events } = recovery;
  const unknownFlags = unknownEvents(graph, events);
  const unknown = (index: number): boolean => unknownFlags[index] === 1;
  const gate = recovery.capabilities.find(
    (c) => c.account.id === payerId && c.capability === 'change-payment-method',
  )!.gate;
  const knownOnly = new TimedRecovery(graph, (index) => graph.events[index]!.lost && !unknown(index));
  if (!knownOnly.estimate(gate).possible) return [];
  const labels = explainLoss(graph, gate)
    .map((name) => graph.findEvent(name))
    .filter((event) => event !== undefined && unknown(event.index))
    .map((event) => events.get(event!.name)?.label ?? event!.name);
  return [...new Set(labels)];
}

function chooseAccount(inventory: Inventory, request: PlanRequest): Account {
  const accounts = inventory.accounts;
  if (request.accountId !== undefined) {
    const found = accounts.find(
      (account) => account.id === request.accountId || account.name === request.accountId,
    );
    if (!found) {
      throw new PlanError(
        `no account "${request.accountId}" in the inventory`,
        accountsHint(accounts, request.accountId),
      );
    }
    return found;
  }
  if (accounts.length === 0)
    throw new PlanError(
      'the inventory has no account to plan for',
      'declare the account in trouble under accounts:',
    );
  if (accounts.length === 1) return accounts[0]!;
  const lost = new Set(request.lost ?? []);
  const byCard = accounts.filter((account) => (account.payment?.cards ?? []).some((id) => lost.has(id)));
  if (byCard.length === 1) return byCard[0]!;
  const payers = accounts.filter((account) => (account.payment?.cards ?? []).length > 0);
  if (request.cardFailed !== undefined && payers.length === 1) return payers[0]!;
  throw new PlanError(
    'the inventory has several accounts: say which one is in trouble',
    accountsHint(accounts),
    'account',
  );
}

/** Accounts a hint names by id and name: an Organization's thousands would bury the message. */
const ACCOUNTS_NAMED = 10;

/**
 * The accounts to choose from, as a hint: those closest to a name not found, if any are close; else the first
 * few and how many more.
 */
function accountsHint(accounts: readonly Account[], asked?: string): string {
  const named = (account: Account): string => `${account.id} (${account.name})`;
  if (asked !== undefined) {
    const close = closestNames(
      asked,
      accounts.flatMap((account) => [account.id, account.name]),
    );
    if (close.length > 0)
      return `did you mean ${joinWords(
        close.map((name) => `'${name}'`),
        'or',
      )}?`;
  }
  return `accounts: ${firstNamed(accounts.map(named), ACCOUNTS_NAMED, counted)}`;
}

function payingAccount(inventory: Inventory, account: Account): Account {
  return payerOf(account, new Map(inventory.accounts.map((candidate) => [candidate.id, candidate])));
}

function readDeadline(request: PlanRequest, warnings: string[]): PlanDeadline | undefined {
  if (request.deadline !== undefined) {
    return {
      day: request.deadline,
      at: awsDeadline(request.deadline),
      estimated: false,
      basis: `"unless paid by ${request.deadline}": the end of that day, US Pacific`,
    };
  }
  const notices = request.notices ?? [];
  if (notices.some((notice) => notice.kind === 'suspension')) {
    warnings.push(
      'The suspension notice names a date ("unless paid by …"): give it as the deadline for the slack and the escalation.',
    );
    return undefined;
  }
  const failure = [request.cardFailed, ...notices.map((notice) => notice.day)]
    .filter((day): day is Day => day !== undefined)
    .sort()[0];
  if (failure === undefined) return undefined;
  const day = nextDay(failure, dunning.suspensionWarningAfterFirstFailure.min / 24);
  return {
    day,
    at: awsDeadline(day),
    estimated: true,
    basis:
      `estimated: no suspension notice yet; AWS's warning has come ${dunning.suspensionWarningAfterFirstFailure.min / 24} to ` +
      `${dunning.suspensionWarningAfterFirstFailure.max / 24} days after the first failed charge and names the date, so this plan ` +
      'uses the earliest until it comes',
  };
}

function buildTimeline(
  request: PlanRequest,
  deadline: PlanDeadline | undefined,
  failedCard: string | undefined,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  if (request.cardFailed !== undefined) {
    entries.push({
      day: request.cardFailed,
      what: `the charge to the ${failedCard ?? 'card on file'} failed`,
      expected: false,
    });
  }
  for (const notice of request.notices ?? []) {
    entries.push({
      day: notice.day,
      what: notice.kind === 'past-due' ? '"past due" notice' : 'suspension warning',
      expected: false,
    });
  }
  if (deadline) {
    entries.push({
      day: deadline.day,
      what: deadline.estimated
        ? 'earliest suspension warning (estimated deadline)'
        : 'deadline: unless paid by this day',
      expected: deadline.estimated,
    });
    const suspension = nextDay(deadline.day);
    const closure = nextDay(suspension, dunning.closureAfterSuspension.min / 24);
    const domainsGone = nextDay(closure, dunning.domainSuspensionAfterClosure.min / 24);
    // The earlier of the two published post-closure periods: planning on the later could be too late.
    const deletion = nextDay(closure, dunning.deletionAfterClosure.min / 24);
    entries.push(
      {
        day: suspension,
        what: 'suspension, if unpaid and no hold: what runs stops, domains stop resolving',
        expected: true,
      },
      { day: closure, what: 'closure, if still unpaid', expected: true },
      {
        day: domainsGone,
        what: 'Route 53 domains of the closed account suspended, then deleted or released by the registrar of record',
        expected: true,
      },
      { day: deletion, what: `deletion after the post-closure period (${dunning.note})`, expected: true },
    );
  }
  return entries.sort((a, b) => a.day.localeCompare(b.day));
}

/** The holidays business-day steps passed over, from their start to their latest end, each day once. */
function skippedHolidays(specs: readonly { id: string; timing: StepTiming }[], times: Schedule): Holiday[] {
  const byDay = new Map<Day, Holiday>();
  for (const spec of specs) {
    if (spec.timing.kind !== 'business-days') continue;
    const t = times.get(spec.id)!;
    for (const holiday of holidaysBetween(
      t.best.start,
      t.worst.end,
      spec.timing.timeZone,
      spec.timing.holidays,
    )) {
      byDay.set(holiday.day, holiday);
    }
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

function describeTiming(timing: StepTiming): string {
  const range = (r: DurationRange, unit: (value: number) => string): string =>
    r.min === r.max ? unit(r.typical) : `${unit(r.min)}–${unit(r.max)}, typically ${unit(r.typical)}`;
  const counted = (r: DurationRange, unit: string): string =>
    r.min === r.max
      ? `${fmt(r.typical)} ${unit}`
      : `${fmt(r.min)}–${fmt(r.max)} ${unit}, typically ${fmt(r.typical)}`;
  switch (timing.kind) {
    case 'hours':
      return range(timing.hours, hoursText);
    case 'business-days':
      return `${counted(timing.days, 'business days')} (US Pacific${timing.holidays === 'us-federal' ? ', without US federal holidays' : ''})`;
    case 'appointment':
      return `booking lead time ${counted(timing.leadDays, 'days')}, then ${range(timing.hours, hoursText)}`;
    case 'fixed':
      return `booked, ${range(timing.hours, hoursText)}`;
  }
}

/** "3 min", "1.5 h". */
function hoursText(value: number): string {
  return value < 1 ? `${Math.round(value * 60)} min` : `${fmt(value)} h`;
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

function sumCosts(steps: readonly PlanStep[]): Money[] {
  const totals = new Map<string, number>();
  for (const step of steps) {
    if (step.cost) totals.set(step.cost.currency, (totals.get(step.cost.currency) ?? 0) + step.cost.amount);
  }
  return [...totals].map(([currency, amount]) => ({ amount, currency }));
}

function headline(plan: IncidentPlan): string {
  const slack = plan.slack;
  const finish = plan.finish;
  switch (plan.verdict) {
    case 'no-way-back':
      return 'NO WAY BACK: no recovery path is left to pay the bill. Ask AWS Support for a hold on suspension now (request below).';
    case 'unknown-way-back':
      return (
        `UNKNOWN: no way back to pay can be counted, because every one needs a fact Lockout cannot see: ` +
        `${joinWords(plan.unknownFacts ?? [])}. Check ${(plan.unknownFacts ?? []).length === 1 ? 'it' : 'them'} now and declare ` +
        `what you find, then run the plan again. Meanwhile ask AWS Support for a hold on suspension, as a precaution (request below).`
      );
    case 'late':
      return (
        `LATE: the recovery ends after the deadline, ${formatSpan(-slack!.typical)} late in the typical case and ` +
        `${formatSpan(-slack!.worst)} in the worst. Ask AWS Support for a hold on suspension now (request below).`
      );
    case 'at-risk':
      return (
        `AT RISK: the recovery fits the deadline in the typical case (${formatSpan(slack!.typical)} to spare) but is ` +
        `${formatSpan(-slack!.worst)} late in the worst case. Ask for a hold on suspension as a precaution.`
      );
    case 'fits':
      return (
        `FITS: the balance is paid before the deadline: ${formatSpan(slack!.typical)} to spare in the typical case, ` +
        `${formatSpan(slack!.worst)} in the worst.`
      );
    case 'no-deadline':
      return `No deadline known: the balance can be paid in ${finish ? formatSpan(hoursBetween(plan.now, finish.typical)) : 'an unknown time'} (typical).`;
  }
}

/** "1 h 5 min", "3.5 days". */
export function formatSpan(hours: number): string {
  const abs = Math.abs(hours);
  if (abs < 1) return `${Math.round(abs * 60)} min`;
  if (abs < 48) {
    const whole = Math.floor(abs);
    const minutes = Math.round((abs - whole) * 60);
    return minutes > 0 && whole < 10 ? `${whole} h ${minutes} min` : `${Math.round(abs)} h`;
  }
  const days = Math.round((abs / 24) * 10) / 10;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}
