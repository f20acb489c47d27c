/**
 * The steps of an incident plan, from the fastest recovery the analysis found: each step of the estimate (a
 * process such as identity verification, a lost factor to restore) becomes one or more concrete things to do,
 * with who does them, how long they take and where the figures come from; then the repairs of what failed.
 */

import type { DurationRange } from '../analysis/graph.js';
import type { RecoveryEstimate, RecoveryStep } from '../analysis/recovery-time.js';
import {
  factorLabel,
  namedWithLabel,
  listFactors,
  type Account,
  type Day,
  type Factor,
  type Inventory,
} from '../model/inventory.js';
import type { CapabilityId } from '../providers/aws/analysis.js';
import {
  factorRestore,
  identityVerificationPhases,
  ruleHolds,
  rules,
  timings,
} from '../providers/aws/provider-model.js';
import { allows, principalsOf, type RecoveryGraph, type WayGate } from '../providers/aws/recovery-graph.js';
import type { Schedulable, StepTiming } from './schedule.js';
import { AWS_TIME_ZONE } from './time.js';

export interface Money {
  amount: number;
  currency: string;
}

export type StepPhase = 'escalation' | 'recovery' | 'repair';

export interface StepSpec extends Schedulable {
  title: string;
  /** What to do, concretely. */
  detail: string;
  who: 'you' | 'aws';
  phase: StepPhase;
  cost?: Money | undefined;
  docs?: string | undefined;
  /** Where the duration comes from. */
  source: string;
  /** An appointment already booked. */
  booked?: boolean | undefined;
  /** Done by AWS on US time: shown in US Pacific too. */
  awsSide?: boolean | undefined;
}

/** The step whose end is the recovery's end: the overdue balance is paid. */
export const GOAL_STEP = 'pay-balance';

/** A booked notary appointment given as a day alone is taken to be at this hour, local time. */
export const DEFAULT_APPOINTMENT_HOUR = 14;

const hours = (min: number, typical: number, max: number): DurationRange => ({ min, typical, max });

const contactInformationDocs =
  'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html';
const manageCardsDocs = 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-cc.html';
const signInTroubleshootingDocs =
  'https://docs.aws.amazon.com/signin/latest/userguide/troubleshooting-sign-in-issues.html';

export interface StepContext {
  inventory: Inventory;
  recovery: RecoveryGraph;
  /** The plan's day: the rules in force on it say how a step is done (the API or only the console). */
  asOf: Day;
  /** The account that pays the bill (the management account for a member paid through it). */
  payer: Account;
  /** Whether a factor counts as lost now (recorded, reported, or through what it depends on). */
  isLost(factorId: string): boolean;
  /** Whether an event of the graph (a factor, a setting, an unknown) is lost now. */
  isEventLost(name: string): boolean;
  /** The owner's time zone. */
  timeZone: string;
  /** A notary appointment already booked. */
  notaryBooked?: Date | undefined;
}

interface Block {
  specs: StepSpec[];
  /** Steps that wait for what the estimate step waited for. */
  entries: string[];
  /** The step whose end is the estimate step's end. */
  exit: string;
}

interface WayRef {
  account: Account;
  capability: CapabilityId;
  way: WayGate;
}

export interface RecoverySteps {
  /** In an order where each comes after what it waits for; the goal (the payment) last. */
  steps: StepSpec[];
  /** The way back in a sentence: "renew passport, then root signs in through identity verification, …". */
  way: string;
}

export function recoverySteps(estimate: RecoveryEstimate, context: StepContext): RecoverySteps {
  const builder = new StepBuilder(context);
  const steps = builder.build(estimate);
  return { steps, way: builder.parts.join(', then ') };
}

class StepBuilder {
  private readonly ids = new Set<string>();
  private readonly factors = new Map<string, Factor>();
  private readonly ways = new Map<string, WayRef>();
  /** The way back, part by part, in the order the steps come. */
  readonly parts: string[] = [];

  constructor(private readonly context: StepContext) {
    for (const factor of listFactors(context.inventory)) this.factors.set(factor.id, factor);
    for (const capability of context.recovery.capabilities) {
      for (const way of capability.ways) {
        if (!this.ways.has(way.gate)) {
          this.ways.set(way.gate, { account: capability.account, capability: capability.capability, way });
        }
      }
    }
  }

