// Test support: record every operation that AWS SDK v3 clients send, so a test can assert that nothing outside an
// allowed list went out (the scanner is read-only, provably). The same middleware refuses, before anything is
// sent, a request whose host is not the loopback address: tests never talk to real AWS.
//
//   const { recorder, iam } = recordingClients(moto.url);
//   await iam.send(new GetAccountSummaryCommand({}));
//   expect(recorder.operations()).toEqual(['IAM:GetAccountSummary']);
//   recorder.assertOnly(['IAM:GetAccountSummary', 'IAM:ListVirtualMFADevices']);
//
// Clients made elsewhere (by the code under test) are recorded with recordOperations(client, recorder), or all at
// once, for every client of the process, with recordAllClients(recorder).
import { AccountClient } from '@aws-sdk/client-account';
import { BCMRecommendedActionsClient } from '@aws-sdk/client-bcm-recommended-actions';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { Route53Client } from '@aws-sdk/client-route-53';
import { Route53DomainsClient } from '@aws-sdk/client-route-53-domains';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { motoClientConfig, type StaticCredentials } from './moto-server.js';

/** One operation as it left the client. */
export interface OperationRecord {
  /** "IAM:GetAccountSummary": the client's name less "Client", then the command's name less "Command". */
  operation: string;
  /** "IAM", "Organizations", "Route53Domains", "BCMRecommendedActions"... */
  service: string;
  /** "GetAccountSummary". */
  command: string;
  /** The host it was sent to. */
  hostname: string;
  /** How it ended: 'ok', or the error's name ('pending' until it ends). */
  outcome: string;
  /** HTTP status of the last attempt, when there was an answer. */
  httpStatusCode?: number;
}

/** "IAM:GetAccountSummary" from the SDK's client and command names. */
export function operationId(clientName: string | undefined, commandName: string | undefined): string {
  return `${serviceOf(clientName)}:${commandOf(commandName)}`;
}

function serviceOf(clientName: string | undefined): string {
  return (clientName ?? '?').replace(/Client$/, '');
}

function commandOf(commandName: string | undefined): string {
  return (commandName ?? '?').replace(/Command$/, '');
}

/** Thrown before sending when a request would leave the machine. */
export class NonLoopbackRequestError extends Error {
  override readonly name = 'NonLoopbackRequestError';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export class OperationRecorder {
  readonly records: OperationRecord[] = [];

  /** The distinct operations sent, sorted. */
  operations(): string[] {
    return [...new Set(this.records.map((record) => record.operation))].sort();
  }

  /** How many times each operation was sent. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { operation } of this.records) counts.set(operation, (counts.get(operation) ?? 0) + 1);
    return counts;
  }

  /** The operations sent that `allowed` does not list ("Service:Command", or "Service:*" for a whole service). */
  unexpected(allowed: Iterable<string>): string[] {
    const allow = new Set(allowed);
    return this.operations().filter(
      (operation) => !allow.has(operation) && !allow.has(`${operation.split(':')[0] ?? ''}:*`),
    );
  }

  /** Throws, naming them, if any operation outside `allowed` was sent. */
  assertOnly(allowed: Iterable<string>): void {
    const extra = this.unexpected(allowed);
    if (extra.length > 0) {
      throw new Error(`operations sent outside the allowed list: ${extra.join(', ')}`);
    }
  }

  clear(): void {
    this.records.length = 0;
  }
}

/** The least a client must have to be recorded: every AWS SDK v3 client qualifies. */
interface StackClient {
  middlewareStack: {
    add(middleware: unknown, options: { step: 'build'; name: string; override?: boolean }): void;
  };
}

const MIDDLEWARE_NAME = 'lockoutTestRecorder';

interface BuildArgs {
  request: unknown;
}
interface HandlerContext {
  clientName?: string;
  commandName?: string;
}
type Next = (args: BuildArgs) => Promise<{ output: { $metadata?: { httpStatusCode?: number } } }>;

/**
 * Adds the recorder to `client` (once: a client already recorded moves to the new recorder). The middleware sits
 * in the build step, after serialization and before retries: one record per operation sent, none for an operation
 * that an earlier middleware answered or refused without sending.
 */
export function recordOperations<C>(client: C, recorder: OperationRecorder): C {
  const middleware =
    (next: Next, context: HandlerContext) =>
    async (args: BuildArgs): Promise<Awaited<ReturnType<Next>>> => {
      const hostname = (args.request as { hostname?: string } | undefined)?.hostname ?? '';
      const record: OperationRecord = {
        operation: operationId(context.clientName, context.commandName),
        service: serviceOf(context.clientName),
        command: commandOf(context.commandName),
        hostname,
        outcome: 'pending',
      };
      if (!LOOPBACK_HOSTS.has(hostname)) {
        record.outcome = 'NonLoopbackRequestError';
        recorder.records.push(record);
        throw new NonLoopbackRequestError(
          `refusing to send ${record.operation} to ${hostname || '(no host)'}: tests talk to 127.0.0.1 only`,
        );
      }
      recorder.records.push(record);
      try {
        const result = await next(args);
        record.outcome = 'ok';
        const status = result.output.$metadata?.httpStatusCode;
        if (status !== undefined) record.httpStatusCode = status;
        return result;
      } catch (error) {
        record.outcome = error instanceof Error ? error.name : 'unknown';
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status !== undefined) record.httpStatusCode = status;
        throw error;
      }
    };
  (client as StackClient).middlewareStack.add(middleware, {
    step: 'build',
    name: MIDDLEWARE_NAME,
    override: true,
  });
  return client;
}

