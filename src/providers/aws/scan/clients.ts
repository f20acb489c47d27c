/**
 * One pool of AWS SDK v3 clients per set of credentials, region and endpoint, with adaptive retries and
 * timeouts. Every client carries the read-only guard: a middleware that refuses any operation outside the
 * scanner's list before anything is sent, and counts calls and retries. Every call has a deadline: a
 * connection timeout and a per-attempt request timeout in the HTTP handler, and a total deadline per call
 * (retries and the reading of the answer included) and for the whole scan, after which the call is abandoned
 * with a TimeoutError: an endpoint that accepts and never answers, or trickles a byte at a time, cannot hold
 * the scan.
 */

import { AccountClient } from '@aws-sdk/client-account';
import {
  BCMRecommendedActionsClient,
  type ServiceInputTypes as BcmInput,
  type ServiceOutputTypes as BcmOutput,
} from '@aws-sdk/client-bcm-recommended-actions';
import {
  BudgetsClient,
  type ServiceInputTypes as BudgetsInput,
  type ServiceOutputTypes as BudgetsOutput,
} from '@aws-sdk/client-budgets';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { Route53Client } from '@aws-sdk/client-route-53';
import { Route53DomainsClient } from '@aws-sdk/client-route-53-domains';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpHandlerOptions,
  HttpRequest,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
  Pluggable,
} from '@smithy/types';
import { allowedOperations, credentialOperations } from './actions.js';

export interface PoolSettings {
  region: string;
  /** One endpoint for every service (an emulator such as moto_server); absent: AWS's own endpoints. */
  endpoint?: string | undefined;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number | undefined;
  /** Most time for one call, retries and reading the answer included (default 60 s). */
  callTimeoutMs?: number | undefined;
  /** Aborted when the whole scan's time is up: every call still running or started after ends at once. */
  signal?: AbortSignal | undefined;
}

/** Default bound of one call, retries and the reading of the answer included. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** The HTTP handler's bounds for one call bound: connect within 5 s, headers within 15 s per attempt. */
export function handlerTimeouts(callTimeoutMs: number): {
  connectionTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: true;
} {
  return {
    connectionTimeout: Math.min(callTimeoutMs, 5_000),
    requestTimeout: Math.min(callTimeoutMs, 15_000),
    // Without it the SDK only logs a warning when requestTimeout passes, and keeps waiting.
    throwOnRequestTimeout: true,
  };
}

/** A call abandoned at its deadline or at the scan's: classified as a timeout. */
export class DeadlineError extends Error {
  override readonly name = 'TimeoutError';
}

export interface CallStats {
  calls: number;
  retries: number;
  /** Calls per operation ("IAM:GetAccountSummary"), for the benchmark and the read-only proof. */
  byOperation: Map<string, number>;
  /** How many calls were throttled at least once (the limiter slows down on these). */
  throttled: number;
}

/** For tests of APIs an emulator lacks: answer an operation with a recorded response instead of sending it. */
export type Responder = (operation: string, input: unknown, accountId: string | undefined) => unknown;

/** Raised by the guard: the scanner tried an operation outside its read-only list. A bug, never input. */
export class ForbiddenOperationError extends Error {
  override readonly name = 'ForbiddenOperationError';
}

interface Client<I extends object, O extends MetadataBearer> {
  middlewareStack: MiddlewareStack<I, O>;
  send: (...args: never[]) => unknown;
  destroy(): void;
}

export function operationName(clientName: string | undefined, commandName: string | undefined): string {
  return `${(clientName ?? '?').replace(/Client$/, '')}:${(commandName ?? '?').replace(/Command$/, '')}`;
}

export class ClientPool {
  readonly settings: PoolSettings;
  readonly stats: CallStats;
  /** The account these credentials act in, when known (for responders and reports). */
  readonly accountId: string | undefined;
  private readonly responder: Responder | undefined;
  private readonly clients = new Map<string, { destroy(): void }>();

  constructor(
    settings: PoolSettings,
    options: { stats?: CallStats; responder?: Responder; accountId?: string } = {},
  ) {
    this.settings = settings;
    this.stats = options.stats ?? { calls: 0, retries: 0, throttled: 0, byOperation: new Map() };
    this.responder = options.responder;
    this.accountId = options.accountId;
  }

  /** A pool for other credentials (a member account), sharing settings, stats and responder. */
  withCredentials(credentials: AwsCredentialIdentity, accountId: string): ClientPool {
    return new ClientPool(
      { ...this.settings, credentials },
      { stats: this.stats, accountId, ...(this.responder ? { responder: this.responder } : {}) },
    );
  }

