/**
 * What a provider is to the recovery builder: data and small functions that say, for one account, which
 * capabilities it has, which ways exercise each, and what each way needs — written as loss terms ("this way
 * fails when any of these is lost"). The builder (builder.ts) turns them into one fault graph; it knows
 * factors, their dependencies, time and unknowns, and nothing of any provider. A second provider is a second
 * folder under src/providers that exports a `Provider`, not a second builder.
 */

import type { DurationRange } from '../analysis/graph.js';
import type {
  Account,
  Day,
  Factor,
  Inventory,
  OutsideAccount,
  OutsideProvider as OutsideProviderId,
} from '../model/inventory.js';
import type { Basis, Timing } from './rules.js';

/** A loss term: something that is lost, or a combination of them. Named terms are built once and shared. */
export type Loss =
  /** The factor is lost, or anything it depends on (its domain, holder, place, sync account, host account). */
  | { readonly kind: 'factor'; readonly id: string }
  /** A capability of an account is lost (the payer's "keep the bill paid"). */
  | { readonly kind: 'capability'; readonly account: string; readonly capability: string }
  /** Already lost because a fact is unknown or a setting is off; `because` says which ("unknown: …"). */
  | {
      readonly kind: 'known';
      readonly name: string;
      readonly label: string;
      readonly accountId?: string | undefined;
      readonly because: string;
    }
  /**
   * Something not modelled as a factor that can be lost but is not now (a password kept in memory, an alert
   * channel); `accountId` is absent for what several accounts share.
   */
  | {
      readonly kind: 'kept';
      readonly name: string;
      readonly label: string;
      readonly accountId?: string | undefined;
    }
  /** A date that passes `onset` hours after `asOf` (a suspension date): lost from then on. */
  | {
      readonly kind: 'date';
      readonly name: string;
      readonly label: string;
      readonly accountId: string;
      readonly onset: number;
    }
  /**
   * Every one of `of` lost (all: AND), any one (any: OR), or exactly `of[0]` (same). A `state` is a condition,
   * not a task: while it does not hold, what depends on it works and takes no time.
   */
  | {
      readonly kind: 'all' | 'any' | 'same';
      readonly name: string;
      readonly label: string;
      /** Its parts; a function when they are costly to list and the term is shared (built on first need). */
      readonly of: readonly Loss[] | (() => readonly Loss[]);
      readonly state?: boolean | undefined;
    };

export const loss = {
  factor: (id: string): Loss => ({ kind: 'factor', id }),
  capability: (account: string, capability: string): Loss => ({ kind: 'capability', account, capability }),
  known: (name: string, label: string, accountId: string | undefined, because: string): Loss => ({
    kind: 'known',
    name,
    label,
    accountId,
    because,
  }),
  /** The usual unknown: a fact the inventory does not declare. */
  undeclared: (
    name: string,
    label: string,
    accountId: string | undefined,
    because = 'not declared',
  ): Loss => ({
    kind: 'known',
    name,
    label,
    accountId,
    because: `unknown: ${because}`,
  }),
  all: (
    name: string,
    label: string,
    of: readonly Loss[] | (() => readonly Loss[]),
    state?: boolean,
  ): Loss => ({
    kind: 'all',
    name,
    label,
    of,
    state,
  }),
  any: (name: string, label: string, of: readonly Loss[] | (() => readonly Loss[])): Loss => ({
    kind: 'any',
    name,
    label,
    of,
  }),
};

/** One way to exercise a capability, and what makes it fail. */
export interface WaySpec {
  id: string;
  label: string;
  /** A few words for sentences: "MFA sign-in", "alternative factors". */
  short: string;
  /** How the way fails: when any of `needs` is lost (default), when all are, or exactly as its one need. */
  failsWhen?: 'any' | 'all' | 'same' | undefined;
  needs: readonly Loss[];
  /** How long it takes and what it costs; absent for a way that is a standing state (a card on file). */
  timing?: Timing | undefined;
  docs: string;
  /** The capability's normal state rather than a way back (a valid card on file). */
  standing?: boolean | undefined;
}

/** A capability of an account, with its ways; lost when every way is. */
export type CapabilitySpec<C extends string = string> =
  | { capability: C; label: string; ways: readonly WaySpec[] }
  /**
   * Exercised through another account's capability (a member paid by its management account): its gate is
   * that one, and its one way names it.
   */
  | {
      capability: C;
      label: string;
      gateLabel: string;
      through: { account: string; capability: C };
      way: { id: string; label: string; short: string; docs: string };
    }
  /** Judged by a state rather than by time (billing mail arrives or not): no ways, lost when all of these are. */
  | { capability: C; label: string; gateLabel: string; lostWhenAll: readonly Loss[] };

/** What the builder knows and provider functions may read. */
export interface BuildContext {
  readonly inventory: Inventory;
  readonly asOf: Day;
  readonly accounts: ReadonlyMap<string, Account>;
  /** The accounts at providers outside AWS, by id. */
  readonly outsideAccounts: ReadonlyMap<string, OutsideAccount>;
  readonly factors: ReadonlyMap<string, Factor>;
  readonly options: RecoveryGraphOptions;
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

export interface Provider<C extends string = string> {
  id: string;
  /** The capabilities every account has, in the order reports list them, with their labels. */
  capabilityLabels: Readonly<Record<C, string>>;
  /**
   * Terms an account's capabilities share (root's mailbox), built before them so that the graph's order does
   * not depend on which capability needs them first.
   */
  sharedTerms?(account: Account, context: BuildContext): readonly Loss[];
  /** An account's capabilities and their ways, under the rules in force on `context.asOf`. */
  capabilities(account: Account, context: BuildContext): readonly CapabilitySpec<C>[];
  /** What makes an account unusable to what it hosts (its suspension): a factor hosted there depends on it. */
  accountLost(account: Account, context: BuildContext): Loss;
  /** How long a lost factor takes to get back by itself, where it can be (a new SIM, a restored mailbox). */
  restoreTime(factor: Factor): DurationRange | undefined;
}

/**
 * What an outside account can do: be signed in to (what it holds needs that), or, for an organisation, be
 * administered (through any one of its owners' sign-ins).
 */
export type OutsideCapabilityId = 'sign-in' | 'administer';

/**
 * A provider of accounts outside AWS (a mail provider, a password manager): what an outside account of that
 * provider can do and what each way needs, in the same loss terms. What it holds (a mailbox, a sync account, a
 * password store naming it in `account`) is lost with `accountLost`: its sign-in.
 */
export interface OutsideAccountProvider {
  id: OutsideProviderId;
  /** What the provider is called in reports ("Google"). */
  name: string;
  capabilityLabels: Readonly<Record<string, string>>;
  capabilities(
    account: OutsideAccount,
    context: BuildContext,
  ): readonly CapabilitySpec<OutsideCapabilityId>[];
  /** What makes the account useless to what it holds: its sign-in lost. */
  accountLost(account: OutsideAccount, context: BuildContext): Loss;
}

/** The providers one graph is built from: one for the AWS accounts, one per outside provider. */
export interface Providers<C extends string = string> {
  aws: Provider<C>;
  outside: Readonly<Partial<Record<OutsideProviderId, OutsideAccountProvider>>>;
}

export type { Basis, Timing };
