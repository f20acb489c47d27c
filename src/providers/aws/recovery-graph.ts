/**
 * Expands an inventory through the AWS provider model into one recovery graph (failure logic): per account,
 * the capabilities "sign in as root", "change the payment method", "keep the bill paid" and "receive billing
 * notices", each an AND of the ways to exercise it, each way an OR of what it needs (billing notices are
 * lost when every mailbox they reach is: root's, and the alternate billing contact's when declared, see
 * rules.alternateBillingContact); leaves are factor losses. A factor is lost when it is, or when anything it
 * depends on is — a mailbox with its domain, a domain with the account that hosts it (whose suspension
 * follows an unpaid bill), a device with its holder.
 * Unknown facts are never counted as safe: an undeclared root MFA, contact phone, password or billing setting
 * becomes an event that is already lost, named so reports can say why.
 */

import { FaultGraph, type DurationRange, type Input } from '../../analysis/graph.js';
import { factorLossState } from '../../model/factor-state.js';
import {
  factorLabel,
  listFactors,
  mailboxWithAddress,
  type Account,
  type Day,
  type Factor,
  type Inventory,
} from '../../model/inventory.js';
import type { CapabilityId } from './analysis.js';
import { factorRestore, rules, timings, type Timing } from './provider-model.js';

/** What an event of the graph stands for. */
export interface EventMeaning {
  /** The factor lost, for factor events. */
  factorId?: string | undefined;
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
}

const shortWayLabels: Record<string, string> = {
  'mfa-sign-in': 'MFA sign-in',
  'alternative-factors': 'alternative factors',
  'identity-verification': 'identity verification',
  'management-root-access': 'root access from the management account',
  root: 'root',
  delegated: 'a delegated payer',
};

export const capabilityLabels: Record<CapabilityId, string> = {
  'root-sign-in': 'Sign in as root',
  'change-payment-method': 'Change the payment method',
  'keep-bill-paid': 'Keep the bill paid',
  'receive-billing-notices': 'Receive billing notices',
};

