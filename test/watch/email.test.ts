// The e-mail channel end to end: watch rounds send through nodemailer to a real SMTP server on 127.0.0.1
// (smtp-server), and what the server got is read back: envelope, headers, text and the JSON attached.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { openStore, type Store } from '../../src/store/index.js';
import { emailChannel, smtpOptions } from '../../src/watch/channels/email.js';
import { watchRound, type AlertChannel, type WatchPayload } from '../../src/watch/index.js';
import { singleDeviceKey, smallTeam, withoutSecondRootKey, countsOf } from './fixture.js';
import { readMail, startSmtpServer, type SmtpReceiver } from './smtp.js';

const login = { user: 'lockout', pass: 'smtp-pass-not-a-secret-5x7' };
let dir: string;
let store: Store;
let smtp: SmtpReceiver;
let inventory: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockout-watch-email-'));
  store = openStore(join(dir, 'lockout.db'));
  smtp = await startSmtpServer(login);
  inventory = join(dir, 'lockout.yaml');
  writeFileSync(inventory, smallTeam);
});

afterEach(async () => {
  store.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

function mailTo(port: number, pass = login.pass, host = '127.0.0.1'): AlertChannel {
  return emailChannel({
    name: 'ops',
    url: `smtp://${login.user}:${encodeURIComponent(pass)}@${host}:${port}`,
    from: 'Lockout <lockout@example.net>',
    to: ['ana@example.net', 'ops@example.net'],
  });
}

async function round(channel: AlertChannel, afterSend?: () => void) {
  const input = await readInventoryInput(inventory, {});
  return watchRound({
    store,
    input,
    channels: [channel],
    retry: { attempts: 1, baseDelayMs: 1, timeoutMs: 5_000 },
    dryRun: false,
    afterSend,
  });
}

describe('the e-mail channel', () => {
  it('mails a change: the subject names the counts and the worst change, the text worst first, the JSON attached', async () => {
    await round(mailTo(smtp.port));
    expect(smtp.received).toHaveLength(1);
    await round(mailTo(smtp.port));
    expect(smtp.received).toHaveLength(1);

    writeFileSync(inventory, withoutSecondRootKey());
    const outcome = await round(mailTo(smtp.port));
    expect(outcome.deliveries).toEqual([expect.objectContaining({ channel: 'email:ops', status: 'sent' })]);
    expect(smtp.received).toHaveLength(2);
    const got = smtp.received[1]!;
    expect(got.from).toBe('lockout@example.net');
    expect(got.to).toEqual(['ana@example.net', 'ops@example.net']);
    expect(got.user).toBe('lockout');

    const mail = readMail(got.raw);
    expect(mail.headers.get('subject')).toBe(
      `Lockout: ${countsOf(outcome.alerts)} — Root's MFA depends on a single device (acme-management)`,
    );
    expect(mail.headers.get('from')).toBe('Lockout <lockout@example.net>');
    expect(mail.headers.get('message-id')).toMatch(/^<lockout\.\d+\.[0-9a-f]{16}@example\.net>$/);
    // Worst first: the new single device, then what the change resolved.
    const text = mail.text;
    expect(text).toContain(`Lockout watch, round 3: ${countsOf(outcome.alerts)}.`);
    const single = text.indexOf("NEW (high): Root's MFA depends on a single device (acme-management)");
    const resolved = text.indexOf('RESOLVED (');
    expect(single).toBeGreaterThan(0);
    expect(resolved).toBeGreaterThan(single);
    expect(text).toContain('YubiKey 5 NFC (Mika)');
    // The JSON attached is the stored round, as the webhook gets it.
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'lockout-round-3.json',
      contentType: 'application/json',
    });
    const payload = JSON.parse(mail.attachments[0]!.content) as WatchPayload;
    expect(payload.alerts.map((alert) => alert.key)[0]).toBe(singleDeviceKey);
    expect(got.raw).not.toContain(login.pass);
  });

  it('repeats a mail a crash left unmarked with the same Message-ID, so the repeat can be dropped', async () => {
    const crash = new Error('killed');
    await expect(
      round(mailTo(smtp.port), () => {
        throw crash;
      }),
    ).rejects.toBe(crash);
    await round(mailTo(smtp.port));
    await round(mailTo(smtp.port));
    expect(smtp.received).toHaveLength(2);
    const [first, repeat] = smtp.received.map((mail) => readMail(mail.raw).headers);
    expect(repeat!.get('message-id')).toBe(first!.get('message-id'));
    expect(repeat!.get('x-lockout-delivery')).toBe(first!.get('x-lockout-delivery'));
  });

  it('a refused login fails the delivery with the reason, never the password, and the mail stays pending', async () => {
    const outcome = await round(mailTo(smtp.port, 'wrong-pass-9f3'));
    expect(outcome.deliveries).toEqual([
      expect.objectContaining({
        channel: 'email:ops',
        status: 'failed',
        error: 'the server refused the login (535)',
      }),
    ]);
    expect(smtp.logins).toBe(1);
    expect(smtp.received).toHaveLength(0);
    expect(store.db.prepare('SELECT status FROM watch_deliveries').all()).toEqual([{ status: 'pending' }]);
  });

  it('does not send the password off this machine without STARTTLS', async () => {
    // 127.0.0.2 is this machine too, but not a name the channel trusts with a login in clear: a server there
    // that offers no STARTTLS gets no login and no mail.
    const elsewhere = await startSmtpServer(login, 0, '127.0.0.2');
    try {
      const outcome = await round(mailTo(elsewhere.port, login.pass, '127.0.0.2'));
      expect(outcome.deliveries).toEqual([expect.objectContaining({ status: 'failed' })]);
      expect(outcome.deliveries[0]!.error).toBe('the TLS handshake or STARTTLS failed');
      expect(elsewhere.logins).toBe(0);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
    expect(smtpOptions('smtp://u:p@mail.example.net')).toMatchObject({
      port: 587,
      secure: false,
      requireTLS: true,
    });
    expect(smtpOptions('smtps://u:p@mail.example.net')).toMatchObject({ port: 465, secure: true });
    expect(smtpOptions('smtp://localhost:2525')).toMatchObject({ requireTLS: false });
    expect(smtpOptions('smtp://a%40b:p%3Aq@mail.example.net').auth).toEqual({ user: 'a@b', pass: 'p:q' });
  });

  it('a server that is not listening fails the delivery with the reason, and it goes out once it is back', async () => {
    const port = smtp.port;
    await smtp.close();
    const first = await round(mailTo(port));
    expect(first.deliveries).toEqual([
      expect.objectContaining({ status: 'failed', error: 'could not connect (ECONNREFUSED)' }),
    ]);
    smtp = await startSmtpServer(login, port);
    const second = await round(mailTo(port));
    expect(second.deliveries).toEqual([expect.objectContaining({ status: 'sent', roundId: first.roundId })]);
    expect(smtp.received).toHaveLength(1);
  });

  it('shows the server masked for --dry-run', () => {
    expect(mailTo(2525).description).toBe('email smtp://****@127.0.0.1:****, 2 recipients');
  });
});