  build(estimate: RecoveryEstimate): StepSpec[] {
    const ordered = topological(estimate.steps);
    const blocks = new Map<string, Block>();
    const specs: StepSpec[] = [];
    let goal: Block | undefined;
    for (const step of ordered) {
      const block = this.block(step);
      const before = step.after
        .map((name) => blocks.get(name)?.exit)
        .filter((id): id is string => id !== undefined);
      for (const spec of block.specs) {
        if (block.entries.includes(spec.id)) spec.after = unique([...spec.after, ...before]);
      }
      blocks.set(step.name, block);
      if (block.exit === GOAL_STEP) goal = block;
      else specs.push(...block.specs);
    }
    if (goal) specs.push(...goal.specs);
    else {
      // The payment needs no process of its own here (nothing to do but pay): pay once everything is done.
      const last = unique(specs.map((spec) => spec.id));
      specs.push(...this.payBlock(undefined, last).specs);
    }
    return specs;
  }

  private id(base: string): string {
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }

  private block(step: RecoveryStep): Block {
    if (step.kind === 'restore') {
      const block = this.restoreBlock(step);
      this.parts.push(block.specs[0]!.title.replace(/^./, (c) => c.toLowerCase()));
      return block;
    }
    const ref = this.ways.get(step.name);
    if (ref?.capability === 'root-sign-in') {
      this.parts.push(
        ref.way.id === 'mfa-sign-in' && this.passwordReset(ref.account)
          ? `root of ${ref.account.name} resets its password by mail and signs in with ${this.workingMfa(ref.account)}`
          : `root of ${ref.account.name} signs in through ${ref.way.short}`,
      );
      switch (ref.way.id) {
        case 'identity-verification':
          return this.identityVerificationBlock(ref.account);
        case 'alternative-factors':
          return this.single(
            this.alternativeFactorsStep(
              ref.account,
              `, answer the automated call to ${this.contactNumber(ref.account)} and enter the code shown.`,
              'root-sign-in',
              [],
            ),
          );
        case 'contact-phone-repair':
          return this.contactPhoneRepairBlock(ref.account, ref.way);
        case 'central-password-recovery': {
          const management = this.context.inventory.accounts.find(
            (account) => account.id === ref.account.managementAccount,
          );
          return this.single({
            id: 'central-password-recovery',
            title: `Allow root password recovery for ${accountName(ref.account)} from the management account`,
            detail:
              `As an IAM principal of ${management ? accountName(management) : 'the management account'} allowed sts:AssumeRoot, ` +
              `open IAM → Root access management, choose ${accountName(ref.account)} and take the privileged action "Allow password recovery" ` +
              `(IAMCreateRootUserPassword; first "Delete root user credentials" where its MFA is lost). Then reset root's password ` +
              `through the link mailed to ${this.mailboxAddress(ref.account)} and sign in.`,
            who: 'you',
            phase: 'recovery',
            after: [],
            timing: { kind: 'hours', hours: timings.centralRootPasswordRecovery.duration },
            source: timings.centralRootPasswordRecovery.source,
            docs: rules.assumeRoot.docs,
          });
        }
        default:
          return this.single({
            id: 'root-sign-in',
            title: this.passwordReset(ref.account)
              ? 'Reset the root password by mail, then sign in as root'
              : 'Sign in as root',
            detail:
              (this.passwordReset(ref.account)
                ? `The root password's store is lost: on the root sign-in page of ${accountName(ref.account)} choose "Forgot password?" and ` +
                  `open the reset link mailed to ${this.mailboxAddress(ref.account)}. Then sign in`
                : `Sign in as root of ${accountName(ref.account)}`) +
              ` with its email address, password and ${this.workingMfa(ref.account)}.`,
            who: 'you',
            phase: 'recovery',
            after: [],
            timing: { kind: 'hours', hours: timings.mfaSignIn.duration },
            source: timings.mfaSignIn.source,
            docs: rules.rootSignIn.docs,
          });
      }
    }
    if (ref?.capability === 'change-payment-method' && ref.account.id === this.context.payer.id) {
      return this.payBlock(ref.way.id === 'delegated' ? ref.account : undefined, []);
    }
    this.parts.push(step.label.replace(/^./, (c) => c.toLowerCase()));
    return this.single({
      id: 'process',
      title: step.label,
      detail: step.label,
      who: 'you',
      phase: 'recovery',
      after: [],
      timing: { kind: 'hours', hours: step.duration },
      source: 'the provider model',
      cost:
        step.cost > 0
          ? { amount: step.cost, currency: timings.identityVerification.cost.currency }
          : undefined,
    });
  }

