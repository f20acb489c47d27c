// `lockout watch` with every kind of channel at once, as a user runs it: a signed webhook, e-mail to a real
// SMTP server, Slack and SNS (moto_server), all on 127.0.0.1, their secrets in the environment or a secrets
// file. Rounds with nothing changed send nothing anywhere; a change sends one message per channel naming it;
// a channel that is down gets its message once it is back while the others are not held up; and no secret
// appears in what is printed, logged or stored.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import Sqlite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { motoClientConfig, resetMoto, startMotoServer, type MotoServer } from '../aws/moto-server.js';
import { cli } from '../support/cli.js';
import { singleDeviceKey, smallTeam, withoutSecondRootKey, countsOf } from './fixture.js';
import { startReceiver, type Receiver } from './receiver.js';
import { readMail, startSmtpServer, type SmtpReceiver } from './smtp.js';

const webhookKey = 'hook-key-Zq81-not-a-secret';
const login = { user: 'watcher', pass: 'smtp-Pw-4471-not-a-secret' };
const title = "Root's MFA depends on a single device (acme-management)";

let moto: MotoServer;
let dir: string;
let inventory: string;
let store: string;
let hook: Receiver;
let slack: Receiver;
let snsSubscriber: Receiver;
let smtp: SmtpReceiver;
let topicArn: string;
const env: Record<string, string> = {};

beforeAll(async () => {
  moto = await startMotoServer();
});

afterAll(async () => {
  await moto.stop();
});

beforeEach(async () => {
  await resetMoto(moto.url);
  dir = mkdtempSync(join(tmpdir(), 'lockout-watch-channels-'));
  inventory = join(dir, 'lockout.yaml');
  writeFileSync(inventory, smallTeam);
  store = join(dir, 'lockout.db');
  hook = await startReceiver(webhookKey);
  slack = await startReceiver('unused');
  snsSubscriber = await startReceiver('unused');
  smtp = await startSmtpServer(login);
  const sns = new SNSClient(motoClientConfig(moto.url));
  try {
    topicArn = (await sns.send(new CreateTopicCommand({ Name: 'lockout-alerts' }))).TopicArn!;
    await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: snsSubscriber.url }),
    );
  } finally {
    sns.destroy();
  }
  Object.assign(env, {
    LOCKOUT_WEBHOOK_OPS_URL: hook.url,
    LOCKOUT_WEBHOOK_OPS_KEY: webhookKey,
    LOCKOUT_EMAIL_OPS_URL: smtpUrl(smtp.port),
    LOCKOUT_EMAIL_OPS_FROM: 'lockout@example.net',
    LOCKOUT_EMAIL_OPS_TO: 'ana@example.net, ops@example.net',
    LOCKOUT_SLACK_OPS_URL: slack.url,
    LOCKOUT_SNS_OPS_TOPIC: topicArn,
  });
  Object.assign(process.env, env);
});

