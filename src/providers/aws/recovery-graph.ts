/**
 * Expands an inventory through the AWS provider model into one recovery graph (failure logic): per account,
 * the capabilities "sign in as root", "change the payment method", "keep the bill paid" and "receive billing
 * notices", each an AND of the ways to exercise it, each way an OR of what it needs (billing notices are
 * lost when every mailbox they reach is: root's, and the alternate billing contact's when declared, see
 * rules.alternateBillingContact); leaves are factor losses. A factor is lost when it is, or when anything it
 * depends on is — a mailbox with its domain, a domain with the account that hosts it (whose suspension
 * follows an unpaid bill, at its suspension date: see `pendingLosses`), a device with its holder and its place,
 * a synced passkey with its sync account.
 * Unknown facts are never counted as safe: an undeclared root MFA, contact phone, password or billing setting
 * becomes an event that is already lost, named so reports can say why.
 */

import { FaultGraph, type DurationRange, type Input } from '../../analysis/graph.js';
import { daysBetween, factorLossState, lastDayOfMonth } from '../../model/factor-state.js';
import { nextDay } from '../../plan/time.js';
import {
  factorLabel,
  hasRootCredentials,
  listFactors,
  mailboxWithAddress,
  type Account,
  type BillingPrincipal,
  type Day,
  type Factor,
  type Inventory,
} from '../../model/inventory.js';
import type { CapabilityId } from './analysis.js';
import {
  dunning,
  factorRestore,
  rootMfaEnforcement,
  ruleHolds,
  rules,
  timings,
  type Timing,
} from './provider-model.js';

/** What an event of the graph stands for. */
export interface EventMeaning {
  /** The factor lost, for factor events. */
  factorId?: string | undefined;
  /** For a time event (a suspension date passing): the account whose date it is. */
  deadlineOf?: string | undefined;
  /** For a factor that expires within the horizon asked about: the first day it no longer works. */
  expires?: Day | undefined;
  /** The account an unknown or a setting belongs to, for account events. */
  accountId?: string | undefined;
  label: string;
  /** Why it already counts as lost, when it does. */
  lostBecause?: string | undefined;
}

export interface WayGate {
  id: string;
  gate: string;
  label: string;
  /** A few words for sentences: "MFA sign-in", "alternative factors". */
  short: string;
  docs: string;
  /**
   * The way is the capability's normal state rather than a way back (a valid card on file): while it is lost
   * the capability is lost now, whatever the ways back.
   */
  standing?: boolean | undefined;
  /** Whether its duration is documented by the provider or observed (an incident, support replies). */
  basis?: Basis | undefined;
}

export interface CapabilityGate {
  account: Account;
  capability: CapabilityId;
  gate: string;
  label: string;
  ways: WayGate[];
}

export interface RecoveryGraph {
  graph: FaultGraph;
  capabilities: CapabilityGate[];
  events: Map<string, EventMeaning>;
  /** The day the graph describes: the rules in force that day were applied. */
  asOf: Day;
}

export interface RecoveryGraphOptions {
  /**
   * Hours from `asOf` to the suspension date of an account that pays (when its bill is left unpaid): from a
   * notice or a deadline the user gave. Absent: the provider model's earliest delay after a failed charge.
   */
  suspensionOnset?: ((payer: Account) => number | undefined) | undefined;
  /**
   * Hours from `asOf` that the question looks ahead (to a deadline): a card, domain or identity document that
   * expires within them is a loss with that onset. Absent: expiries count from the day they pass, as before.
   */
  horizonHours?: number | undefined;
}

/**
 * The graph's options for a question asked against a deadline ("unless paid by DAY", the end of that day): the
 * suspension date of a bill left unpaid, and the horizon expiries are judged against.
 */
export function untilDeadline(asOf: Day, deadline: Day | undefined): RecoveryGraphOptions {
  const hours = hoursToDeadline(asOf, deadline);
  return hours === undefined ? {} : { suspensionOnset: () => hours, horizonHours: hours };
}

