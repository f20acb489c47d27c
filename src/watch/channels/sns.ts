/**
 * The Amazon SNS channel: one Publish per round to the user's own topic, its Subject the subject in ASCII
 * (SNS takes nothing else, under 100 characters) and its Message the plain text. This is the only write
 * Lockout makes to AWS, and only to the topic the user names: the client refuses any other operation before
 * a request is built. Credentials come the way the scan finds them (the default chain, --profile); the region
 * is the topic's, read from its ARN.
 */
import { createHash } from 'node:crypto';
import type { PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CallStats } from '../../providers/aws/scan/clients.js';
import { channelId, ChannelError, networkReason, type AlertChannel } from './channel.js';
import { asciiSubject, parsePayload, subjectOf, textOf } from './render.js';

export interface SnsSettings {
  name: string;
  topicArn: string;
  /** A profile of ~/.aws/config; absent: the default credential chain. */
  profile?: string | undefined;
  /** One endpoint for SNS (an emulator such as moto_server); absent: AWS's own. */
  endpoint?: string | undefined;
}

/** arn:aws:sns:<region>:<account>:<topic>, in any partition; the topic name may end in .fifo. */
const topicArnPattern = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

export function parseTopicArn(arn: string): { region: string; account: string; topic: string } | undefined {
  const match = topicArnPattern.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, topic: match[3]! } : undefined;
}

/** SNS takes a Message of at most 256 KiB; the text is cut well before, at a line. */
const messageLimit = 200_000;

export function publishInput(topicArn: string, stored: string, deliveryId: number): PublishCommandInput {
  const payload = parsePayload(stored);
  let message = textOf(payload);
  if (Buffer.byteLength(message) > messageLimit) {
    const cut = Buffer.from(message).subarray(0, messageLimit).toString('utf8');
    message = `${cut.slice(0, cut.lastIndexOf('\n') + 1)}…(cut: the message is longer than SNS takes)\n`;
  }
  const fifo = topicArn.endsWith('.fifo');
  const dedup = createHash('sha256').update(`${deliveryId}\n${stored}`).digest('hex').slice(0, 64);
  return {
    TopicArn: topicArn,
    Subject: asciiSubject(subjectOf(payload), 99),
    Message: message,
    MessageAttributes: {
      'lockout.delivery': { DataType: 'Number', StringValue: String(deliveryId) },
      'lockout.round': { DataType: 'Number', StringValue: String(payload.round.id) },
    },
    // A FIFO topic drops the repeat a crash can cause by itself, within its five minutes.
    ...(fifo ? { MessageGroupId: 'lockout-watch', MessageDeduplicationId: dedup } : {}),
  };
}

export function snsChannel(settings: SnsSettings): AlertChannel {
  const arn = parseTopicArn(settings.topicArn);
  if (!arn) throw new Error('not an SNS topic ARN');
  // The topic's ARN is not a secret, and the message below it names the accounts anyway: shown whole.
  const description = `sns ${settings.topicArn}`;
  const stats: CallStats = { calls: 0, retries: 0, throttled: 0, byOperation: new Map() };
  let credentials: AwsCredentialIdentityProvider | undefined;
  return {
    kind: 'sns',
    name: settings.name,
    id: channelId('sns', settings.name),
    description,
    send: async (stored, deliveryId, timeoutMs) => {
      const input = publishInput(settings.topicArn, stored, deliveryId);
      // Lockout supports the Node.js it runs on; the SDK's notice about its own future support is not the
      // user's alert (as `lockout scan` decides).
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      // Loaded when a message is published: a watch with other channels starts without the SDK.
      const [{ PublishCommand }, { fromNodeProviderChain }, { credentialProviderConfig }] = await Promise.all(
        [
          import('@aws-sdk/client-sns'),
          import('@aws-sdk/credential-providers'),
          import('../../providers/aws/scan/clients.js'),
        ],
      );
      credentials ??= fromNodeProviderChain({
        ...(settings.profile ? { profile: settings.profile } : {}),
        ...credentialProviderConfig({ endpoint: settings.endpoint, maxAttempts: 1, stats }),
      });
      const client = await publishOnlyClient(arn.region, credentials, settings.endpoint, timeoutMs);
      try {
        await client.send(new PublishCommand(input), { abortSignal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new ChannelError(snsFailure(error, timeoutMs));
      } finally {
        client.destroy();
      }
    },
  };
}

/** Raised by the guard: something tried an SNS operation other than Publish. A bug, never input. */
export class NotPublishError extends Error {
  override readonly name = 'NotPublishError';
}

/** An SNS client that sends Publish and nothing else; one attempt (the round retries). */
export async function publishOnlyClient(
  region: string,
  credentials: AwsCredentialIdentityProvider,
  endpoint: string | undefined,
  timeoutMs: number,
): Promise<SNSClient> {
  const [{ SNSClient }, { handlerTimeouts }] = await Promise.all([
    import('@aws-sdk/client-sns'),
    import('../../providers/aws/scan/clients.js'),
  ]);
  const client = new SNSClient({
    region,
    credentials,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 1,
    requestHandler: handlerTimeouts(timeoutMs),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'PublishCommand')
        throw new NotPublishError(`the SNS channel sends Publish only, not ${context.commandName ?? '?'}`);
      return next(args);
    },
    { step: 'initialize', name: 'lockoutPublishOnly', priority: 'high' },
  );
  return client;
}

/** The SDK's error in one line: its name and first line ("NotFound: Topic does not exist"), or the network's. */
function snsFailure(error: unknown, timeoutMs: number): string {
  const failure = error as {
    name?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: number };
  } | null;
  const name = typeof failure?.name === 'string' ? failure.name : 'Error';
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  if (failure?.$metadata?.httpStatusCode === undefined && (error as NodeJS.ErrnoException | null)?.code)
    return networkReason(error);
  const message = typeof failure?.message === 'string' ? failure.message.split('\n')[0]!.slice(0, 200) : '';
  return message ? `${name}: ${message}` : name;
}
