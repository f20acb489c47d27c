/**
 * `lockout init` without AWS: the commented template, the few questions asked at a terminal (here a scripted
 * input stream), the fall-back when no credentials are found, and never replacing a file without --force. Every
 * file written loads as it is, and `lockout check` names what is still unknown.
 */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check-command.js';
import { runInit, type InitCommandOptions } from '../../src/cli/init-command.js';
import { loadInventory } from '../../src/inventory/load.js';
import type { Inventory } from '../../src/model/inventory.js';
import type { CheckReport } from '../../src/report/check-report.js';
import { templateStarter } from '../../src/init/index.js';
import { cli } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lockout-init-'));
});

/** A terminal whose user types `lines`; what init writes to it is kept. */
function scripted(lines: string[]): { terminal: InitCommandOptions['terminal']; shown: () => string } {
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return {
    terminal: { input: Readable.from(lines.map((line) => `${line}\n`)), output },
    shown: () => shown,
  };
}

function offline(file: string, overrides: Partial<InitCommandOptions> = {}): InitCommandOptions {
  return {
    output: file,
    force: false,
    offline: true,
    template: false,
    org: false,
    roleName: 'OrganizationAccountAccessRole',
    concurrency: 1,
    ...overrides,
  };
}

async function loaded(file: string): Promise<Inventory> {
  const result = await loadInventory(file);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return result.inventory;
}

/** Every fact check counts as lost only because it is unknown, over all accounts. */
function unknowns(report: CheckReport): Set<string> {
  return new Set(
    report.accounts.flatMap((account) =>
      account.capabilities.flatMap((capability) =>
        capability.ways.filter((way) => way.unknownOnly).flatMap((way) => way.lostBecause),
      ),
    ),
  );
}