/** Hours from the start of `asOf` to the end of the deadline's day ("unless paid by DAY"). */
export function hoursToDeadline(asOf: Day, deadline: Day | undefined): number | undefined {
  return deadline === undefined ? undefined : (daysBetween(asOf, deadline) + 1) * 24;
}

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
};

export function buildRecoveryGraph(
  inventory: Inventory,
  asOf: Day,
  options: RecoveryGraphOptions = {},
): RecoveryGraph {
  return new RecoveryGraphBuilder(inventory, asOf, options).build();
}

class RecoveryGraphBuilder {
  private readonly graph = new FaultGraph();
  private readonly events = new Map<string, EventMeaning>();
  private readonly capabilities: CapabilityGate[] = [];
  private readonly factors = new Map<string, Factor>();
  private readonly accounts = new Map<string, Account>();
  private readonly factorGates = new Map<string, Input>();

  constructor(
    private readonly inventory: Inventory,
    private readonly asOf: Day,
    private readonly options: RecoveryGraphOptions,
  ) {
    for (const factor of listFactors(inventory)) this.factors.set(factor.id, factor);
    for (const account of inventory.accounts) this.accounts.set(account.id, account);
  }

  build(): RecoveryGraph {
    for (const factor of this.factors.values()) this.factorEvent(factor);
    for (const account of this.inventory.accounts) this.expandAccount(account);
    return { graph: this.graph, capabilities: this.capabilities, events: this.events, asOf: this.asOf };
  }

  private factorEvent(factor: Factor): void {
    const state = factorLossState(factor, this.asOf);
    const restore = restoreTiming(factor);
    const label = factorLabel(factor);
    // A factor that expires within the horizon asked about is lost from that day on: a loss with an onset.
    const expiry = state.lost ? undefined : expiryDay(factor);
    const onset = expiry === undefined ? undefined : daysBetween(this.asOf, expiry) * 24;
    const pending =
      onset !== undefined && this.options.horizonHours !== undefined && onset <= this.options.horizonHours;
    this.graph.addEvent(factor.id, {
      label,
      lost: state.lost,
      duration: restore?.duration,
      onset: pending ? onset : undefined,
    });
    this.events.set(factor.id, {
      factorId: factor.id,
      label,
      lostBecause: state.reason,
      expires: pending ? expiry : undefined,
    });
  }

  /** An event that is already lost because a fact is unknown or a setting is off. */
  private knownLoss(name: string, label: string, accountId: string | undefined, because: string): Input {
    const existing = this.graph.findEvent(name);
    if (existing) return { type: 'event', index: existing.index };
    this.events.set(name, { accountId, label, lostBecause: because });
    return this.graph.addEvent(name, { label, lost: true });
  }