  private single(spec: StepSpec): Block {
    const id = this.id(spec.id);
    return { specs: [{ ...spec, id }], entries: [id], exit: id };
  }

  private restoreBlock(step: RecoveryStep): Block {
    const factor = this.factors.get(step.name);
    const label = factor ? factorLabel(factor) : step.label;
    let title = `Get back ${label}`;
    let source = 'the provider model';
    switch (factor?.type) {
      case 'phone-number':
        title = `Get a replacement SIM for ${label} from the carrier`;
        source = factorRestore['phone-number-lost'].source;
        break;
      case 'mailbox':
        title = `Recover the mailbox ${label} through its provider`;
        source = factorRestore.mailbox.source;
        break;
      case 'domain':
        title = `Renew the domain ${label}`;
        source = factorRestore.domain.source;
        break;
      case 'identity-document':
        title = `Renew ${label}`;
        source = factorRestore['identity-document'].source;
        break;
      default:
        break;
    }
    return this.single({
      id: `restore-${step.name}`,
      title,
      detail: `${title}: the way back needs it.`,
      who: 'you',
      phase: 'recovery',
      after: [],
      timing: { kind: 'hours', hours: step.duration },
      source,
    });
  }

  /** Identity verification, phase by phase, ending with root signed in. */
  private identityVerificationBlock(account: Account): Block {
    const phases = identityVerificationPhases;
    const booked = this.context.notaryBooked;
    const caseId = this.id('open-mfa-case');
    const callId = booked ? undefined : this.id('call-notaries');
    const documentsId = this.id('prepare-documents');
    const notaryId = this.id('notary-appointment');
    const submitId = this.id('submit-affidavit');
    const reviewId = this.id('aws-review');
    const removedId = this.id('mfa-removed');
    const signInId = this.id('root-sign-in');
    const documents = this.validPhotoIds();
    const specs: StepSpec[] = [
      {
        id: caseId,
        title: 'Open a lost-MFA case with AWS Support and get the identity verification form',
        detail:
          `On the root sign-in page of ${accountName(account)} choose "Troubleshoot MFA"; when the alternative factors fail, contact ` +
          `AWS Support (account and billing, no sign-in needed: ${phases.form}) about account ${account.id}. ` +
          'AWS replies with the MFA identity verification form and the affidavit to sign before a notary.',
        who: 'you',
        phase: 'recovery',
        after: [],
        timing: { kind: 'hours', hours: hours(1, 24, 72) },
        source: 'assumed: one reply from AWS Support to an account-and-billing case',
        docs: signInTroubleshootingDocs,
      },
    ];
    if (callId) {
      specs.push({
        id: callId,
        title: 'Call several notary offices for the earliest slot',
        detail:
          'Call several notary public offices (not just the nearest) and book the earliest appointment to sign an ' +
          'affidavit in English; ask what they need (photo ID, the unsigned form) and the fee.',
        who: 'you',
        phase: 'recovery',
        after: [],
        timing: { kind: 'hours', hours: hours(0.5, 1, 3) },
        source: 'assumed: an hour of phone calls',
      });
    }
    specs.push(
      {
        id: documentsId,
        title: 'Prepare photo ID and proof of address',
        detail:
          `Have ${documents.length > 0 ? documents.join(' and ') : 'a valid photo ID'} ready, with a proof of address ` +
          '(a recent utility bill, or an ID that shows the address); fill in the form, but sign the affidavit only before the notary.',
        who: 'you',
        phase: 'recovery',
        after: [],
        timing: { kind: 'hours', hours: hours(0.5, 1, 4) },
        source: 'assumed: an hour to gather documents',
        docs: rules.identityVerification.docs,
      },
      {
        id: notaryId,
        title: booked
          ? 'Notary appointment (booked): sign the affidavit'
          : 'Notary appointment: sign the affidavit',
        detail:
          'Sign the affidavit before the notary public, who certifies it; bring the photo ID and the proof of address.',
        who: 'you',
        phase: 'recovery',
        after: [caseId, documentsId, ...(callId ? [callId] : [])],
        timing: booked
          ? { kind: 'fixed', at: booked, hours: hours(0.5, 1, 2) }
          : {
              kind: 'appointment',
              leadDays: daysOf(phases.notaryLeadTime.duration),
              hour: DEFAULT_APPOINTMENT_HOUR,
              timeZone: this.context.timeZone,
              hours: hours(0.5, 1, 2),
              bookedBy: callId,
            },
        cost: phases.cost,
        source: booked
          ? 'booked'
          : `booking lead time: ${phases.notaryLeadTime.source}; fee: ${phases.costSource}`,
        booked: booked !== undefined,
        docs: rules.identityVerification.docs,
      },
      {
        id: submitId,
        title: 'Submit the notarized affidavit, photo ID and proof of address to AWS Support',
        detail:
          'Scan the notarized affidavit and the documents and send them on the lost-MFA case, the same day.',
        who: 'you',
        phase: 'recovery',
        after: [notaryId],
        timing: { kind: 'hours', hours: hours(1, 2, 4) },
        source: 'assumed: scanning and uploading the same day',
        docs: rules.identityVerification.docs,
      },
      {
        id: reviewId,
        title: 'AWS reviews the verification',
        detail:
          'AWS Support checks the affidavit and documents and mails its approval; answer any question on the case at once.',
        who: 'aws',
        phase: 'recovery',
        after: [submitId],
        timing: {
          kind: 'business-days',
          days: phases.reviewBusinessDays.duration,
          timeZone: AWS_TIME_ZONE,
          holidays: 'us-federal',
        },
        source: phases.reviewBusinessDays.source,
        awsSide: true,
        docs: rules.identityVerification.docs,
      },
      {
        id: removedId,
        title: 'AWS removes root MFA, 24 h after approval',
        detail: 'Nothing to do but wait: the approval mail says when MFA will be removed.',
        who: 'aws',
        phase: 'recovery',
        after: [reviewId],
        timing: { kind: 'hours', hours: phases.mfaRemovalDelay.duration },
        source: phases.mfaRemovalDelay.source,
        awsSide: true,
        docs: rules.identityVerification.docs,
      },
      {
        id: signInId,
        title: 'Sign in as root with the email address and password',
        detail: `Sign in as root of ${accountName(account)}: no MFA is asked for now. Register a new MFA device right after paying.`,
        who: 'you',
        phase: 'recovery',
        after: [removedId],
        timing: { kind: 'hours', hours: timings.mfaSignIn.duration },
        source: timings.mfaSignIn.source,
        docs: rules.rootSignIn.docs,
      },
    );
    return { specs, entries: [documentsId], exit: signInId };
  }