/**
 * Records the operations of every SDK client of this process, whoever made it, until the returned function is
 * called: the shared base class's `send` is wrapped so that each client gets the recorder on its first call.
 */
export function recordAllClients(recorder: OperationRecorder): () => void {
  const base = Object.getPrototypeOf(IAMClient.prototype) as { send: (...args: unknown[]) => unknown };
  const original = base.send;
  const seen = new WeakSet<object>();
  base.send = function (this: object, ...args: unknown[]): unknown {
    if (!seen.has(this)) {
      seen.add(this);
      recordOperations(this, recorder);
    }
    return original.apply(this, args);
  };
  return () => {
    base.send = original;
  };
}

export interface RecordingClients {
  recorder: OperationRecorder;
  iam: IAMClient;
  sts: STSClient;
  account: AccountClient;
  organizations: OrganizationsClient;
  route53: Route53Client;
  route53domains: Route53DomainsClient;
  budgets: BudgetsClient;
  sns: SNSClient;
  recommendedActions: BCMRecommendedActionsClient;
  cloudwatch: CloudWatchClient;
  /** Closes every client's connections. */
  destroy: () => void;
}

/**
 * One client per service that Lockout reads, all pointed at the emulator at `url` with `credentials` (default:
 * the fake ones, which act in moto's default account 123456789012), all recorded by one recorder.
 */
export function recordingClients(
  url: string,
  options: { credentials?: StaticCredentials; recorder?: OperationRecorder } = {},
): RecordingClients {
  const recorder = options.recorder ?? new OperationRecorder();
  const config = motoClientConfig(url, options.credentials);
  const clients = {
    iam: recordOperations(new IAMClient(config), recorder),
    sts: recordOperations(new STSClient(config), recorder),
    account: recordOperations(new AccountClient(config), recorder),
    organizations: recordOperations(new OrganizationsClient(config), recorder),
    route53: recordOperations(new Route53Client(config), recorder),
    route53domains: recordOperations(new Route53DomainsClient(config), recorder),
    budgets: recordOperations(new BudgetsClient(config), recorder),
    sns: recordOperations(new SNSClient(config), recorder),
    recommendedActions: recordOperations(new BCMRecommendedActionsClient(config), recorder),
    cloudwatch: recordOperations(new CloudWatchClient(config), recorder),
  };
  return {
    recorder,
    ...clients,
    destroy: () => {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