  /**
   * The gate "this factor is lost or cannot be used": its own loss or the loss of what it depends on. Depth
   * first along dependsOn on an explicit stack (a chain of factors may be thousands long), each gate defined
   * once its dependencies are, in the order a recursive descent would make them.
   */
  private factorLost(id: string): Input {
    const first = this.startFactorGate(id);
    if (!('dependencies' in first)) return first;
    const frames = [first];
    let done: Input = first.ref;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.dependencies.length) {
        const next = this.startFactorGate(frame.dependencies[frame.next++]!);
        if ('dependencies' in next) frames.push(next);
        else frame.inputs.push(next);
        continue;
      }
      frames.pop();
      this.graph.defineGate(factorLostGate(frame.factor.id), 'or', frame.inputs, {
        label: `${factorLabel(frame.factor)} (or what it depends on)`,
      });
      done = frame.ref;
      frames[frames.length - 1]?.inputs.push(done);
    }
    return done;
  }

  /** A dependency's input when it needs no new gate (an account, or a factor seen), else its gate to define. */
  private startFactorGate(id: string): Input | FactorGateFrame {
    const known = this.factorGates.get(id);
    if (known) return known;
    const account = this.accounts.get(id);
    if (account) return this.suspended(account);
    const factor = this.factors.get(id)!;
    const ref = this.graph.gateRef(factorLostGate(id));
    this.factorGates.set(id, ref);
    const event = this.graph.findEvent(id)!;
    const inputs: Input[] = [{ type: 'event', index: event.index }];
    return { factor, ref, inputs, dependencies: implicitDependencies(factor, this.accounts), next: 0 };
  }

  /**
   * "This account is suspended": the bill of the account that pays for it is left unpaid past that account's
   * suspension date. A state, not a task: while the account is active, what it hosts works and needs no time
   * (see the `state` annotation). The date is a time event, not lost now: a way back that needs what the
   * account hosts counts while it finishes before that date (see timed-recovery.ts).
   */
  private suspended(account: Account): Input {
    const payer = this.payingAccount(account);
    const name = `${account.id}/suspended`;
    if (!this.graph.findGate(name)?.defined) {
      this.graph.defineGate(
        name,
        'and',
        [this.graph.gateRef(capabilityGate(payer.id, 'keep-bill-paid')), this.suspensionDate(payer)],
        { label: `${account.name} suspended (its bill left unpaid past the suspension date)`, state: true },
      );
    }
    return this.graph.gateRef(name);
  }

  /** The time event "the payer's suspension date has passed". */
  private suspensionDate(payer: Account): Input {
    const name = suspensionDateEvent(payer.id);
    const existing = this.graph.findEvent(name);
    if (existing) return { type: 'event', index: existing.index };
    const onset = this.options.suspensionOnset?.(payer) ?? DEFAULT_SUSPENSION_ONSET_HOURS;
    const label = `${payer.name}'s suspension date passes with the bill unpaid`;
    this.events.set(name, { accountId: payer.id, deadlineOf: payer.id, label });
    return this.graph.addEvent(name, { label, lost: onset <= 0, onset: onset <= 0 ? undefined : onset });
  }

  /** The account that pays for this one: its management account (or the account its billing went to). */
  private payingAccount(account: Account): Account {
    return payerOf(account, this.accounts);
  }

  private expandAccount(account: Account): void {
    const a = account.id;
    const g = this.graph;
    const root = account.root;
    const rootMailbox = root
      ? this.factorLost(root.email)
      : this.knownLoss(
          `${a}/root-email-undeclared`,
          "Root's email address (not declared)",
          a,
          'unknown: not declared',
        );

    const ways: WayGate[] = [];
    const way = (id: string, label: string, needs: Input[], timing: Timing, docs: string): void => {
      const gate = wayGate(capabilityGate(a, 'root-sign-in'), id);
      g.defineGate(gate, 'or', needs, { label, duration: timing.duration, cost: timing.cost?.amount });
      ways.push({ id, gate, label, short: shortWayLabels[id] ?? label, docs, basis: timingBasis(timing) });
    };

    // A member whose root credentials were deleted centrally has no password or MFA to lose: only the
    // management account's AssumeRoot way reaches it (below).
    if (hasRootCredentials(account)) this.rootCredentialWays(account, rootMailbox, way);

    const central = this.centralPasswordRecovery(account, rootMailbox);
    if (central) {
      way(
        'central-password-recovery',
        `Password recovery allowed from the management account (sts:AssumeRoot), then a reset mail to root's address`,
        central,
        timings.centralRootPasswordRecovery,
        rules.assumeRoot.docs,
      );
    }
    if (ways.length === 0) {
      way(
        'no-way',
        'No way to sign in as root is known',
        [this.knownLoss(`${a}/root-no-way`, 'A way to sign in as root', a, 'unknown: none declared')],
        timings.mfaSignIn,
        rules.assumeRoot.docs,
      );
    }
    this.capability(account, 'root-sign-in', ways);

    this.expandPayment(account);
    this.expandBillingNotices(account, rootMailbox);
  }

  /** Signing in with root's own credentials, and AWS's lost-MFA recovery for them. */
  private rootCredentialWays(
    account: Account,
    rootMailbox: Input,
    way: (id: string, label: string, needs: Input[], timing: Timing, docs: string) => void,
  ): void {
    const a = account.id;
    const g = this.graph;
    const root = account.root;
    // Root password: the store it lives in, or a reset link to the root mailbox.
    const passwordLost = g.defineGate(
      `${a}/root-password-lost`,
      'and',
      [this.passwordStoreLost(account), rootMailbox],
      {
        label: 'Root password (its store, or a reset mail to the root address)',
      },
    );

    // MFA: any one registered device; undeclared counts as lost, an attested empty list as no MFA.
    const mfa = root?.mfa;
    const mfaLost: Input | undefined =
      mfa === undefined
        ? this.knownLoss(
            `${a}/root-mfa-undeclared`,
            'Root MFA devices (not declared)',
            a,
            'unknown: not declared',
          )
        : mfa.length === 0
          ? undefined
          : g.defineGate(
              `${a}/root-mfa-lost`,
              'and',
              mfa.map((device) => this.factorLost(device.heldBy)),
              {
                label: 'Every root MFA device',
              },
            );

    if (!mfaLost) {
      // AWS enforces root MFA: a root without it signs in with the password and a one-time code mailed to
      // root's address on an unusual sign-in, and is made to register a device.
      // Enforced from a different day for each kind of account; members without credentials are exempt.
      const enforced =
        ruleHolds(rules.rootMfaEnforced, this.asOf) && rootMfaEnforcement[account.organization] <= this.asOf;
      way(
        'password-sign-in',
        enforced
          ? "Password and a one-time code mailed to root's address (root has no MFA; AWS makes it register one)"
          : 'Password (root has no MFA)',
        enforced ? [passwordLost, rootMailbox] : [passwordLost],
        timings.mfaSignIn,
        enforced ? rules.rootMfaEnforced.docs : rules.rootSignIn.docs,
      );
      return;
    }
    way(
      'mfa-sign-in',
      'Password and an MFA device',
      [passwordLost, mfaLost],
      timings.mfaSignIn,
      rules.rootSignIn.docs,
    );
    const contactPhone = account.contactPhone
      ? this.contactPhoneLost(account.contactPhone)
      : this.knownLoss(
          `${a}/contact-phone-undeclared`,
          "The account's contact phone number (not declared)",
          a,
          'unknown: not declared',
        );
    way(
      'alternative-factors',
      "Alternative factors: a mail to root's address and a code by SMS or call to the contact number",
      [passwordLost, rootMailbox, contactPhone],
      timings.alternativeFactors,
      rules.alternativeFactors.docs,
    );
    const repair = this.contactPhoneRepair(account);
    if (repair) {
      way(
        'contact-phone-repair',
        `Update the contact phone to a number you hold (${repair.who}), then alternative factors`,
        [passwordLost, rootMailbox, repair.principals, this.anyOwnNumberLost(account)],
        timings.contactPhoneRepair,
        repair.docs,
      );
    }
    way(
      'identity-verification',
      'Identity verification by AWS Support (notarized affidavit, photo ID, proof of address)',
      [passwordLost, this.photoIdLost()],
      timings.identityVerification,
      rules.identityVerification.docs,
    );
  }

  /** The contact number, which cannot take the code when it is toll-free. */
  private contactPhoneLost(id: string): Input {
    const factor = this.factors.get(id);
    if (factor?.type === 'phone-number' && factor.kind === 'toll-free') {
      return this.knownLoss(
        `${id}/toll-free`,
        `${factorLabel(factor)} (toll-free: AWS refuses it for the code)`,
        undefined,
        'a toll-free number cannot receive the code',
      );
    }
    return this.factorLost(id);
  }

  /**
   * Who can point the contact phone at another number without root, under the rules of `asOf`: from July
   * 2022 a principal allowed account:PutContactInformation (a member's: one of the management account's);
   * before, the billing console's account page, which needed IAM billing access.
   */
  private contactPhoneRepair(account: Account): { principals: Input; who: string; docs: string } | undefined {
    const management = this.managementOf(account);
    if (ruleHolds(rules.contactPhoneRepairApi, this.asOf)) {
      const owner = management ?? account;
      const able = principalsOf(owner).filter((p) => allows(p, 'account:PutContactInformation'));
      if (able.length === 0) return undefined;
      return {
        principals: this.principalsLost(
          owner,
          able,
          'contact',
          'Every principal who may update the contact phone',
        ),
        who: `${able.map((p) => p.name).join(' or ')}${management ? ` in ${management.name}` : ''}`,
        docs: rules.contactPhoneRepairApi.docs,
      };
    }
    if (ruleHolds(rules.contactPhoneRepairConsole, this.asOf) && !management) {
      const able = principalsOf(account).filter((p) => allows(p, 'aws-portal:ModifyAccount'));
      if (able.length === 0) return undefined;
      const needs = [
        this.principalsLost(account, able, 'contact', 'Every principal who may update the contact phone'),
      ];
      if (account.iamBillingAccess?.activated !== true) needs.push(this.billingAccessOff(account));
      return {
        principals: this.graph.defineGate(`${account.id}/contact-repairers-lost`, 'or', needs, {
          label: 'A principal who may open the account page (with IAM billing access)',
        }),
        who: `${able.map((p) => p.name).join(' or ')}, on the billing console`,
        docs: rules.contactPhoneRepairConsole.docs,
      };
    }
    return undefined;
  }

  /** "Every number the owner holds is lost": a number to move the contact phone to (toll-free ones cannot). */
  private anyOwnNumberLost(account: Account): Input {
    const name = 'own-numbers-lost';
    const existing = this.graph.findGate(name);
    if (existing) return { type: 'gate', index: existing.index };
    const numbers = (this.inventory.factors?.phoneNumbers ?? []).filter((n) => n.kind !== 'toll-free');
    if (numbers.length === 0) {
      return this.knownLoss(
        'no-phone-number',
        'A phone number you hold (none declared)',
        account.id,
        'unknown: none declared',
      );
    }
    return this.graph.defineGate(
      name,
      'and',
      numbers.map((n) => this.factorLost(n.id)),
      { label: 'Every phone number you hold' },
    );
  }

  /**
   * Centralized root access: an IAM principal of the management account allowed sts:AssumeRoot allows password
   * recovery for the member (IAMCreateRootUserPassword, after IAMDeleteRootUserCredentials where MFA is lost),
   * and the reset mail goes to the member's own root mailbox. Root of the management account cannot do it.
   */
  private centralPasswordRecovery(account: Account, rootMailbox: Input): Input[] | undefined {
    const management = this.managementOf(account);
    if (!management || !ruleHolds(rules.assumeRoot, this.asOf)) return undefined;
    const features = management.organizationFeatures;
    if (features?.rootCredentialsManagement === false) return undefined;
    const m = management.id;
    const needs: Input[] = [rootMailbox];
    if (features?.rootCredentialsManagement !== true) {
      needs.push(
        this.knownLoss(
          `${m}/root-credentials-management-undeclared`,
          'Centralized root access (root credentials management) in the Organization (not declared)',
          m,
          'unknown: not declared',
        ),
      );
    }
    const able = principalsOf(management).filter((p) => allows(p, 'sts:AssumeRoot'));
    needs.push(
      able.length > 0
        ? this.principalsLost(management, able, 'assume-root', 'Every principal who may call sts:AssumeRoot')
        : this.knownLoss(
            `${m}/no-assume-root-principal`,
            `A principal of ${management.name} allowed sts:AssumeRoot (none declared)`,
            m,
            'unknown: none declared',
          ),
    );
    return needs;
  }

  /** "Every one of these principals of the account is lost": each signs in with all of its factors. */
  private principalsLost(
    owner: Account,
    principals: readonly BillingPrincipal[],
    purpose: string,
    label: string,
  ): Input {
    const name = `${owner.id}/${purpose}-principals-lost`;
    const existing = this.graph.findGate(name);
    if (existing?.defined) return { type: 'gate', index: existing.index };
    return this.graph.defineGate(
      name,
      'and',
      principals.map((principal) => this.principalLost(owner, principal)),
      { label },
    );
  }

  private principalLost(owner: Account, principal: BillingPrincipal): Input {
    const name = `${owner.id}/principal/${principal.name}`;
    const existing = this.graph.findGate(name);
    if (existing?.defined) return { type: 'gate', index: existing.index };
    return this.graph.defineGate(
      name,
      'or',
      principal.signIn.map((id) => this.factorLost(id)),
      { label: `${principal.name} signs in` },
    );
  }

  private billingAccessOff(account: Account): Input {
    const access = account.iamBillingAccess;
    return this.knownLoss(
      `${account.id}/billing-access-off`,
      access === undefined
        ? 'IAM access to billing (not declared)'
        : 'IAM access to billing is not activated',
      account.id,
      access === undefined ? 'unknown: not declared' : 'attested off',
    );
  }

  /**
   * Billing mail reaches root's address and, when there is one, the alternate billing contact's; under
   * consolidated billing (or a billing transfer) it goes to the account that pays.
   */
  private expandBillingNotices(account: Account, rootMailbox: Input): void {
    const gate = capabilityGate(account.id, 'receive-billing-notices');
    const { inputs, label } = this.billingNoticeInputs(account, rootMailbox);
    // Judged by whether mail arrives, not by time: no ways, so the dashboard does not time a mailbox that
    // works today by what its domain's account would need to get back.
    this.graph.defineGate(gate, inputs.length === 1 ? 'null' : 'and', inputs, { label });
    this.capabilities.push({
      account,
      capability: 'receive-billing-notices',
      gate,
      label: capabilityLabels['receive-billing-notices'],
      ways: [],
    });
  }

  /** The mailboxes billing mail reaches (every one lost: none arrives), or the payer's notices. */
  private billingNoticeInputs(account: Account, rootMailbox: Input): { inputs: Input[]; label: string } {
    const title = capabilityLabels['receive-billing-notices'];
    const payer = this.payingAccount(account);
    const outside = this.outsidePayer(payer);
    if (outside) {
      return {
        inputs: [this.outsidePayerUnknown(payer, outside)],
        label: `${title} (billing transferred to ${outside})`,
      };
    }
    if (payer !== account) {
      return {
        inputs: [this.graph.gateRef(capabilityGate(payer.id, 'receive-billing-notices'))],
        label: `${title} (paid by ${payer.name})`,
      };
    }
    const mailboxes: Input[] = [rootMailbox];
    const contact = account.billingContact;
    if (contact !== undefined) {
      const mailbox =
        contact.mailbox ??
        (contact.address === undefined ? undefined : mailboxWithAddress(this.inventory, contact.address)?.id);
      mailboxes.push(
        mailbox !== undefined
          ? this.factorLost(mailbox)
          : this.knownLoss(
              `${account.id}/billing-contact-mailbox-undeclared`,
              `The billing contact's mailbox ${contact.address ?? ''} (not a declared mailbox)`,
              account.id,
              'unknown: its address matches no declared mailbox',
            ),
      );
    }
    return { inputs: mailboxes, label: title };
  }

  /** The account outside the inventory that billing was transferred to, if any. */
  private outsidePayer(payer: Account): string | undefined {
    const to = payer.payment?.transferredTo;
    return to !== undefined && !this.accounts.has(to) ? to : undefined;
  }

  private outsidePayerUnknown(payer: Account, outside: string): Input {
    return this.knownLoss(
      `${payer.id}/outside-payer`,
      `The payer outside this inventory (billing transferred to ${outside})`,
      payer.id,
      'unknown: the account that pays is not in the inventory',
    );
  }

  private passwordStoreLost(account: Account): Input {
    const a = account.id;
    const password = account.root?.password;
    if (password?.storedIn) return this.factorLost(password.storedIn);
    if (password?.note !== undefined) {
      // Kept somewhere the inventory does not model (memory, a safe): an event that can be lost.
      const name = `${a}/root-password-kept`;
      const existing = this.graph.findEvent(name);
      if (existing) return { type: 'event', index: existing.index };
      this.events.set(name, { accountId: a, label: `Root password (${password.note})` });
      return this.graph.addEvent(name, { label: `Root password (${password.note})` });
    }
    return this.knownLoss(
      `${a}/root-password-undeclared`,
      'Root password location (not declared)',
      a,
      'unknown: not declared',
    );
  }

  private photoIdLost(): Input {
    const documents = this.inventory.factors?.identityDocuments ?? [];
    if (documents.length === 0) {
      return this.knownLoss(
        'no-photo-id',
        'A valid photo ID (none declared)',
        undefined,
        'unknown: none declared',
      );
    }
    const existing = this.graph.findGate('photo-id-lost');
    if (existing) return { type: 'gate', index: existing.index };
    return this.graph.defineGate(
      'photo-id-lost',
      'and',
      documents.map((document) => this.factorLost(document.id)),
      { label: 'Every valid photo ID' },
    );
  }

  private managementOf(account: Account): Account | undefined {
    if (account.organization !== 'member' || !account.managementAccount) return undefined;
    return this.accounts.get(account.managementAccount);
  }

  private expandPayment(account: Account): void {
    const a = account.id;
    const g = this.graph;
    const payer = this.payingAccount(account);
    if (payer !== account) {
      // Consolidated billing (or a billing transfer): the account pays, and is suspended, through its payer.
      for (const capability of ['change-payment-method', 'keep-bill-paid'] as const) {
        g.defineGate(
          capabilityGate(a, capability),
          'null',
          [g.gateRef(capabilityGate(payer.id, capability))],
          {
            label: `${capabilityLabels[capability]} (paid by ${payer.name})`,
          },
        );
        this.capability(account, capability, [
          {
            id: 'payer-pays',
            gate: capabilityGate(payer.id, capability),
            label: `Through the account that pays, ${payer.name}`,
            short: 'the account that pays',
            docs:
              account.organization === 'member' ? rules.consolidatedBilling.docs : rules.billingTransfer.docs,
          },
        ]);
      }
      return;
    }
    const outside = this.outsidePayer(account);
    if (outside) {
      for (const capability of ['change-payment-method', 'keep-bill-paid'] as const) {
        const gate = wayGate(capabilityGate(a, capability), 'outside-payer');
        g.defineGate(gate, 'null', [this.outsidePayerUnknown(account, outside)], {
          label: `Through the account billing was transferred to, ${outside}`,
        });
        this.capability(account, capability, [
          {
            id: 'outside-payer',
            gate,
            label: `Through the account billing was transferred to, ${outside}`,
            short: 'the outside payer',
            docs: rules.billingTransfer.docs,
          },
        ]);
      }
      return;
    }

    // Changing the payment method: root, or a principal allowed to add a card and make it the default once
    // IAM billing access is on (payments permissions are granular: MakePayment alone cannot replace a card).
    const payWays: WayGate[] = [];
    const payWay = (id: string, label: string, needs: Input[], docs: string): void => {
      const gate = wayGate(capabilityGate(a, 'change-payment-method'), id);
      g.defineGate(gate, 'or', needs, { label, duration: timings.changePaymentMethod.duration });
      payWays.push({
        id,
        gate,
        label,
        short: shortWayLabels[id] ?? label,
        docs,
        basis: timingBasis(timings.changePaymentMethod),
      });
    };
    payWay(
      'root',
      'Root signs in and changes it',
      [g.gateRef(capabilityGate(a, 'root-sign-in'))],
      rules.billingAccess.docs,
    );
    const principals = principalsOf(account).filter((principal) => canReplaceCard(principal, this.asOf));
    const delegated: Input[] = [];
    if (account.iamBillingAccess?.activated !== true) delegated.push(this.billingAccessOff(account));
    if (principals.length === 0) {
      delegated.push(
        this.knownLoss(
          `${a}/no-billing-principal`,
          'A principal other than root who may replace the card',
          a,
          'unknown: none declared',
        ),
      );
    } else {
      delegated.push(
        this.principalsLost(account, principals, 'billing', 'Every principal who may replace the card'),
      );
    }
    payWay('delegated', 'A principal with payments permissions', delegated, rules.paymentPermissions.docs);
    this.capability(account, 'change-payment-method', payWays);

    // Keeping the bill paid: any valid card on file, or a new payment method.
    const cards = account.payment?.cards ?? [];
    const billWays: WayGate[] = [];
    const cardsGate = wayGate(capabilityGate(a, 'keep-bill-paid'), 'card-on-file');
    g.defineGate(
      cardsGate,
      'and',
      cards.length > 0
        ? cards.map((card) => this.factorLost(card))
        : [
            this.knownLoss(
              `${a}/no-card-declared`,
              'A payment card on file (none declared)',
              a,
              'unknown: none declared',
            ),
          ],
      { label: 'A valid card on file' },
    );
    billWays.push({
      id: 'card-on-file',
      gate: cardsGate,
      label: 'A valid card on file',
      short: 'a card on file',
      docs: rules.dunning.docs,
      standing: true,
    });
    const newMethod = wayGate(capabilityGate(a, 'keep-bill-paid'), 'new-payment-method');
    g.defineGate(newMethod, 'null', [g.gateRef(capabilityGate(a, 'change-payment-method'))], {
      label: 'Add a new payment method and pay',
    });
    billWays.push({
      id: 'new-payment-method',
      gate: newMethod,
      label: 'Add a new payment method and pay',
      short: 'a new payment method',
      docs: rules.paymentPermissions.docs,
    });
    this.capability(account, 'keep-bill-paid', billWays);
  }

  private capability(account: Account, capability: CapabilityId, ways: WayGate[]): void {
    const gate = capabilityGate(account.id, capability);
    if (!this.graph.findGate(gate)?.defined) {
      this.graph.defineGate(
        gate,
        'and',
        ways.map((way) => this.graph.gateRef(way.gate)),
        {
          label: capabilityLabels[capability],
        },
      );
    }
    this.capabilities.push({ account, capability, gate, label: capabilityLabels[capability], ways });
  }
}

