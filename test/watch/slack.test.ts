// The Slack channel end to end: watch rounds post through @slack/webhook to a local receiver on 127.0.0.1,
// which checks the JSON Slack would get: the text, a header, one section per alert worst first, capped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { openStore, type Store } from '../../src/store/index.js';
import { slackAlertLimit, slackMessage } from '../../src/watch/channels/slack.js';
import { buildPayload, slackChannel, watchRound, type Alert } from '../../src/watch/index.js';
import { smallTeam, withoutSecondRootKey, countsOf } from './fixture.js';
import { startReceiver, type Receiver } from './receiver.js';

interface SlackBody {
  text: string;
  blocks: { type: string; text?: { type: string; text: string }; elements?: { text: string }[] }[];
}

let dir: string;
let store: Store;
let slack: Receiver;
let inventory: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockout-watch-slack-'));
  store = openStore(join(dir, 'lockout.db'));
  slack = await startReceiver('unused');
  inventory = join(dir, 'lockout.yaml');
  writeFileSync(inventory, smallTeam);
});

afterEach(async () => {
  store.close();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

async function round() {
  const input = await readInventoryInput(inventory, {});
  return watchRound({
    store,
    input,
    channels: [slackChannel({ name: 'team', url: slack.url })],
    retry: { attempts: 2, baseDelayMs: 5, timeoutMs: 5_000 },
    dryRun: false,
  });
}

function alert(n: number, change: Alert['change'] = 'new'): Alert {
  return {
    change,
    kind: 'finding',
    key: `finding:x:${n}`,
    severity: 'high',
    title: `Finding ${n}`,
    message: `What finding ${n} says`,
  };
}

const round1 = {
  id: 1,
  startedAt: '2026-12-03T08:00:00.000Z',
  asOf: '2026-12-03',
  mode: 'offline',
  scope: '/x',
} as const;

describe('the Slack channel', () => {
  it('posts a change once: the text names it, a header, the counts, a section per alert worst first', async () => {
    await round();
    await round();
    expect(slack.received).toHaveLength(1);
    writeFileSync(inventory, withoutSecondRootKey());
    const outcome = await round();
    expect(outcome.deliveries).toEqual([expect.objectContaining({ channel: 'slack:team', status: 'sent' })]);
    expect(slack.received).toHaveLength(2);
    const body = slack.received[1]!.payload as SlackBody;
    const subject = `Lockout: ${countsOf(outcome.alerts)} — Root's MFA depends on a single device (acme-management)`;
    expect(body.text).toBe(subject);
    // A header, the counts, then one section per alert.
    expect(body.blocks.map((block) => block.type)).toEqual([
      'header',
      'context',
      ...outcome.alerts.map(() => 'section'),
    ]);
    expect(body.blocks[0]!.text).toEqual({ type: 'plain_text', text: subject, emoji: false });
    expect(body.blocks[1]!.elements![0]!.text).toContain(`Round 3: ${countsOf(outcome.alerts)} · offline`);
    expect(body.blocks[2]!.text!.text).toMatch(/^\*NEW\* · high · \*Root's MFA depends on a single device/);
    expect(body.blocks[2]!.text!.text).toContain('YubiKey 5 NFC (Mika)');
    expect(body.blocks.at(-1)!.text!.text).toMatch(/^\*RESOLVED\* · /);
    await round();
    expect(slack.received).toHaveLength(2);
  });

  it('a webhook that answers 503 fails the round with the status, not the URL, and gets it next round', async () => {
    slack.failWith = 503;
    const first = await round();
    expect(first.deliveries).toEqual([
      expect.objectContaining({
        channel: 'slack:team',
        status: 'failed',
        attempts: 2,
        error: 'Slack answered HTTP 503',
      }),
    ]);
    slack.failWith = undefined;
    const second = await round();
    expect(second.deliveries).toEqual([expect.objectContaining({ status: 'sent', roundId: first.roundId })]);
    expect(slack.received).toHaveLength(1);
  });

  it('caps a storm at the limit with "…and N more", and escapes what would ping or link', () => {
    const storm = buildPayload(
      round1,
      Array.from({ length: slackAlertLimit + 5 }, (_, n) => alert(n)),
      '1.0.0',
    );
    const message = slackMessage(storm);
    const sections = message.blocks!.filter((block) => block.type === 'section');
    expect(sections).toHaveLength(slackAlertLimit);
    expect(message.blocks!.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '…and 5 more' }],
    });
    expect(message.blocks!.length).toBeLessThanOrEqual(50);

    const loud = buildPayload(
      round1,
      [{ ...alert(1), title: '<!channel> & <https://evil.example|you>' }],
      '1.0.0',
    );
    const escaped = slackMessage(loud);
    // Slack reads mrkdwn (the text, the sections) for mentions and links; a plain_text header it shows as is.
    const mrkdwn = [
      escaped.text!,
      ...escaped.blocks!.flatMap((block) => (block.type === 'section' ? [JSON.stringify(block)] : [])),
    ];
    for (const text of mrkdwn) {
      expect(text).not.toContain('<!channel>');
      expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|you&gt;');
    }
  });

  it('shows the webhook masked for --dry-run', () => {
    expect(
      slackChannel({ name: 'team', url: 'https://hooks.slack.com/services/T0/B0/secret' }).description,
    ).toBe('slack https://hooks.slack.com/****');
  });
});
