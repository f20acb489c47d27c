// A credential anywhere in the inventory is refused when it is read, at its file:line:column and field, and
// never repeated back.
import { describe, expect, it } from 'vitest';
import { formatInventoryIssues, parseInventory } from '../../src/inventory/index.js';

// AWS's documented example credentials, and tokens shaped like GitHub's.
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const githubToken = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';

const person = (field: string): string[] => [
  'version: 1',
  'factors:',
  '  people:',
  `    - { id: owner, name: Owner, ${field} }`,
  'accounts: []',
];

describe('parseInventory refuses a credential', () => {
  it.each([
    {
      name: 'a secret access key alone in a label',
      lines: person(`label: "ci ${secretAccessKey}"`),
      at: { line: 4, column: 44, path: 'factors.people[0].label' },
      kind: 'an AWS secret access key',
      secret: secretAccessKey,
    },
    {
      name: 'a lowercase access key id in a note',
      lines: person(`notes: key ${accessKeyId.toLowerCase()}`),
      at: { line: 4, column: 44, path: 'factors.people[0].notes' },
      kind: 'an AWS access key id',
      secret: accessKeyId.toLowerCase(),
    },
    {
      name: 'an access key id written with escapes',
      lines: person(`notes: "\\x41KIAIOSFODNN7EXAMPLE"`),
      at: { line: 4, column: 40, path: 'factors.people[0].notes' },
      kind: 'an AWS access key id',
      secret: accessKeyId,
    },
    {
      name: 'a GitHub token',
      lines: person(`notes: ${githubToken}`),
      at: { line: 4, column: 40, path: 'factors.people[0].notes' },
      kind: 'a GitHub token',
      secret: githubToken,
    },
    {
      name: 'a private key',
      lines: [
        'version: 1',
        'accounts: []',
        'factors:',
        '  people:',
        '    - id: owner',
        '      name: Owner',
        '      notes: |',
        '        -----BEGIN OPENSSH PRIVATE KEY-----',
        '        b3BlbnNzaC1rZXktdjEAAAAABG5vbmU',
      ],
      at: { line: 8, column: 9, path: 'factors.people[0].notes' },
      kind: 'a private key',
      secret: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmU',
    },
    {
      name: 'a password in a note',
      lines: person('notes: "root password: Hunter2!"'),
      at: { line: 4, column: 56, path: 'factors.people[0].notes' },
      kind: 'a password',
      secret: 'Hunter2!',
    },
    {
      name: 'a password field',
      lines: person('password: "tr0ub4dor"'),
      at: { line: 4, column: 43, path: 'factors.people[0].password' },
      kind: 'a password',
      secret: 'tr0ub4dor',
    },
    {
      // Shorter than anything the scanners find without the field's name: only the name makes it a password.
      name: 'a short password in a password field',
      lines: person('password: "s3cr"'),
      at: { line: 4, column: 43, path: 'factors.people[0].password' },
      kind: 'a password',
      secret: 's3cr',
    },
    {
      name: 'an access key id as a key',
      lines: ['version: 1', 'accounts: []', `${accessKeyId}: x`],
      at: { line: 3, column: 1, path: '[access-key-id removed]' },
      kind: 'an AWS access key id',
      secret: accessKeyId,
    },
    {
      name: 'a secret in a comment',
      lines: ['version: 1', `accounts: [] # aws_secret_access_key=${secretAccessKey}`],
      at: { line: 2, column: 38, path: 'accounts' },
      kind: 'an AWS secret access key',
      secret: secretAccessKey,
    },
  ])('$name', ({ lines, at, kind, secret }) => {
    const result = parseInventory(`${lines.join('\n')}\n`, 'inventory.yaml');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContainEqual({
      code: 'credential',
      file: 'inventory.yaml',
      ...at,
      message: `this looks like ${kind}; Lockout never keeps credentials`,
      hint: 'delete it, and note where the credential is kept (a password manager, a safe), never the credential itself',
    });
    expect(`${formatInventoryIssues(errors)}${JSON.stringify(errors)}`).not.toContain(secret);
    // Nothing else is said about the field: another complaint could quote it.
    expect(errors.filter((error) => error.path === at.path).map((error) => error.code)).toEqual([
      'credential',
    ]);
  });

  it("a Slack webhook URL given as a channel's workspace: said where the URL goes instead", () => {
    const url = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
    const lines = [
      'version: 1',
      'accounts: []',
      'watch:',
      '  channels:',
      '    - name: platform',
      '      kind: slack',
      `      workspace: ${url}`,
    ];
    const result = parseInventory(`${lines.join('\n')}\n`, 'inventory.yaml');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual([
      {
        code: 'credential',
        file: 'inventory.yaml',
        line: 7,
        column: 18,
        path: 'watch.channels[0].workspace',
        message: 'this looks like a webhook URL with its key in it; Lockout never keeps credentials',
        hint: 'delete it, and put the URL in the environment (LOCKOUT_SLACK_<NAME>_URL for a slack channel, LOCKOUT_WEBHOOK_<NAME>_URL for a webhook): the inventory names the channel, never its key',
      },
    ]);
    expect(`${formatInventoryIssues(errors)}${JSON.stringify(errors)}`).not.toContain('XXXXXXXX');
  });

  it.each([
    ['a role name', person('label: OrganizationAccountAccessRoleForAuditing')],
    ['a note on where a password is kept', person('notes: "root password: in the vault"')],
    ['a place named Asia', person('team: AsiaPacificHeadquart')],
  ])('lets through %s', (_, lines) => {
    const result = parseInventory(`${lines.join('\n')}\n`, 'inventory.yaml');
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
