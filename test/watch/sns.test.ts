// The SNS channel end to end against moto_server on 127.0.0.1: a topic with an HTTP subscription to a local
// receiver, so each Publish arrives as the notification SNS would post. Credentials come through the default
// chain (the fake ones the harness puts in the environment), never a real AWS endpoint.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, ListTopicsCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { openStore, type Store } from '../../src/store/index.js';
import { asciiSubject } from '../../src/watch/channels/render.js';
import { NotPublishError, publishOnlyClient } from '../../src/watch/channels/sns.js';
import { snsChannel, watchRound, type AlertChannel } from '../../src/watch/index.js';
import { motoClientConfig, resetMoto, startMotoServer, type MotoServer } from '../aws/moto-server.js';
import { smallTeam, withoutSecondRootKey, countsOf } from './fixture.js';
import { startReceiver, type Receiver } from './receiver.js';

interface Notification {
  Type: string;
  TopicArn: string;
  Subject: string;
  Message: string;
}

let moto: MotoServer;
let dir: string;
let store: Store;
let subscriber: Receiver;
let inventory: string;

beforeAll(async () => {
  moto = await startMotoServer();
});

afterAll(async () => {
  await moto.stop();
});

beforeEach(async () => {
  await resetMoto(moto.url);
  dir = mkdtempSync(join(tmpdir(), 'lockout-watch-sns-'));
  store = openStore(join(dir, 'lockout.db'));
  subscriber = await startReceiver('unused');
  inventory = join(dir, 'lockout.yaml');
  writeFileSync(inventory, smallTeam);
});

afterEach(async () => {
  store.close();
  await subscriber.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A topic in moto's account with the local receiver subscribed over HTTP. */
async function topicHeard(name: string, attributes?: Record<string, string>): Promise<string> {
  const sns = new SNSClient(motoClientConfig(moto.url));
  try {
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: name, ...(attributes ? { Attributes: attributes } : {}) }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: subscriber.url }));
    return TopicArn!;
  } finally {
    sns.destroy();
  }
}

function channel(topicArn: string): AlertChannel {
  return snsChannel({ name: 'alerts', topicArn, endpoint: moto.url });
}

async function round(to: AlertChannel) {
  const input = await readInventoryInput(inventory, {});
  return watchRound({
    store,
    input,
    channels: [to],
    retry: { attempts: 1, baseDelayMs: 1, timeoutMs: 10_000 },
    dryRun: false,
  });
}

function notifications(): Notification[] {
  return subscriber.received.map((message) => message.payload as Notification);
}

describe('the SNS channel', () => {
  it('publishes a change once to the topic: an ASCII subject naming it, the text as the message', async () => {
    const topic = await topicHeard('lockout-alerts');
    await round(channel(topic));
    await round(channel(topic));
    expect(notifications()).toHaveLength(1);

    writeFileSync(inventory, withoutSecondRootKey());
    const outcome = await round(channel(topic));
    expect(outcome.deliveries).toEqual([expect.objectContaining({ channel: 'sns:alerts', status: 'sent' })]);
    expect(notifications()).toHaveLength(2);
    const notification = notifications()[1]!;
    expect(notification).toMatchObject({ Type: 'Notification', TopicArn: topic });
    expect(notification.Subject).toBe(
      `Lockout: ${countsOf(outcome.alerts)} - Root's MFA depends on a single device (acme-management)`,
    );
    expect(notification.Message).toContain(
      "NEW (high): Root's MFA depends on a single device (acme-management)",
    );
    expect(notification.Message).toContain('YubiKey 5 NFC (Mika)');
    await round(channel(topic));
    expect(notifications()).toHaveLength(2);
  });

  it("a topic that is not there fails with the service's reason and stays pending; it goes out once there", async () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:lockout-later';
    const first = await round(channel(topic));
    expect(first.deliveries).toEqual([expect.objectContaining({ channel: 'sns:alerts', status: 'failed' })]);
    expect(first.deliveries[0]!.error).toMatch(/^NotFound/);
    expect(store.db.prepare('SELECT status FROM watch_deliveries').all()).toEqual([{ status: 'pending' }]);

    expect(await topicHeard('lockout-later')).toBe(topic);
    const second = await round(channel(topic));
    expect(second.deliveries).toEqual([expect.objectContaining({ status: 'sent', roundId: first.roundId })]);
    expect(notifications()).toHaveLength(1);
  });

  it('gives a FIFO topic the group and deduplication ids it requires', async () => {
    const topic = await topicHeard('lockout-alerts.fifo', { FifoTopic: 'true' });
    const outcome = await round(channel(topic));
    expect(outcome.deliveries).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('the client sends Publish and nothing else', async () => {
    const client = await publishOnlyClient(
      'us-east-1',
      () => Promise.resolve({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
      moto.url,
      5_000,
    );
    try {
      await expect(client.send(new ListTopicsCommand({}))).rejects.toBeInstanceOf(NotPublishError);
    } finally {
      client.destroy();
    }
  });

  it('keeps the subject ASCII and under 100 characters, as SNS requires', () => {
    const subject = asciiSubject(`Lockout: 3 new — Ca\u0301rte « Zoë » expires ${'x'.repeat(120)}`, 99);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject.length).toBeLessThanOrEqual(99);
    expect(subject).toMatch(/^Lockout: 3 new - Carte Zoe expires x+\.\.\.$/);
  });
});