describe('lockout init --template', () => {
  it('writes a commented template that loads, every field a question', async () => {
    const file = path.join(dir, 'lockout.yaml');
    const result = await cli(['init', '--template', '-o', file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Wrote ${file} from a template: 0 accounts, 11 questions`);
    const inventory = await loaded(file);
    expect(inventory.accounts).toEqual([]);
    const text = readFileSync(file, 'utf8');
    expect(text.match(/^\s*#(?:\s+#)? \? /gm)).toHaveLength(11);
    // The commented account, once its UPPER-CASE parts are filled in, is what the loader reads.
    for (const line of [
      '# accounts:',
      "#   - id: 'ACCOUNT-ID'",
      '#     iamBillingAccess: { activated: true',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('the template, uncommented and filled in, loads: the lines to write are the schema', async () => {
    const template = templateStarter('2026-12-03', 'lockout.yaml');
    const toWrite = (start: string): string[] => {
      const note = template.notes.find(
        (candidate) => candidate.kind === 'question' && candidate.write[0] === start,
      );
      if (note?.kind !== 'question') throw new Error(`no question writes ${start}`);
      // The questions nested in what it writes stay comments.
      return note.write.filter((line) => !/^\s*#/.test(line));
    };
    const file = path.join(dir, 'lockout.yaml');
    await cli(['init', '--template', '-o', file]);
    const text = readFileSync(file, 'utf8');
    for (const line of [...toWrite('accounts:'), ...toWrite('factors:')])
      expect(text).toContain(`# ${line}\n`);

    const filled = [
      'version: 1',
      ...toWrite('accounts:'),
      ...toWrite('factors:').filter((line) => !/^\s*(people|places):/.test(line)),
      '  mailboxes: [{ id: mailbox-id, address: root@example.org, provider: gmail }]',
      '  passwordStores: [{ id: password-store-id }]',
      '  devices: [{ id: device-id, kind: security-key }]',
      "  phoneNumbers: [{ id: phone-number-id, number: '+81 90-0000-0001' }]",
      "  cards: [{ id: card-id, lastFour: '4242', expires: 2030-01, status: ok }]",
    ]
      .join('\n')
      .replaceAll("'ACCOUNT-ID'", "'111122223333'")
      .replaceAll('NAME', 'personal')
      .replaceAll('MAILBOX-ID', 'mailbox-id')
      .replaceAll('PASSWORD-STORE-ID', 'password-store-id')
      .replaceAll('DEVICE-ID', 'device-id')
      .replaceAll('PHONE-NUMBER-ID', 'phone-number-id')
      .replaceAll('CARD-ID', 'card-id')
      .replaceAll('YYYY-MM-DD', '2026-12-01')
      .replaceAll('WHAT RUNS HERE', 'a web site')
      .replaceAll('country: XX', 'country: JP');
    const filledFile = path.join(dir, 'filled.yaml');
    writeFileSync(filledFile, filled);
    const inventory = await loaded(filledFile);
    expect(inventory.accounts[0]).toMatchObject({
      id: '111122223333',
      iamBillingAccess: { activated: true },
      payment: { cards: ['card-id'] },
      billingPrincipals: [{ name: 'personal', signIn: ['password-store-id', 'device-id'] }],
    });
    expect(inventory.factors?.identityDocuments?.[0]?.kind).toBe('passport');
  });
});

describe('lockout init, the questions at a terminal', () => {
  it('asks standalone or Organization, the account, root email and MFA, asks again what does not fit, and writes it', async () => {
    const file = path.join(dir, 'lockout.yaml');
    const { terminal, shown } = scripted([
      'organization',
      '1234-5678-901', // 11 digits: asked again
      '1234-5678-9012',
      '',
      'root-at-example.org', // not an address: asked again
      'root@example.org',
      'app, key, fax', // fax is no MFA device: asked again
      'app, key',
    ]);
    const said = await runInit(offline(file, { terminal }), () => undefined);
    expect(said).toContain(`Wrote ${file} from your answers: 1 account,`);
    expect(shown()).toContain('expected 12 digits, like 123456789012');
    expect(shown()).toContain('expected an email address');
    expect(shown()).toContain('"fax" is none of app, token, key, none, ?');
    const inventory = await loaded(file);
    expect(inventory.accounts).toEqual([
      {
        id: '123456789012',
        name: 'management',
        organization: 'management',
        root: {
          email: 'root-mailbox',
          mfa: [
            { type: 'virtual', heldBy: 'root-mfa-1' },
            { type: 'fido', heldBy: 'root-mfa-2' },
          ],
        },
      },
    ]);
    expect(inventory.factors?.devices?.map((device) => device.kind)).toEqual(['phone', 'security-key']);
    expect(inventory.factors?.mailboxes?.[0]?.address).toBe('root@example.org');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('lockout init --org --force');
    expect(text).toMatch(/\n {4}# iamBillingAccess: \{ activated: true, verified: YYYY-MM-DD \}/);
  });

  it('round-trips: check on the answers lists the facts still unknown, and an answer removes one', async () => {
    const file = path.join(dir, 'lockout.yaml');
    const { terminal } = scripted(['standalone', '111122223333', 'personal', 'me@example.org', '?']);
    await runInit(offline(file, { terminal }), () => undefined);
    const inventory = await loaded(file);
    expect(inventory.accounts[0]?.root).toEqual({ email: 'root-mailbox' });
    const before = (await runCheck(file, { format: 'json', failOn: 'none', color: false })).report;
    expect(unknowns(before)).toEqual(
      new Set([
        'Root MFA devices (not declared)',
        "The account's contact phone number (not declared)",
        'A valid photo ID (none declared)',
        'A payment card on file (none declared)',
        // No principal is declared, so whether IAM billing access is on does not matter yet.
        'A principal other than root who may replace the card',
      ]),
    );
    // The terminal report names each of them too.
    const printed = (await runCheck(file, { format: 'text', failOn: 'none', color: false })).output;
    for (const unknown of unknowns(before)) expect(printed).toContain(unknown);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# mfa: [{ type: fido, heldBy: DEVICE-ID, verified: YYYY-MM-DD }]');
    writeFileSync(
      file,
      text.replace('# mfa: [{ type: fido, heldBy: DEVICE-ID, verified: YYYY-MM-DD }]', 'mfa: []'),
    );
    const after = (await runCheck(file, { format: 'json', failOn: 'none', color: false })).report;
    expect(unknowns(after)).not.toContain('Root MFA devices (not declared)');
    expect(unknowns(after)).toContain('A payment card on file (none declared)');
  });

  it('writes nothing when the input ends before the last answer, and says so (exit 2)', async () => {
    const file = path.join(dir, 'lockout.yaml');
    const { terminal } = scripted(['standalone', '111122223333']);
    await expect(runInit(offline(file, { terminal }), () => undefined)).rejects.toMatchObject({
      name: 'UserError',
      message: 'the input ended before the questions were answered: nothing was written',
    });
    expect(existsSync(file)).toBe(false);
  });
});

describe('lockout init without credentials', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    // No credentials anywhere the SDK looks, and no instance metadata to ask: nothing may leave this machine.
    process.env = Object.fromEntries(Object.entries(saved).filter(([name]) => !name.startsWith('AWS_')));
    process.env.AWS_CONFIG_FILE = path.join(dir, 'no-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'no-credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('says no credentials were found and, with no terminal, writes the template', async () => {
    const file = path.join(dir, 'lockout.yaml');
    const result = await cli(['init', '-o', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^lockout: no AWS credentials found \(.+\): writing a template instead of a scan\n$/,
    );
    expect(result.stdout).toContain('from a template');
    await loaded(file);
  });

  it('a --profile the AWS files do not hold is named as such, as scan names it (exit 2), and nothing is written', async () => {
    const file = path.join(dir, 'lockout.yaml');
    const result = await cli(['init', '--profile', 'no-such-profile', '-o', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'lockout: --profile no-such-profile: no such profile in the AWS config or credentials files (they hold none)\n' +
        '  hint: aws configure list-profiles shows them; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE say where they are read\n',
    );
    expect(existsSync(file)).toBe(false);
  });

  it('a --profile that is there but gives no credentials is a mistake named as such (exit 2)', async () => {
    // A profile with a region and nothing to sign with: the SDK's chain finds no credentials in it.
    writeFileSync(process.env.AWS_CONFIG_FILE!, '[profile empty]\nregion = us-east-1\n');
    const file = path.join(dir, 'lockout.yaml');
    const result = await cli(['init', '--profile', 'empty', '-o', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^lockout: --profile empty: no AWS credentials from it \(.+\)\n/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(file)).toBe(false);
  });
});

describe('lockout init never replaces a file without --force', () => {
  it('refuses an existing file with exit 2 and a message naming it, and replaces it with --force', async () => {
    const file = path.join(dir, 'lockout.yaml');
    writeFileSync(file, 'version: 1\naccounts: []\n# mine\n');
    const refused = await cli(['init', '--template', '-o', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `lockout: ${file} already exists: lockout init does not replace it\n` +
        '  hint: give --force to replace it, or -o to write another file\n',
    );
    expect(readFileSync(file, 'utf8')).toBe('version: 1\naccounts: []\n# mine\n');
    const forced = await cli(['init', '--template', '--force', '-o', file]);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Lockout inventory template');
  });

  it('a file that cannot be written is named with why (exit 2), never a stack trace', async () => {
    const file = path.join(dir, 'no-such-folder', 'lockout.yaml');
    const result = await cli(['init', '--template', '-o', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`lockout: ${file}: cannot write the file (no such folder)\n`);
  });

  it('writes ./lockout.yaml by default', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await cli(['init', '--template'])).code).toBe(0);
      expect(existsSync(path.join(dir, 'lockout.yaml'))).toBe(true);
      expect((await cli(['init', '--template'])).stderr).toContain('lockout.yaml already exists');
    } finally {
      process.chdir(cwd);
    }
  });
});