  /** Add (or choose) a card and pay: by root, or by a delegated principal when `delegatedFrom` is given. */
  private payBlock(delegatedFrom: Account | undefined, after: string[]): Block {
    const payer = this.context.payer;
    const specs: StepSpec[] = [];
    const entries: string[] = [];
    const split = timings.changePaymentMethod.duration;
    if (delegatedFrom) {
      const principal = (payer.billingPrincipals ?? []).find((candidate) =>
        candidate.signIn.every((id) => !this.context.isLost(id)),
      );
      const id = this.id('principal-sign-in');
      specs.push({
        id,
        title: `Sign in as ${principal?.name ?? 'a principal with payments permissions'}`,
        detail: `Sign in to ${accountName(payer)} as ${principal?.name ?? 'a principal allowed to pay'} (payments:* permissions, IAM access to billing activated).`,
        who: 'you',
        phase: 'recovery',
        after,
        timing: { kind: 'hours', hours: timings.mfaSignIn.duration },
        source: timings.mfaSignIn.source,
        docs: rules.paymentPermissions.docs,
      });
      entries.push(id);
    }
    const spare = this.validCardOnFile();
    const principalName = specs[0]?.title.replace(/^Sign in as /, '');
    this.parts.push(
      `${delegatedFrom ? (principalName ?? 'a principal with payments permissions') : 'root'} ` +
        `${spare ? `makes the ${spare} the default` : 'adds a new card'} and pays`,
    );
    const cardId = this.id('add-card');
    specs.push({
      id: cardId,
      title: spare
        ? `Make the ${spare} the default payment method`
        : 'Add a new card and make it the default payment method',
      detail:
        `In ${accountName(payer)}: Billing and Cost Management → Payment preferences → ` +
        (spare
          ? `set the ${spare} as default, and remove the card that failed.`
          : 'Add payment method, then Make default; remove the card that failed.'),
      who: 'you',
      phase: 'recovery',
      after: delegatedFrom ? [entries[0]!] : after,
      timing: { kind: 'hours', hours: hours(split.min / 2, split.typical * 0.6, split.max / 2) },
      source: timings.changePaymentMethod.source,
      docs: manageCardsDocs,
    });
    if (!delegatedFrom) entries.push(cardId);
    this.ids.add(GOAL_STEP);
    specs.push({
      id: GOAL_STEP,
      title: 'Pay the overdue balance',
      detail:
        'Billing and Cost Management → Payments → select the unpaid invoices → Complete payment; keep the receipt.',
      who: 'you',
      phase: 'recovery',
      after: [cardId],
      timing: { kind: 'hours', hours: hours(split.min / 2, split.typical * 0.4, split.max / 2) },
      source: timings.changePaymentMethod.source,
      docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/manage-payments.html',
    });
    return { specs, entries, exit: GOAL_STEP };
  }