  iam(): IAMClient {
    // IAM is global: its endpoint lives in us-east-1 whatever the scan's region.
    return this.client('iam', () => this.guarded(new IAMClient(this.config('us-east-1'))));
  }
  sts(): STSClient {
    return this.client('sts', () => this.guarded(new STSClient(this.config())));
  }
  account(): AccountClient {
    return this.client('account', () => this.guarded(new AccountClient(this.config('us-east-1'))));
  }
  organizations(): OrganizationsClient {
    return this.client('organizations', () =>
      this.guarded(new OrganizationsClient(this.config('us-east-1'))),
    );
  }
  route53(): Route53Client {
    return this.client('route53', () => this.guarded(new Route53Client(this.config('us-east-1'))));
  }
  route53domains(): Route53DomainsClient {
    return this.client('route53domains', () =>
      this.guarded(new Route53DomainsClient(this.config('us-east-1'))),
    );
  }
  budgets(): BudgetsClient {
    return this.client('budgets', () =>
      this.guarded<BudgetsInput, BudgetsOutput, BudgetsClient>(new BudgetsClient(this.config('us-east-1'))),
    );
  }
  /** SNS in `region` (a topic's own region), else the scan's. */
  sns(region = this.settings.region): SNSClient {
    return this.client(`sns:${region}`, () => this.guarded(new SNSClient(this.config(region))));
  }
  cloudwatch(): CloudWatchClient {
    // Billing metrics live in us-east-1 only.
    return this.client('cloudwatch', () => this.guarded(new CloudWatchClient(this.config('us-east-1'))));
  }
  recommendedActions(): BCMRecommendedActionsClient {
    return this.client('bcm', () =>
      this.guarded<BcmInput, BcmOutput, BCMRecommendedActionsClient>(
        new BCMRecommendedActionsClient(this.config('us-east-1')),
      ),
    );
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private config(region = this.settings.region): {
    region: string;
    endpoint?: string;
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
    maxAttempts: number;
    retryMode: 'adaptive';
    requestHandler: ReturnType<typeof handlerTimeouts>;
  } {
    return {
      region,
      ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
      credentials: this.settings.credentials,
      maxAttempts: this.settings.maxAttempts ?? 5,
      retryMode: 'adaptive',
      requestHandler: handlerTimeouts(this.callTimeoutMs()),
    };
  }

  private callTimeoutMs(): number {
    return this.settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  }

  /** The pooled client under this key, made and guarded on first use. */
  private client<T extends { destroy(): void }>(key: string, make: () => T): T {
    const existing = this.clients.get(key);
    if (existing) return existing as T;
    const client = make();
    this.clients.set(key, client);
    return client;
  }

  private guarded<I extends object, O extends MetadataBearer, C extends Client<I, O>>(client: C): C {
    client.middlewareStack.add(
      guardMiddleware<I, O>(this.stats, allowedOperations, this.responder, this.accountId),
      {
        step: 'initialize',
        name: 'lockoutReadOnlyGuard',
        priority: 'high',
      },
    );
    // Every send goes through the deadline, paginators' included (they call client.send).
    const send = client.send.bind(client) as SendFunction;
    const callTimeoutMs = this.callTimeoutMs();
    const scanSignal = this.settings.signal;
    client.send = (command: unknown, options?: HttpHandlerOptions) =>
      sendWithDeadline(send, command, options, callTimeoutMs, scanSignal);
    return client;
  }
}

type SendFunction = (command: unknown, options?: HttpHandlerOptions) => Promise<unknown>;

/**
 * One call bounded by its own deadline and the scan's. The abort signal stops the HTTP request (connecting,
 * waiting, or reading a trickling body); the race ends the call even where the SDK is not listening for the
 * signal (the adaptive retry's waits), and the error says which deadline passed, whatever the socket said.
 */
async function sendWithDeadline(
  send: SendFunction,
  command: unknown,
  options: HttpHandlerOptions | undefined,
  callTimeoutMs: number,
  scanSignal: AbortSignal | undefined,
): Promise<unknown> {
  if (scanSignal?.aborted) throw scanSignal.reason;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new DeadlineError(`no complete answer within ${callTimeoutMs} ms (the deadline of one call)`),
    );
  }, callTimeoutMs);
  const onScanEnd = (): void => {
    controller.abort(scanSignal?.reason);
  };
  scanSignal?.addEventListener('abort', onScanEnd, { once: true });
  const abandoned = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener(
      'abort',
      () => {
        reject(controller.signal.reason as Error);
      },
      {
        once: true,
      },
    );
  });
  try {
    // The scanner's own callers never pass a signal: the deadline's is the call's.
    return await Promise.race([send(command, { ...options, abortSignal: controller.signal }), abandoned]);
  } catch (error) {
    // Aborting destroys the socket: the SDK then reports a reset or an AbortError; the deadline is the cause.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    scanSignal?.removeEventListener('abort', onScanEnd);
  }
}