export function capabilityGate(accountId: string, capability: CapabilityId): string {
  return `${accountId}/${capability}`;
}

/** A factor's gate being built: the inputs found so far and the dependencies still to follow. */
interface FactorGateFrame {
  readonly factor: Factor;
  readonly ref: Input;
  readonly inputs: Input[];
  readonly dependencies: readonly string[];
  next: number;
}

/** The gate "this factor is lost or cannot be used" (its own loss, or the loss of what it depends on). */
export function factorLostGate(factorId: string): string {
  return `lost/${factorId}`;
}

/** The gate of one way to exercise a capability: the capability's gate, then the way's id. */
export function wayGate(capabilityGateName: string, wayId: string): string {
  return `${capabilityGateName}/${wayId}`;
}

export type Basis = 'documented' | 'observed';

/** A duration is documented when a provider's page backs it, observed when only cases do. */
export function timingBasis(timing: Timing): Basis | undefined {
  const kinds = (timing.sources ?? []).map((source) => source.kind);
  if (kinds.length === 0) return undefined;
  return kinds.includes('documented') ? 'documented' : 'observed';
}

/** The first day a factor no longer works because it expired: the day after its expiry (a card's month's end). */
function expiryDay(factor: Factor): Day | undefined {
  switch (factor.type) {
    case 'card':
      return nextDay(lastDayOfMonth(factor.expires));
    case 'domain':
    case 'identity-document':
      return factor.expires === undefined ? undefined : nextDay(factor.expires);
    default:
      return undefined;
  }
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
/** What a factor depends on beyond its declared dependsOn: its domain, its hosting accounts, its holder, its place. */
function implicitDependencies(factor: Factor, accounts: ReadonlyMap<string, Account>): string[] {
  const dependencies = new Set(factor.dependsOn ?? []);
  if ('location' in factor && factor.location !== undefined) dependencies.add(factor.location);
  switch (factor.type) {
    case 'mailbox':
      if (factor.domain) dependencies.add(factor.domain);
      break;
    case 'domain':
      for (const host of [factor.dns, factor.registrar]) if (accounts.has(host)) dependencies.add(host);
      break;
    case 'device':
    case 'phone-number':
    case 'card':
    case 'identity-document':
    case 'sync-account':
      if (factor.holder) dependencies.add(factor.holder);
      break;
    default:
      break;
  }
  dependencies.delete(factor.id);
  return [...dependencies];
}

function restoreTiming(factor: Factor): { duration: DurationRange } | undefined {
  switch (factor.type) {
    case 'device':
      // A new phone or key does not bring back an MFA secret or a registration, which is what matters here.
      return undefined;
    case 'phone-number':
      // An outdated number is someone else's now; a lost SIM can be replaced by the carrier.
      return factor.state === 'outdated' ? undefined : factorRestore['phone-number-lost'];
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
