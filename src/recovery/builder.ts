/**
 * The provider-neutral recovery builder: expands an inventory through a provider (provider.ts) into one
 * recovery graph (failure logic). Per account, each capability is an AND of the ways to exercise it, each way
 * an OR of what it needs; leaves are factor losses. A factor is lost when it is, or when anything it depends on
 * is — a mailbox with its domain, a domain with the account that hosts it (as the provider says an account is
 * lost: its suspension), a device with its holder and its place, a synced passkey with its sync account.
 * Unknown facts are never counted as safe: the provider writes them as `known` losses, named so reports can say
 * why. A factor that expires within the horizon asked about is a loss with an onset (see timed-recovery.ts).
 * Accounts outside AWS (`outsideAccounts`) are expanded through their own provider (`Providers.outside`) into
 * the same graph, after the AWS accounts; a mailbox, sync account or password store one holds is lost with
 * its sign-in, so lockout sets cross providers and cycles between them are the engine's to cut.
 */

import {
  FaultGraph,
  type Annotations,
  type DurationRange,
  type Input,
  type NodeRef,
} from '../analysis/graph.js';
import { daysBetween, factorLossState, lastDayOfMonth } from '../model/factor-state.js';
import { nextDay } from '../plan/time.js';
import {
  factorLabel,
  listFactors,
  type Account,
  type Day,
  type Factor,
  type Inventory,
  type OutsideAccount,
} from '../model/inventory.js';
// A domain's expiry is timed by its registrar's grace and redemption (issue 16).
import { domainRestoreAfterExpiry, registrarFactsOf } from '../providers/registrar/provider-model.js';
import type {
  BuildContext,
  CapabilitySpec,
  Loss,
  OutsideAccountProvider,
  OutsideCapabilityId,
  Provider,
  Providers,
  RecoveryGraphOptions,
  WaySpec,
} from './provider.js';
import { timingBasis, type Basis, type Timing } from './rules.js';

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

export interface CapabilityGate<C extends string = string, A = Account> {
  account: A;
  capability: C;
  gate: string;
  label: string;
  /** Read only: capabilities of the same spec share one list. */
  ways: readonly WayGate[];
}

export interface RecoveryGraph<C extends string = string> {
  graph: FaultGraph;
  capabilities: CapabilityGate<C>[];
  /** The capabilities of the accounts outside AWS (`outsideAccounts`), in declaration order. */
  outsideCapabilities?: CapabilityGate<OutsideCapabilityId, OutsideAccount>[] | undefined;
  events: Map<string, EventMeaning>;
  /**
   * What losing each factor or outside account the graph needed stands for: its gate ("lost or cannot be used",
   * an outside account's sign-in) or its event. A principal signing in through a Workspace account is lost with
   * that account's sign-in, which a factor's own event does not say.
   */
  lossOf: ReadonlyMap<string, Input>;
  /** The day the graph describes: the rules in force that day were applied. */
  asOf: Day;
  /** The currency of every cost in the graph (the engine adds costs up, so they share one). */
  costCurrency?: string | undefined;
}

/**
 * The recovery graph of an inventory: its AWS accounts through `providers.aws` (or the one provider given), its
 * outside accounts each through its provider's model, all in one graph so that lockout sets cross providers.
 */