afterEach(async () => {
  for (const name of Object.keys(env)) Reflect.deleteProperty(process.env, name);
  await Promise.all([hook.close(), slack.close(), snsSubscriber.close(), smtp.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function smtpUrl(port: number): string {
  return `smtp://${login.user}:${login.pass}@127.0.0.1:${port}`;
}

const allChannels = ['--webhook', 'ops', '--email', 'ops', '--slack', 'ops', '--sns', 'ops'];

const watch = (...extra: string[]) =>
  cli([
    'watch',
    '--offline',
    inventory,
    '--store',
    store,
    '--endpoint-url',
    moto.url,
    '--retries',
    '1',
    '--retry-delay',
    '0.01',
    // The day the example was declared on: what the change raises does not move with the calendar.
    '--as-of',
    '2025-06-01',
    ...extra,
  ]);

/** How many messages each channel's receiver got. */
function counts(): Record<string, number> {
  return {
    webhook: hook.received.length,
    email: smtp.received.length,
    slack: slack.received.length,
    sns: snsSubscriber.received.length,
  };
}

/** The secrets, and the URLs that hold them: none may be printed, logged or stored. */
function secrets(): string[] {
  return [
    webhookKey,
    login.pass,
    hook.url,
    slack.url,
    env.LOCKOUT_EMAIL_OPS_URL!,
    `${login.user}:${login.pass}`,
  ];
}

function storeBytes(): Buffer {
  return Buffer.concat(
    [store, `${store}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)),
  );
}

describe('lockout watch with every kind of channel', () => {
  it('sends nothing while nothing changes, one message per channel for a change, and a down channel its message once back', async () => {
    const printed: string[] = [];
    // Round 1, the baseline: the SMTP server is not listening; the other channels get it at once.
    const smtpPort = smtp.port;
    await smtp.close();
    const first = await watch(...allChannels);
    printed.push(first.stdout, first.stderr);
    expect(first.code).toBe(4);
    expect(first.stderr).toContain(
      'lockout: watch: channel email:ops: round 1 not delivered after 2 attempts (could not connect (ECONNREFUSED))',
    );
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    expect(first.stdout).toContain('ops: sent round 1');
    expect(first.stdout).toContain('slack:ops: sent round 1');
    expect(first.stdout).toContain('sns:ops: sent round 1');
    expect(counts()).toEqual({ webhook: 1, email: 0, slack: 1, sns: 1 });

    // Round 2, nothing changed, the server back: only the pending mail goes out.
    smtp = await startSmtpServer(login, smtpPort);
    const second = await watch(...allChannels);
    printed.push(second.stdout, second.stderr);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Round 2: no change, nothing to send');
    expect(second.stdout).toContain('email:ops: sent round 1');
    expect(counts()).toEqual({ webhook: 1, email: 1, slack: 1, sns: 1 });

    // Round 3, nothing changed: nothing anywhere.
    const third = await watch(...allChannels);
    printed.push(third.stdout, third.stderr);
    expect(third.code).toBe(0);
    expect(counts()).toEqual({ webhook: 1, email: 1, slack: 1, sns: 1 });

    // Round 4: a root MFA device removed from the inventory: exactly one message per channel, naming it.
    writeFileSync(inventory, withoutSecondRootKey());
    const fourth = await watch(...allChannels);
    printed.push(fourth.stdout, fourth.stderr);
    expect(fourth.code).toBe(0);
    expect(fourth.stderr).toBe('');
    expect(counts()).toEqual({ webhook: 2, email: 2, slack: 2, sns: 2 });
    const webhookPayload = hook.received[1]!.payload as {
      alerts: { key: string; title: string; change: string }[];
    };
    expect(webhookPayload.alerts[0]).toMatchObject({ key: singleDeviceKey, title });
    expect(hook.received[1]!.signatureValid).toBe(true);
    expect(readMail(smtp.received[1]!.raw).headers.get('subject')).toBe(
      `Lockout: ${countsOf(webhookPayload.alerts)} — ${title}`,
    );
    expect((slack.received[1]!.payload as { text: string }).text).toBe(
      `Lockout: ${countsOf(webhookPayload.alerts)} — ${title}`,
    );
    expect((snsSubscriber.received[1]!.payload as { Subject: string }).Subject).toBe(
      `Lockout: ${countsOf(webhookPayload.alerts)} - ${title}`,
    );

    // No secret in what was printed, nor in the store's bytes; the store knows the channels by kind and name.
    const stored = storeBytes();
    for (const secret of secrets()) {
      for (const output of printed) expect(output).not.toContain(secret);
      expect(stored.includes(secret)).toBe(false);
    }
    const db = new Sqlite(store, { readonly: true });
    try {
      expect(
        db.prepare('SELECT DISTINCT channel FROM watch_deliveries ORDER BY channel').pluck().all(),
      ).toEqual(['email:ops', 'ops', 'slack:ops', 'sns:ops']);
    } finally {
      db.close();
    }
  });

  it('--dry-run shows every channel masked, the subject and text, and sends nothing', async () => {
    const result = await watch(...allChannels, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Channel ops (webhook http://127.0.0.1:****/****, key ****)');
    expect(result.stdout).toContain('Channel email:ops (email smtp://****@127.0.0.1:****, 2 recipients)');
    expect(result.stdout).toContain('Channel slack:ops (slack http://127.0.0.1:****/****)');
    expect(result.stdout).toContain(`Channel sns:ops (sns ${topicArn})`);
    expect(result.stdout).toMatch(/^Subject: Lockout: \d+ new — /m);
    for (const secret of secrets()) expect(result.stdout).not.toContain(secret);
    expect(counts()).toEqual({ webhook: 0, email: 0, slack: 0, sns: 0 });
    expect(existsSync(store)).toBe(false);
  });

  it('reads every kind from a secrets file, and names the file, line and column of a mistake', async () => {
    for (const name of Object.keys(env)) Reflect.deleteProperty(process.env, name);
    const file = join(dir, 'secrets.yaml');
    const secretsYaml = [
      'webhooks:',
      `  ops: { url: "${hook.url}", key: ${webhookKey} }`,
      'email:',
      '  ops:',
      `    url: ${smtpUrl(smtp.port)}`,
      '    from: Lockout <lockout@example.net>',
      '    to: [ana@example.net, ops@example.net]',
      'slack:',
      `  ops: { url: "${slack.url}" }`,
      'sns:',
      `  ops: { topic: "${topicArn}" }`,
      '',
    ].join('\n');
    writeFileSync(file, secretsYaml, { mode: 0o600 });
    const good = await watch(...allChannels, '--secrets-file', file);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(counts()).toEqual({ webhook: 1, email: 1, slack: 1, sns: 1 });
    expect(smtp.received[0]!.to).toEqual(['ana@example.net', 'ops@example.net']);

    writeFileSync(file, secretsYaml.replace('sns:', 'snss:'), { mode: 0o600 });
    const unknown = await watch(...allChannels, '--secrets-file', file);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `${file}:10:1: snss: not a kind of channel (webhooks, email, slack, sns)`,
    );

    writeFileSync(file, secretsYaml.replace('to: [ana@example.net, ops@example.net]', 'to: nobody'), {
      mode: 0o600,
    });
    const badTo = await watch(...allChannels, '--secrets-file', file);
    expect(badTo.code).toBe(2);
    expect(badTo.stderr).toContain(
      `${file}:7:9: email.ops.to: expected e-mail addresses, separated by commas`,
    );
    expect(badTo.stderr).not.toContain(login.pass);
  });

  it('refuses a channel it cannot use, naming the variable and never its value', async () => {
    Reflect.deleteProperty(process.env, 'LOCKOUT_EMAIL_OPS_TO');
    const missing = await watch('--email', 'ops');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('email channel ops: LOCKOUT_EMAIL_OPS_TO not set');

    process.env.LOCKOUT_EMAIL_OPS_TO = 'ops@example.net';
    process.env.LOCKOUT_EMAIL_OPS_URL = `http://${login.user}:${login.pass}@mail.example.net/`;
    const scheme = await watch('--email', 'ops');
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toContain(
      'LOCKOUT_EMAIL_OPS_URL: expected smtp://USER:PASSWORD@HOST:PORT or smtps://',
    );
    expect(scheme.stderr).not.toContain(login.pass);

    process.env.LOCKOUT_SLACK_OPS_URL = 'http://hooks.slack.example/services/T0/B0/secret-path';
    const clear = await watch('--slack', 'ops');
    expect(clear.code).toBe(2);
    expect(clear.stderr).toContain('LOCKOUT_SLACK_OPS_URL: the Slack webhook URL must be https');
    expect(clear.stderr).not.toContain('secret-path');

    // Found by a fault probe: accepted, then every delivery failed as "could not send" (fetch refuses a URL
    // with credentials), round after round.
    process.env.LOCKOUT_WEBHOOK_OPS_URL = 'http://user:PASSW0RD@127.0.0.1:7081/hook';
    process.env.LOCKOUT_WEBHOOK_OPS_KEY = 'k'.repeat(32);
    const credentials = await watch('--webhook', 'ops');
    expect(credentials.code).toBe(2);
    expect(credentials.stderr).toContain(
      'LOCKOUT_WEBHOOK_OPS_URL: a URL with a user name or password (user:password@) cannot be sent to',
    );
    expect(credentials.stderr).not.toContain('PASSW0RD');

    process.env.LOCKOUT_SNS_OPS_TOPIC = 'lockout-alerts';
    const arn = await watch('--sns', 'ops');
    expect(arn.code).toBe(2);
    expect(arn.stderr).toContain('LOCKOUT_SNS_OPS_TOPIC: not an SNS topic ARN');

    const none = await watch();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no channel to send alerts to');
    for (const result of [missing, scheme, clear, credentials, arn, none])
      expect(result.stderr).not.toContain('    at ');
  });

  it('sends what a store written before the other kinds holds pending for a webhook', async () => {
    // As the webhook-only watch left it: a round whose delivery to `ops` (its bare name) is still pending.
    await watch('--webhook', 'ops', '--dry-run');
    hook.failWith = 503;
    const before = await watch('--webhook', 'ops');
    expect(before.code).toBe(4);
    const db = new Sqlite(store);
    const pending = db
      .prepare(
        "SELECT channel, payload FROM watch_deliveries JOIN watch_messages USING (round_id) WHERE status = 'pending'",
      )
      .all();
    db.close();
    expect(pending).toEqual([{ channel: 'ops', payload: expect.any(String) as unknown }]);
    hook.failWith = undefined;
    const after = await watch(...allChannels);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('ops: sent round 1');
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.body).toBe((pending[0] as { payload: string }).payload);
  });
});