  private validPhotoIds(): string[] {
    return (this.context.inventory.factors?.identityDocuments ?? [])
      .filter((document) => !this.context.isLost(document.id))
      .map((document) => factorLabel({ type: 'identity-document', ...document }));
  }

  private validCardOnFile(): string | undefined {
    for (const id of this.context.payer.payment?.cards ?? []) {
      const card = this.factors.get(id);
      // "card ending 4242 (Company card)": read after "the", a label alone ("The only card") would not be.
      if (card?.type === 'card' && !this.context.isLost(id))
        return namedWithLabel(`card ending ${card.lastFour}`, card);
    }
    return undefined;
  }

  private mailboxAddress(account: Account): string {
    const email = account.root?.email;
    const mailbox = email === undefined ? undefined : this.factors.get(email);
    return mailbox?.type === 'mailbox' ? (mailbox.address ?? factorLabel(mailbox)) : "root's email address";
  }

  private contactNumber(account: Account): string {
    const phone = account.contactPhone ? this.factors.get(account.contactPhone) : undefined;
    return phone ? factorLabel(phone) : "the account's contact number";
  }

  /** Whether root's password must be reset by mail: its store is lost (the mailbox is then the way). */
  private passwordReset(account: Account): boolean {
    const store = account.root?.password?.storedIn;
    return store === undefined ? account.root?.password?.note === undefined : this.context.isLost(store);
  }

  /**
   * Repairing the contact phone without root, then alternative factors with the number now on file. The way
   * is the one in force on the plan's day: before July 2022 only the billing console's account page, which
   * an IAM principal could open only with IAM access to billing; since then account:PutContactInformation.
   */
  private contactPhoneRepairBlock(account: Account, way: WayGate): Block {
    const numbers = (this.context.inventory.factors?.phoneNumbers ?? []).filter(
      (number) => number.kind !== 'toll-free' && !this.context.isLost(number.id),
    );
    const number = numbers[0] ? factorLabel({ type: 'phone-number', ...numbers[0] }) : 'a number you hold';
    const api = ruleHolds(rules.contactPhoneRepairApi, this.context.asOf);
    const updateId = this.id('update-contact-phone');
    const signInId = this.id('root-sign-in');
    return {
      specs: [
        {
          id: updateId,
          title: api
            ? `Update the account's contact phone to ${number}, without root`
            : `Update the account's contact phone to ${number} on the billing console, without root`,
          detail: api
            ? this.contactPhoneApiDetail(account, number)
            : this.contactPhoneConsoleDetail(account, number),
          who: 'you',
          phase: 'recovery',
          after: [],
          timing: { kind: 'hours', hours: hours(0.05, 0.1, 0.5) },
          source: timings.contactPhoneRepair.source,
          docs: way.docs,
        },
        this.alternativeFactorsStep(account, ` and enter the code sent to ${number}.`, signInId, [updateId]),
      ],
      entries: [updateId],
      exit: signInId,
    };
  }