/**
 * The guard: refuses an operation outside `allowed` before anything is built or sent, counts calls and retries,
 * and answers from the responder (tests) when it has an answer.
 */
function guardMiddleware<I extends object, O extends MetadataBearer>(
  stats: CallStats,
  allowed: ReadonlySet<string>,
  responder: Responder | undefined,
  accountId: string | undefined,
): InitializeMiddleware<I, O> {
  return (next, context) => async (args) => {
    const operation = operationName(context.clientName, context.commandName);
    if (!allowed.has(operation)) {
      throw new ForbiddenOperationError(
        `Lockout refuses to call ${operation}: it is not in the scanner's read-only list`,
      );
    }
    stats.calls += 1;
    stats.byOperation.set(operation, (stats.byOperation.get(operation) ?? 0) + 1);
    const recorded = responder?.(operation, args.input, accountId);
    if (recorded !== undefined) {
      if (recorded instanceof Error) throw recorded;
      // A recorded response stands for the deserialized output of this very operation.
      const output = { $metadata: { httpStatusCode: 200, attempts: 1 }, ...(recorded as object) } as O;
      return { output, response: undefined };
    }
    try {
      const result = await next(args);
      countRetries(stats, result.output.$metadata.attempts);
      return result;
    } catch (error) {
      countRetries(stats, (error as { $metadata?: { attempts?: number } }).$metadata?.attempts);
      throw error;
    }
  };
}

/**
 * The configuration Lockout gives the SDK's credential providers (fromNodeProviderChain): the same endpoint and
 * HTTP bounds as the scan's own clients, and the guard on the STS clients they make, so that the calls they make
 * (sts:AssumeRoleWithWebIdentity, sts:AssumeRole from a profile) are counted as the scan's and nothing else is
 * let through. The IAM Identity Center and `aws login` clients take no plugins, only a configuration: their
 * requests are counted by route in their HTTP handler.
 */
export function credentialProviderConfig(settings: {
  endpoint?: string | undefined;
  maxAttempts?: number | undefined;
  callTimeoutMs?: number | undefined;
  stats: CallStats;
}): {
  clientConfig: {
    endpoint?: string;
    maxAttempts: number;
    requestHandler: ReturnType<typeof handlerTimeouts>;
    extensions: { configure(config: HttpHandlerExtension): void }[];
  };
  clientPlugins: Pluggable<object, MetadataBearer>[];
} {
  return {
    clientConfig: {
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      maxAttempts: settings.maxAttempts ?? 5,
      requestHandler: handlerTimeouts(settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS),
      extensions: [countCredentialRequests(settings.stats)],
    },
    clientPlugins: [
      {
        applyToStack(stack) {
          stack.add(guardMiddleware(settings.stats, credentialOperations, undefined, undefined), {
            step: 'initialize',
            name: 'lockoutCredentialGuard',
            priority: 'high',
          });
        },
      },
    ],
  };
}

function countRetries(stats: CallStats, attempts: number | undefined): void {
  if (attempts !== undefined && attempts > 1) {
    stats.retries += attempts - 1;
    stats.throttled += 1;
  }
}

/** The credential calls of clients without plugins, by HTTP route (the STS ones are counted by the guard). */
const credentialRoutes: readonly { method: string; path: string; operation: string }[] = [
  { method: 'GET', path: '/federation/credentials', operation: 'SSO:GetRoleCredentials' },
  { method: 'POST', path: '/token', operation: 'SSOOIDC:CreateToken' },
  { method: 'POST', path: '/v1/token', operation: 'Signin:CreateOAuth2Token' },
];

/** The part of an SDK client's runtime extension configuration that holds its HTTP handler. */
interface HttpHandlerExtension {
  httpHandler(): HttpHandlerLike;
  setHttpHandler(handler: HttpHandlerLike): void;
}

interface HttpHandlerLike {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<unknown>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): object;
  destroy?(): void;
  metadata?: unknown;
}

/** Counts each request of a credential client (an attempt: these clients rarely retry) as one call. */
function countCredentialRequests(stats: CallStats): { configure(config: HttpHandlerExtension): void } {
  return {
    configure(config) {
      const inner = config.httpHandler();
      config.setHttpHandler({
        handle: (request, options) => {
          const route = credentialRoutes.find(
            (r) => r.method === request.method && request.path.endsWith(r.path),
          );
          if (route) {
            stats.calls += 1;
            stats.byOperation.set(route.operation, (stats.byOperation.get(route.operation) ?? 0) + 1);
          }
          return inner.handle(request, options);
        },
        updateHttpClientConfig: (key, value) => {
          inner.updateHttpClientConfig(key, value);
        },
        httpHandlerConfigs: () => inner.httpHandlerConfigs(),
        destroy: () => {
          inner.destroy?.();
        },
        metadata: inner.metadata,
      });
    },
  };
}