export function buildRecoveryGraph(inventory: Inventory, asOf: Day): RecoveryGraph {
  return new RecoveryGraphBuilder(inventory, asOf).build();
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
  ) {
    for (const factor of listFactors(inventory)) this.factors.set(factor.id, factor);
    for (const account of inventory.accounts) this.accounts.set(account.id, account);
  }

  build(): RecoveryGraph {
    for (const factor of this.factors.values()) this.factorEvent(factor);
    for (const account of this.inventory.accounts) this.expandAccount(account);
    return { graph: this.graph, capabilities: this.capabilities, events: this.events };
  }

  private factorEvent(factor: Factor): void {
    const state = factorLossState(factor, this.asOf);
    const restore = restoreTiming(factor);
    const label = factorLabel(factor);
    this.graph.addEvent(factor.id, { label, lost: state.lost, duration: restore?.duration });
    this.events.set(factor.id, { factorId: factor.id, label, lostBecause: state.reason });
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
   * "This account is suspended": the bill of the account that pays for it stays unpaid. A state, not a task:
   * while the account is active, what it hosts works and needs no time (see the `state` annotation).
   */
  private suspended(account: Account): Input {
    const payer = this.payingAccount(account);
    const name = `${account.id}/suspended`;
    if (!this.graph.findGate(name)?.defined) {
      this.graph.defineGate(name, 'null', [this.graph.gateRef(capabilityGate(payer.id, 'keep-bill-paid'))], {
        label: `${account.name} suspended (its bill left unpaid)`,
        state: true,
      });
    }
    return this.graph.gateRef(name);
  }

  /** Member accounts are paid, and so suspended, through their management account. */
  private payingAccount(account: Account): Account {
    if (
      account.organization === 'member' &&
      account.payment?.paidBy === 'management' &&
      account.managementAccount
    ) {
      return this.accounts.get(account.managementAccount) ?? account;
    }
    return account;
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

    const ways: WayGate[] = [];
    const way = (id: string, label: string, needs: Input[], timing: Timing, docs: string): void => {
      const gate = wayGate(capabilityGate(a, 'root-sign-in'), id);
      g.defineGate(gate, 'or', needs, { label, duration: timing.duration, cost: timing.cost?.amount });
      ways.push({ id, gate, label, short: shortWayLabels[id] ?? label, docs });
    };
    way(
      'mfa-sign-in',
      mfaLost ? 'Password and an MFA device' : 'Password (root has no MFA)',
      mfaLost ? [passwordLost, mfaLost] : [passwordLost],
      timings.mfaSignIn,
      rules.rootSignIn.docs,
    );
    if (mfaLost) {
      const contactPhone = account.contactPhone
        ? this.factorLost(account.contactPhone)
        : this.knownLoss(
            `${a}/contact-phone-undeclared`,
            "The account's contact phone number (not declared)",
            a,
            'unknown: not declared',
          );
      way(
        'alternative-factors',
        "Alternative factors: a mail to root's address and a call to the contact number",
        [passwordLost, rootMailbox, contactPhone],
        timings.alternativeFactors,
        rules.alternativeFactors.docs,
      );
      way(
        'identity-verification',
        'Identity verification by AWS Support (notarized affidavit, photo ID, proof of address)',
        [passwordLost, this.photoIdLost()],
        timings.identityVerification,
        rules.identityVerification.docs,
      );
    }
    const management = this.managementOf(account);
    if (management) {
      way(
        'management-root-access',
        `Root access from the management account ${management.name}`,
        [g.gateRef(capabilityGate(management.id, 'root-sign-in'))],
        timings.managementRootAccess,
        rules.centralizedRootAccess.docs,
      );
    }
    this.capability(account, 'root-sign-in', ways);

    this.expandPayment(account);
    this.expandBillingNotices(account, rootMailbox);
  }

  /** Billing mail reaches root's address and, when there is one, the alternate billing contact's. */
  private expandBillingNotices(account: Account, rootMailbox: Input): void {
    const gate = capabilityGate(account.id, 'receive-billing-notices');
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
    // Judged by whether mail arrives, not by time: no ways, so the dashboard does not time a mailbox that
    // works today by what its domain's account would need to get back.
    this.graph.defineGate(gate, mailboxes.length === 1 ? 'null' : 'and', mailboxes, {
      label: capabilityLabels['receive-billing-notices'],
    });
    this.capabilities.push({
      account,
      capability: 'receive-billing-notices',
      gate,
      label: capabilityLabels['receive-billing-notices'],
      ways: [],
    });
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
    const management = this.managementOf(account);
    if (management && account.payment?.paidBy === 'management') {
      // Consolidated billing: the member pays, and is suspended, through its management account.
      for (const capability of ['change-payment-method', 'keep-bill-paid'] as const) {
        g.defineGate(
          capabilityGate(a, capability),
          'null',
          [g.gateRef(capabilityGate(management.id, capability))],
          {
            label: `${capabilityLabels[capability]} (paid by ${management.name})`,
          },
        );
        this.capability(account, capability, [
          {
            id: 'management-pays',
            gate: capabilityGate(management.id, capability),
            label: `Through the management account ${management.name}`,
            short: 'the management account',
            docs: rules.consolidatedBilling.docs,
          },
        ]);
      }
      return;
    }

    // Changing the payment method: root, or a principal with payments permissions once billing access is on.
    const payWays: WayGate[] = [];
    const payWay = (id: string, label: string, needs: Input[], docs: string): void => {
      const gate = wayGate(capabilityGate(a, 'change-payment-method'), id);
      g.defineGate(gate, 'or', needs, { label, duration: timings.changePaymentMethod.duration });
      payWays.push({ id, gate, label, short: shortWayLabels[id] ?? label, docs });
    };
    payWay(
      'root',
      'Root signs in and changes it',
      [g.gateRef(capabilityGate(a, 'root-sign-in'))],
      rules.billingAccess.docs,
    );
    const access = account.iamBillingAccess;
    const principals = account.billingPrincipals ?? [];
    const delegated: Input[] = [];
    if (access?.activated !== true) {
      delegated.push(
        this.knownLoss(
          `${a}/billing-access-off`,
          access === undefined
            ? 'IAM access to billing (not declared)'
            : 'IAM access to billing is not activated',
          a,
          access === undefined ? 'unknown: not declared' : 'attested off',
        ),
      );
    }
    if (principals.length === 0) {
      delegated.push(
        this.knownLoss(
          `${a}/no-billing-principal`,
          'A principal other than root who may pay',
          a,
          'unknown: none declared',
        ),
      );
    } else {
      delegated.push(
        g.defineGate(
          `${a}/billing-principals-lost`,
          'and',
          principals.map((principal) =>
            g.defineGate(
              `${a}/principal/${principal.name}`,
              'or',
              principal.signIn.map((id) => this.factorLost(id)),
              {
                label: `${principal.name} signs in`,
              },
            ),
          ),
          { label: 'Every principal who may pay' },
        ),
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

/** What a factor depends on beyond its declared dependsOn: its domain, its hosting accounts, its holder. */
function implicitDependencies(factor: Factor, accounts: ReadonlyMap<string, Account>): string[] {
  const dependencies = new Set(factor.dependsOn ?? []);
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
