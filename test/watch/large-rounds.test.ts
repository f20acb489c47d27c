// A round of an Organization's size through every channel: the first round of 10,000 accounts raises about
// 125,000 alerts (47 MB of JSON). Each channel must still reach its receiver, within what receivers take, and
// lose nothing: the webhook in parts of at most 1 MB, the e-mail with its JSON gzipped, the texts grouped.
// Receivers are local (HTTP and SMTP on 127.0.0.1); Slack and SNS are checked on the message they would send.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailChannel, roundAttachment } from '../../src/watch/channels/email.js';
import { textOf } from '../../src/watch/channels/render.js';
import { slackMessage } from '../../src/watch/channels/slack.js';
import { publishInput } from '../../src/watch/channels/sns.js';
import { webhookBodies, webhookChannel, webhookPartLimit } from '../../src/watch/channels/webhook.js';
import type { Alert } from '../../src/watch/compare.js';
import { buildPayload, type WatchPayload } from '../../src/watch/payload.js';
import { startReceiver, type Receiver } from './receiver.js';
import { readMail, startSmtpServer, type SmtpReceiver } from './smtp.js';

const key = 'test-key-not-a-secret';
const round = {
  id: 7,
  startedAt: '2026-12-04T08:00:00.000Z',
  asOf: '2026-12-04',
  mode: 'offline',
  scope: '/org.yaml',
} as const;

/** What a first round says of each member account: the same few things, each naming the account. */
function organizationAlerts(accounts: number): Alert[] {
  const alerts: Alert[] = [];
  for (let n = 1; n <= accounts; n++) {
    const name = `member-${String(n).padStart(5, '0')}`;
    const accountId = String(100_000_000_000 + n);
    alerts.push(
      {
        change: 'new',
        kind: 'finding',
        key: `finding:root-single-mfa-device:${accountId}:key-${n}`,
        severity: 'high',
        title: `Root has one MFA device (${name})`,
        message: `Root has one MFA device, held by key-${n}: if it is lost or broken, signing in as root takes AWS's lost-MFA recovery.`,
        accountId,
      },
      {
        change: 'new',
        kind: 'capability',
        key: `capability:${accountId}:keep-bill-paid`,
        severity: 'medium',
        title: `Keep the bill paid at risk (${name})`,
        message: `Keep the bill paid holds, but one loss takes it: the payer's card on file (payer of ${name}).`,
        accountId,
      },
      {
        change: 'new',
        kind: 'lockout-set',
        key: `lockout-set:${accountId}:root-sign-in:key-${n},phone-${n}`,
        severity: 'low',
        title: `Two losses take sign in as root (${name})`,
        message: `Losing key-${n} and phone-${n} together takes sign in as root of ${name}.`,
        accountId,
      },
    );
  }
  alerts.push({
    change: 'new',
    kind: 'date',
    key: 'date:domain:example.com',
    severity: 'high',
    title: 'example.com expires on 2027-01-10',
    message: 'The domain example.com expires on 2027-01-10, in 37 days.',
  });
  return alerts;
}

const accounts = 12_000;
const payload = buildPayload(round, organizationAlerts(accounts), '1.0.0');
const stored = JSON.stringify(payload);

