/**
 * One pool of AWS SDK v3 clients per set of credentials, region and endpoint, with adaptive retries and
 * timeouts. Every client carries the read-only guard: a middleware that refuses any operation outside the
 * scanner's list before anything is sent, and counts calls and retries.
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
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import { allowedOperations } from './actions.js';

export interface PoolSettings {
  region: string;
  /** One endpoint for every service (an emulator such as moto_server); absent: AWS's own endpoints. */
  endpoint?: string | undefined;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number | undefined;
  requestTimeoutMs?: number | undefined;
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
    requestHandler: { requestTimeout: number; connectionTimeout: number };
  } {
    const timeout = this.settings.requestTimeoutMs ?? 15_000;
    return {
      region,
      ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
      credentials: this.settings.credentials,
      maxAttempts: this.settings.maxAttempts ?? 5,
      retryMode: 'adaptive',
      requestHandler: { requestTimeout: timeout, connectionTimeout: Math.min(timeout, 5_000) },
    };
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
    this.guard<I, O>(client);
    return client;
  }

  private guard<I extends object, O extends MetadataBearer>(client: Client<I, O>): void {
    const { stats, responder, accountId } = this;
    const middleware: InitializeMiddleware<I, O> = (next, context) => async (args) => {
      const operation = operationName(context.clientName, context.commandName);
      if (!allowedOperations.has(operation)) {
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
    client.middlewareStack.add(middleware, {
      step: 'initialize',
      name: 'lockoutReadOnlyGuard',
      priority: 'high',
    });
  }
}

function countRetries(stats: CallStats, attempts: number | undefined): void {
  if (attempts !== undefined && attempts > 1) {
    stats.retries += attempts - 1;
    stats.throttled += 1;
  }
}