  /** Since 2022-07-22: a principal allowed account:PutContactInformation (a member's: the management's). */
  private contactPhoneApiDetail(account: Account, number: string): string {
    const management = this.context.inventory.accounts.find(
      (candidate) => candidate.id === account.managementAccount && account.organization === 'member',
    );
    const owner = management ?? account;
    const able = principalsOf(owner).filter((p) => allows(p, 'account:PutContactInformation'));
    const who = able.length > 0 ? ` (${able.map((p) => p.name).join(' or ')})` : '';
    const where = management
      ? `in ${accountName(management)}; AWS Organizations console: the member account's contact information, or ` +
        `"aws account put-contact-information --account-id ${account.id}"`
      : 'AWS console: Account → Contact information, or "aws account put-contact-information"';
    return (
      `As an IAM principal allowed account:PutContactInformation${who} (${where}), ` +
      `replace the outdated number of ${accountName(account)} with ${number}, a number that can receive SMS (not toll-free).`
    );
  }

  /** Before 2022-07-22: the billing console's account page (aws-portal:ModifyAccount, IAM billing access). */
  private contactPhoneConsoleDetail(account: Account, number: string): string {
    const able = principalsOf(account).filter((p) => allows(p, 'aws-portal:ModifyAccount'));
    const who = able.length > 0 ? ` (${able.map((p) => p.name).join(' or ')})` : '';
    return (
      `As an IAM principal allowed aws-portal:ViewAccount and aws-portal:ModifyAccount${who}, open the billing console's ` +
      `account page (Billing → Account Settings; IAM access to billing must be activated) and, under Contact Information, ` +
      `replace the outdated number of ${accountName(account)} with ${number}, a number that can receive SMS (not toll-free). ` +
      'There is no API or CLI for it yet.'
    );
  }

  /** Signing in with alternative factors: the mailed link, then the code, told by `code` (how it comes). */
  private alternativeFactorsStep(account: Account, code: string, id: string, after: string[]): StepSpec {
    return {
      id,
      title: 'Sign in as root with alternative factors',
      detail:
        `On the root sign-in page of ${accountName(account)}, choose "Troubleshoot MFA", then "Sign in using alternative factors": ` +
        `open the link mailed to ${this.mailboxAddress(account)}${code}`,
      who: 'you',
      phase: 'recovery',
      after,
      timing: { kind: 'hours', hours: timings.alternativeFactors.duration },
      source: timings.alternativeFactors.source,
      docs: rules.alternativeFactors.docs,
    };
  }

  private workingMfa(account: Account): string {
    const devices = (account.root?.mfa ?? []).filter((device) => !this.context.isLost(device.heldBy));
    if (account.root?.mfa?.length === 0) return 'no MFA (root has none: add some)';
    const labels = devices.map((device) => device.label ?? this.labelOf(device.heldBy));
    return labels.length > 0 ? `an MFA device (${labels.join(' or ')})` : 'an MFA device';
  }

  private labelOf(id: string): string {
    const factor = this.factors.get(id);
    return factor ? factorLabel(factor) : id;
  }
}

/**
 * What to repair once the bill is paid, for the account that pays: new root MFA devices, the contact number,
 * billing delegation, a second card; then the inventory.
 */
