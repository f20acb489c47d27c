/**
 * What a read-only scan of a provider outside AWS learns, fact by fact, in the AWS scan's terms (`Fact`, seen
 * or unknown with a reason; a denied call is unknown for `access-denied`): each fact also names the call it
 * came from and the scope or permission that call needs, so a report can say what to grant. Unknown is never
 * counted as safe, and an empty answer where the provider always has something (an organisation without an
 * owner) is not seen: it is what a token that cannot see is shown.
 */

import type { OnOffUnknown } from '../../../model/inventory.js';
import type { Fact, UnknownFact, UnknownReason } from '../../aws/scan/facts.js';

export type { Fact, UnknownFact, UnknownReason } from '../../aws/scan/facts.js';

/** A call a scanner makes: always a GET, with the least scope that lets it answer. */
export interface OutsideCall {
  /** e.g. "GET /orgs/{org}/members?role=admin". */
  call: string;
  /** The scopes or permissions, least privileged first, e.g. "read:org (classic) or Members: read (fine-grained)". */
  scope: string;
}

/** A fact with the call that read it (or tried to) and the scope that call needs. */
export type OutsideFact<T> = Fact<T> & { scope: string };

export function seen<T>(call: OutsideCall, value: T): OutsideFact<T> {
  return { status: 'seen', value, action: call.call, scope: call.scope };
}

export function unknown(call: OutsideCall, reason: UnknownReason, message: string): OutsideFact<never> {
  const fact: UnknownFact & { scope: string } = {
    status: 'unknown',
    reason,
    action: call.call,
    message,
    scope: call.scope,
  };
  return fact;
}

/** `on`, `off` or `unknown`, as the inventory says a second step or its enforcement. */
/** A setting as the inventory writes it. */
export type OnOff = OnOffUnknown;

export function onOff(value: boolean | null | undefined): OnOff {
  return value === true ? 'on' : value === false ? 'off' : 'unknown';
}

/** An HTTP failure as a fact's reason: 401/403 denied, 429 throttled, a timeout, anything else an error. */
export function failureReason(status: number | undefined, error: unknown): UnknownReason {
  if (status === 401 || status === 403) return 'access-denied';
  if (status === 429) return 'throttled';
  if (status === 404) return 'not-available';
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/timeout|timed out|aborted/i.test(text)) return 'timeout';
  if (/ECONNRESET|socket hang up|EPIPE/i.test(text)) return 'connection-reset';
  return 'error';
}

/** A provider error in one line, without its request (which carries the token in a header). */
export function failureLine(status: number | undefined, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.split('\n')[0]!.replace(/\s+/g, ' ').trim();
  const text = status === undefined ? line : `HTTP ${status}: ${line}`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** An answer that is not what the provider documents (no value list, an empty admin list): unknown, never "none". */
export class MalformedAnswer extends Error {
  override readonly name = 'MalformedAnswer';
}

/** The HTTP status of a client's error, wherever the client puts it (Octokit, gaxios, the Graph client). */
export function httpStatus(error: unknown): number | undefined {
  const { status, statusCode, response } = (error ?? {}) as {
    status?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
  };
  for (const value of [status, statusCode, response?.status])
    if (typeof value === 'number' && value > 0) return value;
  return undefined;
}

/**
 * A call that failed, as an unknown fact: the reason from its HTTP status (or the failure itself), the message
 * in one line without the request. The scanners share it, so a refusal reads the same from every provider.
 */
export function failedCall(call: OutsideCall, error: unknown): OutsideFact<never> {
  if (error instanceof MalformedAnswer) return unknown(call, 'malformed-answer', error.message);
  const status = httpStatus(error);
  return unknown(call, failureReason(status, error), failureLine(status, error));
}

/** How long a scanner waits, and how often it tries again when throttled: every scanner takes these. */
export interface ScanRequestBounds {
  /** Most time per request, ms (30 s by default). */
  requestTimeoutMs?: number | undefined;
  /** Retries on a rate limit, each after its Retry-After (2 by default). */
  rateLimitRetries?: number | undefined;
  /** Milliseconds per second of Retry-After (1000; tests shorten it). */
  retryAfterBaseMs?: number | undefined;
}

/** A person's account at a provider as a scan sees it: its login and whether a second step is on. */
export interface SeenMember {
  /** The GitHub login, the Google primary e-mail, the Entra userPrincipalName. */
  login: string;
  twoStepVerification: OutsideFact<OnOff>;
  /** Entra: the second-step kinds registered, in the inventory's words where the mapping is clear. */
  secondFactorTypes?: OutsideFact<string[]> | undefined;
}

/** The admins of one organisation or tenant, as one scanner saw them. */
export interface OutsideScanFacts {
  /** The inventory's provider of the organisation entry. */
  provider: 'github-organization' | 'google-workspace' | 'microsoft-entra';
  /** The provider of its people's accounts. */
  memberProvider: 'github' | 'google' | 'microsoft';
  /** The organisation's login, the Workspace customer, the tenant. */
  login: string;
  /** Owners, super admins or Global Administrators, each with its second step. */
  admins: OutsideFact<SeenMember[]>;
  /** GitHub: 2FA required; Google: 2-Step Verification enforced (for every super admin). */
  twoStepRequired?: OutsideFact<'on' | 'off'>;
  /** Every call made, with its method: a scanner only ever GETs. */
  calls: OutsideCall[];
}