describe('a round of 12,000 accounts', () => {
  it('is larger than one POST or one mail should carry (so the cases below are the large ones)', () => {
    expect(payload.alerts).toHaveLength(3 * accounts + 1);
    expect(Buffer.byteLength(stored)).toBeGreaterThan(7 * webhookPartLimit);
  });

  describe('to a webhook', () => {
    let receiver: Receiver;
    beforeEach(async () => {
      receiver = await startReceiver(key);
    });
    afterEach(async () => {
      await receiver.close();
    });

    it('goes in signed parts of at most 1 MB, each a valid payload, together every alert once in order', async () => {
      const channel = webhookChannel({ name: 'ops', url: receiver.url, key });
      await channel.send(stored, 41, 10_000);
      const got = receiver.received;
      expect(got.length).toBeGreaterThan(7);
      const schema = JSON.parse(
        readFileSync(new URL('../../schema/watch-payload.schema.json', import.meta.url), 'utf8'),
      ) as object;
      const valid = new Ajv({ allErrors: true, strict: false }).compile(schema);
      got.forEach((message, index) => {
        expect(Buffer.byteLength(message.body)).toBeLessThanOrEqual(webhookPartLimit);
        expect(message.signatureValid).toBe(true);
        expect(message.delivery).toBe('41');
        expect(message.part).toBe(`${index + 1}/${got.length}`);
        const part = message.payload as WatchPayload;
        expect(valid(part), JSON.stringify(valid.errors)).toBe(true);
        expect(part.part).toEqual({ index: index + 1, count: got.length });
        // Each part carries the round and its counts whole.
        expect(part.round).toEqual(payload.round);
        expect(part.counts).toEqual(payload.counts);
      });
      const keys = got.flatMap((message) =>
        (message.payload as WatchPayload).alerts.map((alert) => alert.key),
      );
      expect(keys).toEqual(payload.alerts.map((alert) => alert.key));
    });

    it('after a part is refused, the retry sends the parts not yet taken, and only those', async () => {
      const channel = webhookChannel({ name: 'ops', url: receiver.url, key });
      const { count } = webhookBodies(stored);
      let posted = 0;
      receiver.onReceive = () => {
        posted += 1;
        // The third part is refused once.
        if (posted === 2) receiver.failNext = 1;
      };
      await expect(channel.send(stored, 42, 10_000)).rejects.toThrow('the receiver answered HTTP 503');
      expect(receiver.received.map((message) => message.part)).toEqual([`1/${count}`, `2/${count}`]);
      await channel.send(stored, 42, 10_000);
      expect(receiver.received.map((message) => message.part)).toEqual(
        Array.from({ length: count }, (_, index) => `${index + 1}/${count}`),
      );
    });
  });

  it('a message that fits is POSTed as stored, byte for byte, without a part', () => {
    const small = JSON.stringify(buildPayload(round, organizationAlerts(3), '1.0.0'));
    const { count, bodies } = webhookBodies(small);
    expect(count).toBe(1);
    expect([...bodies]).toEqual([{ body: small }]);
  });

  it('a message of one alert larger than a part goes whole, as stored', () => {
    const text = JSON.stringify(
      buildPayload(round, [{ ...organizationAlerts(1)[0]!, message: 'x'.repeat(3_000) }], '1.0.0'),
    );
    const { count, bodies } = webhookBodies(text, 2_000);
    expect(count).toBe(1);
    expect([...bodies]).toEqual([{ body: text }]);
  });

  it('an alert larger than a part goes alone, whole', () => {
    const alerts = organizationAlerts(40);
    alerts[5] = { ...alerts[5]!, message: 'x'.repeat(3_000) };
    const text = JSON.stringify(buildPayload(round, alerts, '1.0.0'));
    const { bodies } = webhookBodies(text, 2_000);
    const parts = [...bodies].map((body) => JSON.parse(body.body) as WatchPayload);
    expect(parts.flatMap((part) => part.alerts)).toEqual(alerts);
    expect(parts.filter((part) => part.alerts.some((alert) => alert.message.length === 3_000))).toEqual([
      expect.objectContaining({ alerts: [alerts[5]] }),
    ]);
  });

  describe('by e-mail', () => {
    const login = { user: 'lockout', pass: 'smtp-pass-not-a-secret-5x7' };
    let smtp: SmtpReceiver;
    beforeEach(async () => {
      smtp = await startSmtpServer(login);
    });
    afterEach(async () => {
      await smtp.close();
    });

    it('attaches the JSON gzipped, and says what it says alike of many accounts once', async () => {
      const channel = emailChannel({
        name: 'ops',
        url: `smtp://${login.user}:${login.pass}@127.0.0.1:${smtp.port}`,
        from: 'Lockout <lockout@example.net>',
        to: ['ops@example.net'],
      });
      await channel.send(stored, 43, 20_000);
      expect(smtp.received).toHaveLength(1);
      const raw = smtp.received[0]!.raw;
      // Within SES's v1 limit (10 MB after base64), the strictest of the documented ones.
      expect(Buffer.byteLength(raw)).toBeLessThan(10_000_000);
      const mail = readMail(raw);
      const text = mail.text.replace(/\r\n/g, '\n');
      expect(mail.attachments).toHaveLength(1);
      const [attached] = mail.attachments;
      expect(attached).toMatchObject({
        filename: 'lockout-round-7.json.gz',
        contentType: 'application/gzip',
      });
      expect(gunzipSync(attached!.bytes).toString('utf8')).toBe(stored);
      expect(text).toContain(
        'NEW (high): Root has one MFA device — 12,000 of them: member-00001, member-00002, member-00003 and 11,997 more',
      );
      expect(text).toContain(
        "  For member-00001:\n  Root has one MFA device, held by key-1: if it is lost or broken, signing in as root takes AWS's lost-MFA recovery.",
      );
      expect(text).toContain('NEW (high): example.com expires on 2027-01-10');
      expect(text).toContain('Lockout watch, round 7: 36,001 new.');
      expect(text.split('\n').length).toBeLessThan(40);
    });
  });

  it('an attachment that would not fit even gzipped is left out, with the sentence that says so', async () => {
    const small = JSON.stringify(buildPayload(round, organizationAlerts(200), '1.0.0'));
    expect(await roundAttachment(small, 7)).toMatchObject({
      filename: 'lockout-round-7.json',
      content: small,
    });
    const left = await roundAttachment(small, 7, 1_000);
    expect(left).toEqual({
      omitted: expect.stringMatching(
        /^The round's JSON \(0\.\d MB, 0\.\d MB gzipped\) is more than a mail carries \(0\.0 MB attached\): it is not attached\. A webhook channel receives it whole, in parts\.$/,
      ) as unknown,
    });
  });

  it('the text for SNS and e-mail is grouped, so it fits SNS whole', () => {
    const text = textOf(payload);
    expect(Buffer.byteLength(text)).toBeLessThan(5_000);
    expect(text).toContain('36,001 alerts: what is said alike of several accounts or facts is said once');
    const input = publishInput('arn:aws:sns:us-east-1:123456789012:lockout', stored, 44);
    expect(input.Message).toBe(text);
  });

  it('Slack gets one section for each thing said, counted, with nothing "more"', () => {
    const message = slackMessage(payload);
    const sections = message.blocks!.filter((block) => block.type === 'section');
    expect(sections).toHaveLength(4);
    expect(JSON.stringify(sections[0])).toContain(
      '*Root has one MFA device — 12,000 of them: member-00001, member-00002, member-00003 and 11,997 more*\\nFor member-00001: Root has one MFA device, held by key-1',
    );
    expect(message.blocks!.at(-1)!.type).not.toBe('context');
  });
});