export function repairSteps(context: StepContext, after: string[], heldRequested: boolean): StepSpec[] {
  const account = context.payer;
  const factors = new Map(listFactors(context.inventory).map((factor) => [factor.id, factor]));
  const label = (id: string): string => {
    const factor = factors.get(id);
    return factor ? factorLabel(factor) : id;
  };
  const quick: StepTiming = { kind: 'hours', hours: hours(0.1, 0.25, 1) };
  const source = 'a settings change in the console';
  const steps: StepSpec[] = [];
  if (heldRequested) {
    steps.push({
      id: 'confirm-payment-to-support',
      title: 'Tell AWS Support the balance is paid',
      detail:
        'Reply on the hold request: the balance is paid, so the hold can be lifted and the account is in good standing.',
      who: 'you',
      phase: 'recovery',
      after,
      timing: quick,
      source: 'a reply on the support case',
    });
  }
  const mfa = account.root?.mfa ?? [];
  const lostMfa = mfa.filter((device) => context.isLost(device.heldBy));
  if (lostMfa.length > 0 || (mfa.length === 1 && context.isEventLost(`${account.id}/root-mfa-lost`))) {
    steps.push({
      id: 'register-mfa',
      title: 'Register new root MFA devices: at least two, kept apart',
      detail:
        `Signed in as root of ${accountName(account)}: Security credentials → Assign MFA device, twice (two security keys, or a key and ` +
        `an authenticator on a current phone, kept in different places; up to eight are allowed)` +
        (lostMfa.length > 0
          ? `; then remove ${lostMfa.map((device) => device.label ?? label(device.heldBy)).join(', ')}.`
          : '.'),
      who: 'you',
      phase: 'repair',
      after,
      timing: { kind: 'hours', hours: hours(0.25, 0.5, 2) },
      source: 'registering two MFA devices',
      docs: rules.rootSignIn.docs,
    });
  }
  if (account.contactPhone && context.isLost(account.contactPhone)) {
    const current = (context.inventory.factors?.phoneNumbers ?? []).find(
      (phone) => phone.id !== account.contactPhone && !context.isLost(phone.id),
    );
    steps.push({
      id: 'update-contact-number',
      title: "Update the account's contact phone number",
      detail:
        `Account → Contact information: replace ${label(account.contactPhone)} with ` +
        `${current ? factorLabel({ type: 'phone-number', ...current }) : 'a number you hold'}, so the alternative factors work next time.`,
      who: 'you',
      phase: 'repair',
      after,
      timing: quick,
      source,
      docs: contactInformationDocs,
    });
  }
  if (context.isEventLost(`${account.id}/billing-access-off`)) {
    const principal = account.billingPrincipals?.[0]?.name;
    steps.push({
      id: 'activate-billing-access',
      title: 'Activate IAM user and role access to Billing information',
      detail:
        'Signed in as root: Account → IAM user and role access to Billing information → Edit → Activate; ' +
        `${principal ? `check that ${principal}` : 'give a principal other than root'} has the payments:* permissions, so the next card change does not need root.`,
      who: 'you',
      phase: 'repair',
      after,
      timing: quick,
      source,
      docs: rules.billingAccess.docs,
    });
  }
  // After the recovery the account holds the cards still valid, or the one new card when none was.
  const validCards = (account.payment?.cards ?? []).filter((id) => !context.isLost(id)).length;
  if (account.payment?.paidBy !== 'management' && Math.max(validCards, 1) < 2) {
    steps.push({
      id: 'add-backup-card',
      title: 'Add a second card from another issuer as a backup',
      detail:
        'Payment preferences → Add payment method: a card from a different bank, so one revoked card does not stop the payments.',
      who: 'you',
      phase: 'repair',
      after,
      timing: quick,
      source,
      docs: manageCardsDocs,
    });
  }
  steps.push({
    id: 'update-inventory',
    title: 'Update the inventory and run lockout check',
    detail:
      'Record what was lost and what replaced it (the new card, the MFA devices, the contact number, billing access), ' +
      'with today as the verified date; then run `lockout check` to see what is still fragile.',
    who: 'you',
    phase: 'repair',
    after: steps
      .filter((step) => step.phase === 'repair')
      .map((step) => step.id)
      .concat(after),
    timing: quick,
    source: 'editing the inventory',
  });
  return steps;
}

function accountName(account: Account): string {
  return `${account.name} (${account.id})`;
}

function daysOf(range: DurationRange): DurationRange {
  return { min: range.min / 24, typical: range.typical / 24, max: range.max / 24 };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Steps ordered so that each comes after the ones it waits for (ties kept in the estimate's order). */
function topological(steps: readonly RecoveryStep[]): RecoveryStep[] {
  const names = new Set(steps.map((step) => step.name));
  const placed = new Set<string>();
  const ordered: RecoveryStep[] = [];
  const pending = [...steps].reverse();
  while (pending.length > 0) {
    const index = pending.findIndex((step) =>
      step.after.every((name) => placed.has(name) || !names.has(name) || name === step.name),
    );
    // A cycle cannot come out of the analysis; place the rest as they are rather than loop.
    const [step] = pending.splice(index < 0 ? 0 : index, 1);
    placed.add(step!.name);
    ordered.push(step!);
  }
  return ordered;
}