export function buildRecovery<C extends string>(
  providers: Provider<C> | Providers<C>,
  inventory: Inventory,
  asOf: Day,
  options: RecoveryGraphOptions = {},
): RecoveryGraph<C> {
  const all = 'aws' in providers ? providers : { aws: providers, outside: {} };
  return new RecoveryBuilder(all, inventory, asOf, options).build();
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

/**
 * The way that is a capability's normal state (a valid card on file), its own or, for a capability exercised
 * through another account's (a member paid by its payer), that one's: while it is lost, so is the capability.
 */
export function standingWay<C extends string, A = Account>(
  capabilities: readonly CapabilityGate<C, A>[],
  capability: CapabilityGate<C, A>,
): WayGate | undefined {
  const byGate = capabilitiesByGate(capabilities);
  for (
    let current: CapabilityGate<C, A> | undefined = capability, hops = 0;
    current && hops <= capabilities.length;
    hops++
  ) {
    const own = current.ways.find((way) => way.standing === true);
    if (own) return own;
    current = current.ways.length === 1 ? byGate.get(current.ways[0]!.gate) : undefined;
  }
  return undefined;
}

/**
 * Each capability by its gate, built once per list: `standingWay` is asked for every capability of an
 * Organization, and a map built per call made that quadratic (3.9 s of 13 s for `lockout check` at 1,000
 * accounts).
 */
const byGateOf = new WeakMap<readonly object[], ReadonlyMap<string, object>>();

function capabilitiesByGate<C extends string, A>(
  capabilities: readonly CapabilityGate<C, A>[],
): ReadonlyMap<string, CapabilityGate<C, A>> {
  let byGate = byGateOf.get(capabilities);
  // A list grown since (no caller does) is mapped again.
  if (byGate === undefined || byGate.size !== capabilities.length) {
    byGate = new Map(capabilities.map((other) => [other.gate, other]));
    byGateOf.set(capabilities, byGate);
  }
  return byGate as ReadonlyMap<string, CapabilityGate<C, A>>;
}

/** The gate of an account's capability. */
export function capabilityGate(accountId: string, capability: string): string {
  return `${accountId}/${capability}`;
}

/** The gate "this factor is lost or cannot be used" (its own loss, or the loss of what it depends on). */
export function factorLostGate(factorId: string): string {
  return `lost/${factorId}`;
}

/** The gate of one way to exercise a capability: the capability's gate, then the way's id. */
export function wayGate(capabilityGateName: string, wayId: string): string {
  return `${capabilityGateName}/${wayId}`;
}

/** A factor's gate being built: the inputs found so far and the dependencies still to follow. */
interface FactorGateFrame {
  readonly factor: Factor;
  readonly ref: Input & NodeRef;
  readonly inputs: Input[];
  readonly dependencies: readonly string[];
  next: number;
}

const gateKinds = { all: 'and', any: 'or', same: 'null' } as const;

/** The ways of every capability judged by a state (billing mail arrives or not): none, one list for all. */
const noWays: readonly WayGate[] = [];

class RecoveryBuilder<C extends string> {
  private readonly graph = new FaultGraph();
  private readonly events = new Map<string, EventMeaning>();
  private readonly capabilities: CapabilityGate<C>[] = [];
  private readonly outsideCapabilities: CapabilityGate<OutsideCapabilityId, OutsideAccount>[] = [];
  private readonly provider: Provider<C>;
  private readonly factorGates = new Map<string, Input>();
  private readonly context: BuildContext;
  private costCurrency: string | undefined;
  private readonly bases = new Map<Timing, Basis | undefined>();
  /**
   * The gates of capabilities other accounts' terms name (a payer's "keep the bill paid"), by account and
   * capability: 10,000 members naming their payer's would otherwise each write its name and look it up.
   */
  private readonly capabilityRefs = new Map<string, Map<string, { gate: string; ref: Input }>>();
  /**
   * What the capabilities exercised through another account's share, by spec: a provider hands every member
   * paid by one payer the same spec, and the members' gates the same inputs and the same one way.
   */
  private readonly throughs = new Map<object, { inputs: Input[]; ways: readonly WayGate[] }>();
  /** The inputs of the capabilities judged by a state, by their list of terms (shared the same way). */
  private readonly lostWhenAll = new Map<readonly Loss[], Input[]>();
  /** The references of the ways of the capability being built, in order (see capability()). */
  private readonly wayRefs: Input[] = [];

  constructor(
    private readonly providers: Providers<C>,
    inventory: Inventory,
    asOf: Day,
    options: RecoveryGraphOptions,
  ) {
    this.provider = providers.aws;
    this.context = {
      inventory,
      asOf,
      options,
      accounts: new Map(inventory.accounts.map((account) => [account.id, account])),
      outsideAccounts: new Map((inventory.outsideAccounts ?? []).map((account) => [account.id, account])),
      factors: new Map(listFactors(inventory).map((factor) => [factor.id, factor])),
    };
  }

  build(): RecoveryGraph<C> {
    for (const factor of this.context.factors.values()) this.factorEvent(factor);
    for (const account of this.context.inventory.accounts) {
      for (const term of this.provider.sharedTerms?.(account, this.context) ?? []) this.compile(term);
      for (const spec of this.provider.capabilities(account, this.context)) {
        this.capabilities.push(this.capability(account, spec));
      }
    }
    // After the AWS accounts: an inventory without outside accounts builds the very graph it built before.
    for (const account of this.context.outsideAccounts.values()) {
      const provider = this.outsideProvider(account);
      for (const spec of provider.capabilities(account, this.context)) {
        this.outsideCapabilities.push(this.capability(account, spec));
      }
    }
    return {
      graph: this.graph,
      capabilities: this.capabilities,
      outsideCapabilities: this.outsideCapabilities,
      events: this.events,
      lossOf: this.factorGates,
      asOf: this.context.asOf,
      costCurrency: this.costCurrency,
    };
  }

  private outsideProvider(account: OutsideAccount): OutsideAccountProvider {
    const provider = this.providers.outside[account.provider];
    if (provider === undefined) throw new Error(`no model of provider ${account.provider}`);
    return provider;
  }

  /**
   * A domain lost by expiring (or about to) comes back by its registrar's figures: a late renewal within its
   * grace, a restore within redemption, never once both have passed. Lost otherwise: the provider's figure.
   */
  private domainRestoreTime(
    domain: Extract<Factor, { type: 'domain' }>,
    lost: boolean,
    pending: boolean,
  ): DurationRange | undefined {
    const { asOf, accounts, outsideAccounts } = this.context;
    // Renewing by itself, a domain past its date is unknown, not expired: it comes back as any domain lost.
    const expired =
      lost &&
      domain.expires !== undefined &&
      domain.expires < asOf &&
      domain.state === undefined &&
      domain.autoRenew !== true;
    if (!expired && !pending) return this.provider.restoreTime(domain);
    const facts = registrarFactsOf(domain.registrar, accounts, outsideAccounts);
    // Lost now: as many days after expiry as have passed; to come: at the day it expires.
    const since = expired ? daysBetween(domain.expires!, asOf) : 0;
    return domainRestoreAfterExpiry(facts, since)?.duration;
  }

  private factorEvent(factor: Factor): void {
    const { asOf, options } = this.context;
    const state = factorLossState(factor, asOf);
    const label = factorLabel(factor);
    // A factor that expires within the horizon asked about is lost from that day on: a loss with an onset.
    const expiry = state.lost ? undefined : expiryDay(factor);
    const onset = expiry === undefined ? undefined : daysBetween(asOf, expiry) * 24;
    const pending =
      onset !== undefined && options.horizonHours !== undefined && onset <= options.horizonHours;
    const duration =
      factor.type === 'domain'
        ? this.domainRestoreTime(factor, state.lost, pending)
        : this.provider.restoreTime(factor);
    this.graph.addEvent(factor.id, { label, lost: state.lost, duration, onset: pending ? onset : undefined });
    this.events.set(factor.id, {
      factorId: factor.id,
      label,
      lostBecause: state.reason,
      expires: pending ? expiry : undefined,
    });
  }

  /** The input of a loss term; a named term is built once, where it is first needed. */
  private compile(term: Loss): Input {
    switch (term.kind) {
      case 'factor':
        return this.factorLost(term.id);
      case 'capability':
        return this.capabilityRef(term.account, term.capability).ref;
      case 'known':
      case 'kept':
      case 'date':
        // Looked up before its annotations are written: most accounts name an event another made.
        return this.graph.eventRefOf(term.name) ?? this.event(term);
      default: {
        const existing = this.graph.definedGateRef(term.name);
        if (existing) return existing;
        const parts = typeof term.of === 'function' ? term.of() : term.of;
        const inputs = parts.map((part) => this.compile(part));
        const annotations: Annotations = { label: term.label };
        if (term.state) annotations.state = true;
        return this.graph.defineGate(term.name, gateKinds[term.kind], inputs, annotations);
      }
    }
  }

  /** The event of a term that is lost (or will be) by itself, new to the graph. */
  private event(term: Extract<Loss, { kind: 'known' | 'kept' | 'date' }>): Input {
    const { name, label, accountId } = term;
    switch (term.kind) {
      case 'known':
        this.events.set(name, { accountId, label, lostBecause: term.because });
        return this.graph.addEvent(name, { label, lost: true });
      case 'kept':
        this.events.set(name, { accountId, label });
        return this.graph.addEvent(name, { label });
      case 'date': {
        const passed = term.onset <= 0;
        this.events.set(name, { accountId, deadlineOf: accountId, label });
        return this.graph.addEvent(name, { label, lost: passed, onset: passed ? undefined : term.onset });
      }
    }
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
      // Copied to a list of their number: the one push grew holds sixteen slots, for each factor's gate.
      this.graph.defineGate(frame.ref, 'or', frame.inputs.slice(), {
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
    const account = this.context.accounts.get(id);
    if (account) {
      const lost = this.compile(this.provider.accountLost(account, this.context));
      this.factorGates.set(id, lost);
      return lost;
    }
    // A factor an outside account holds (a mailbox at a mail provider) is lost with that account's sign-in.
    const outside = this.context.outsideAccounts.get(id);
    if (outside) {
      const lost = this.compile(this.outsideProvider(outside).accountLost(outside, this.context));
      this.factorGates.set(id, lost);
      return lost;
    }
    const factor = this.context.factors.get(id)!;
    const ref = this.graph.gateRef(factorLostGate(id));
    this.factorGates.set(id, ref);
    const inputs: Input[] = [this.graph.eventRefOf(id)!];
    // A shared address is read by several people: it is lost only when every one of them is.
    if (factor.type === 'mailbox' && factor.readers !== undefined) {
      inputs.push(
        this.compile({
          kind: 'all',
          name: `${id}/readers-lost`,
          label: `Everyone who reads ${factorLabel(factor)}`,
          of: factor.readers.map((reader) => ({ kind: 'factor', id: reader })),
        }),
      );
    }
    return {
      factor,
      ref,
      inputs,
      dependencies: implicitDependencies(factor, this.context.accounts, this.context.outsideAccounts),
      next: 0,
    };
  }

  /** The gate of an account's capability, created as a reference to define later when it is not known yet. */
  private capabilityRef(account: string, capability: string): { gate: string; ref: Input } {
    let ofAccount = this.capabilityRefs.get(account);
    if (ofAccount === undefined) {
      ofAccount = new Map();
      this.capabilityRefs.set(account, ofAccount);
    }
    let known = ofAccount.get(capability);
    if (known === undefined) {
      const gate = capabilityGate(account, capability);
      known = { gate, ref: this.graph.gateRef(gate) };
      ofAccount.set(capability, known);
    }
    return known;
  }

  /** A capability's gate, defined in the graph, with its ways. */
  private capability<K extends string, A extends { id: string }>(
    account: A,
    spec: CapabilitySpec<K>,
  ): CapabilityGate<K, A> {
    const gate = capabilityGate(account.id, spec.capability);
    if ('through' in spec) {
      let through = this.throughs.get(spec);
      if (through === undefined) {
        const payer = this.capabilityRef(spec.through.account, spec.through.capability);
        // Written out, not `{ ...spec.way, gate }`: V8 gives every object spread-then-extended a hidden class of
        // its own.
        const { id, label, short, docs } = spec.way;
        through = { inputs: [payer.ref], ways: [{ id, label, short, docs, gate: payer.gate }] };
        this.throughs.set(spec, through);
      }
      this.graph.defineGate(gate, 'null', through.inputs, { label: spec.gateLabel });
      return { capability: spec.capability, gate, label: spec.label, ways: through.ways, account };
    }
    if ('lostWhenAll' in spec) {
      let inputs = this.lostWhenAll.get(spec.lostWhenAll);
      if (inputs === undefined) {
        inputs = spec.lostWhenAll.map((part) => this.compile(part));
        this.lostWhenAll.set(spec.lostWhenAll, inputs);
      }
      this.graph.defineGate(gate, inputs.length === 1 ? 'null' : 'and', inputs, { label: spec.gateLabel });
      return { capability: spec.capability, gate, label: spec.label, ways: noWays, account };
    }
    const ways = spec.ways.map((way) => this.way(gate, way));
    // The ways' references, as way() handed them out, copied to a list of their number (a list grown by
    // push holds sixteen entries, for every capability of an Organization).
    const inputs = this.wayRefs.slice();
    this.wayRefs.length = 0;
    const ref = this.graph.gateRef(gate);
    if (!this.graph.gates[ref.index]!.defined) {
      this.graph.defineGate(ref, 'and', inputs, { label: spec.label });
    }
    return { capability: spec.capability, gate, label: spec.label, ways, account };
  }

  private way(capability: string, spec: WaySpec): WayGate {
    const gate = wayGate(capability, spec.id);
    const inputs = spec.needs.map((need) => this.compile(need));
    const annotations: Annotations = { label: spec.label };
    if (spec.timing) {
      annotations.duration = spec.timing.duration;
      const cost = spec.timing.cost;
      if (cost) {
        if (this.costCurrency !== undefined && this.costCurrency !== cost.currency) {
          throw new Error(
            `${this.provider.id}: costs in ${this.costCurrency} and ${cost.currency} cannot be added`,
          );
        }
        this.costCurrency = cost.currency;
        annotations.cost = cost.amount;
      }
    }
    this.wayRefs.push(this.graph.defineGate(gate, gateKinds[spec.failsWhen ?? 'any'], inputs, annotations));
    // Made whole in one literal, the same fields in the same order as before: a field added to a made object
    // gave each of 60,000 ways a second object for it.
    const { id, label, short, docs, timing } = spec;
    if (spec.standing) {
      return timing
        ? { id, gate, label, short, docs, standing: true, basis: this.basisOf(timing) }
        : { id, gate, label, short, docs, standing: true };
    }
    return timing
      ? { id, gate, label, short, docs, basis: this.basisOf(timing) }
      : { id, gate, label, short, docs };
  }

  /** A timing's basis, worked out once per timing: a provider's timings are shared by every account. */
  private basisOf(timing: Timing): Basis | undefined {
    if (!this.bases.has(timing)) this.bases.set(timing, timingBasis(timing));
    return this.bases.get(timing);
  }
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

/** What a factor depends on beyond its declared dependsOn: its domain, its hosting accounts, its holder, its place. */
function implicitDependencies(
  factor: Factor,
  accounts: ReadonlyMap<string, Account>,
  outsideAccounts: ReadonlyMap<string, OutsideAccount>,
): string[] {
  const dependencies = new Set(factor.dependsOn ?? []);
  if ('location' in factor && factor.location !== undefined) dependencies.add(factor.location);
  switch (factor.type) {
    case 'mailbox':
      if (factor.domain) dependencies.add(factor.domain);
      if (factor.holder) dependencies.add(factor.holder);
      if (factor.account) dependencies.add(factor.account);
      break;
    case 'password-store':
      if (factor.account) dependencies.add(factor.account);
      break;
    case 'domain':
      // An account at a registrar or DNS host (outsideAccounts) holds the domain as an AWS account does.
      for (const host of [factor.dns, factor.registrar]) {
        if (accounts.has(host) || outsideAccounts.has(host)) dependencies.add(host);
      }
      break;
    case 'device':
    case 'phone-number':
    case 'card':
    case 'identity-document':
      if (factor.holder) dependencies.add(factor.holder);
      break;
    case 'sync-account':
      if (factor.holder) dependencies.add(factor.holder);
      if (factor.account) dependencies.add(factor.account);
      break;
    default:
      break;
  }
  dependencies.delete(factor.id);
  return [...dependencies];
}
