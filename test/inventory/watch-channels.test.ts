// The inventory's watch section (issue 14, channels in the model): alert channels of the kinds lockout watch
// sends through, named as it names them, each with what it depends on; never a secret, and every mistake at
// its line, column and field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inventoryJsonSchema, parseInventory, type InventoryIssue } from '../../src/inventory/index.js';

/** An inventory with one account, a mailbox and a domain, and the given lines under watch.channels. */
function withChannels(...lines: string[]): string {
  return [
    'version: 1',
    'factors:',
    '  people:',
    '    - { id: ana, name: Ana }',
    '  domains:',
    "    - { id: corp, name: corp.example, registrar: gandi, dns: '111122223333' }",
    '  mailboxes:',
    '    - { id: ops-mail, address: ops@corp.example, domain: corp }',
    'accounts:',
    "  - id: '111122223333'",
    '    name: main',
    '    organization: standalone',
    'watch:',
    '  channels:',
    ...lines,
    '',
  ].join('\n');
}
/** The line of the first channel in `withChannels`. */
const firstChannel = 15;

function issues(text: string): Omit<InventoryIssue, 'file' | 'hint'>[] {
  const result = parseInventory(text, 'lockout.yaml');
  if (result.ok) return [];
  return result.errors.map(({ code, line, column, path, message }) => ({
    code,
    line,
    column,
    path,
    message,
  }));
}

describe('watch.channels', () => {
  it('reads one channel of each kind, with what each depends on', () => {
    const result = parseInventory(
      withChannels(
        '    - { name: ops, kind: email, address: ops@corp.example, mailbox: ops-mail }',
        '    - { name: team_chat, kind: slack, workspace: corp.slack.com, admin: ana }',
        "    - { name: relay-1, kind: webhook, url: 'https://alerts.corp.example/lockout', hostedIn: '111122223333' }",
        "    - { name: topic, kind: sns, topic: 'arn:aws:sns:eu-west-1:111122223333:lockout-alerts', dependsOn: [ana] }",
      ),
      'lockout.yaml',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.inventory.watch?.channels?.map((channel) => `${channel.kind} ${channel.name}`)).toEqual([
      'email ops',
      'slack team_chat',
      'webhook relay-1',
      'sns topic',
    ]);
  });

  it('takes exactly the kinds lockout watch sends through, in the JSON Schema too', () => {
    expect(issues(withChannels('    - { name: ops, kind: sms, address: ops@corp.example }'))).toEqual([
      {
        code: 'invalid-value',
        line: firstChannel,
        column: 26,
        path: 'watch.channels[0].kind',
        message: 'expected kind: one of email, slack, webhook, sns',
      },
    ]);
    const text = JSON.stringify(inventoryJsonSchema());
    const kinds = [...text.matchAll(/"kind":\{"type":"string","const":"([a-z]+)"\}/g)].map((m) => m[1]);
    expect(kinds).toEqual(['email', 'slack', 'webhook', 'sns']);
  });

  it('names a channel as lockout watch does: letters, digits, - and _, at most 40, each name once', () => {
    expect(
      issues(
        withChannels(
          "    - { name: 'on call', kind: email, address: ops@corp.example }",
          `    - { name: ${'x'.repeat(41)}, kind: slack, workspace: corp }`,
          '    - { name: ops, kind: slack, workspace: corp }',
          '    - { name: ops, kind: email, address: ops@corp.example }',
        ),
      ),
    ).toEqual([
      {
        code: 'invalid-value',
        line: firstChannel,
        column: 15,
        path: 'watch.channels[0].name',
        message: 'expected a channel name: letters, digits, - and _ (at most 40), as lockout watch takes it',
      },
      {
        code: 'invalid-value',
        line: firstChannel + 1,
        column: 15,
        path: 'watch.channels[1].name',
        message: 'expected a channel name: letters, digits, - and _ (at most 40), as lockout watch takes it',
      },
      {
        code: 'invalid-value',
        line: firstChannel + 3,
        column: 15,
        path: 'watch.channels[3].name',
        message: "channel name 'ops' is given twice: lockout watch tells channels apart by name",
      },
    ]);
  });

  it('refuses a webhook URL that holds a secret, says where it goes instead, and never repeats it', () => {
    const cases: [string, string, number][] = [
      ['https://bot:hunter22@alerts.corp.example/in', 'a URL with credentials is a secret', 42],
      ['https://alerts.corp.example/in?token=abcdef', 'a URL with a query string', 42],
      // A credential wherever it is written (src/store/credentials.ts), found at the URL itself.
      [
        'https://hooks.slack.com/services/T000/B000/XXXXXXXX',
        'this looks like a webhook URL with its key',
        43,
      ],
    ];
    for (const [url, start, column] of cases) {
      const found = issues(withChannels(`    - { name: relay, kind: webhook, url: '${url}' }`));
      expect(found, url).toHaveLength(1);
      expect(found[0]).toMatchObject({ line: firstChannel, column, path: 'watch.channels[0].url' });
      expect(found[0]!.message.startsWith(start), found[0]!.message).toBe(true);
      const parsed = parseInventory(
        withChannels(`    - { name: relay, kind: webhook, url: '${url}' }`),
        'lockout.yaml',
      );
      const said = parsed.ok ? '' : `${parsed.errors[0]!.message} ${parsed.errors[0]!.hint ?? ''}`;
      expect(said).toMatch(/environment/);
      expect(JSON.stringify(found)).not.toContain(url.slice(8, 20));
    }
  });

  it('reads an SNS topic from its ARN only', () => {
    expect(
      issues(withChannels("    - { name: topic, kind: sns, topic: 'arn:aws:sns:eu-west-1:1111:x' }")),
    ).toEqual([
      {
        code: 'invalid-value',
        line: firstChannel,
        column: 40,
        path: 'watch.channels[0].topic',
        message: 'expected an SNS topic ARN, like arn:aws:sns:eu-west-1:111122223333:lockout-alerts',
      },
    ]);
  });

  it('checks what a channel names: a mailbox, an admin, a hosting account', () => {
    expect(
      issues(
        withChannels(
          '    - { name: a, kind: email, mailbox: ana }',
          '    - { name: b, kind: slack, workspace: corp, admin: bob }',
          "    - { name: c, kind: webhook, hostedIn: '999988887777' }",
          '    - { name: d, kind: email }',
        ),
      ).map((issue) => `${issue.line}:${issue.column} ${issue.path}: ${issue.message}`),
    ).toEqual([
      `${firstChannel}:40 watch.channels[0].mailbox: 'ana' is a person, not a mailbox`,
      `${firstChannel + 1}:55 watch.channels[1].admin: unknown factor 'bob'`,
      `${firstChannel + 2}:43 watch.channels[2].hostedIn: unknown account '999988887777'`,
      `${firstChannel + 3}:7 watch.channels[3]: name its address or its mailbox`,
    ]);
  });

  it("reads the README's example, as a user would paste it under an inventory", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Channels in the model'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const text = [
      'version: 1',
      'factors:',
      '  people: [{ id: mika, name: Mika }]',
      'accounts:',
      "  - { id: '111122223333', name: main, organization: standalone }",
      block,
    ].join('\n');
    const result = parseInventory(text, 'README.md');
    expect(
      result.ok ? result.inventory.watch?.channels?.map((channel) => channel.kind) : result.errors,
    ).toEqual(['email', 'slack', 'sns', 'webhook']);
  });
});
