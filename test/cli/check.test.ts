/**
 * `lockout check`, `whatif` and `export` end to end through main(), on the bundled examples: the incident's
 * story (no fast path to root, changing the card needs root, identity verification is the fastest way back,
 * slack to the deadline), JSON output, exit codes, and input errors without stack traces.
 */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf, type CheckReportJson } from '../../src/report/json-report.js';
import { exampleShownAs } from '../../src/cli/inventory-input.js';
import { cli as run } from '../support/cli.js';

describe('lockout check on the incident example', () => {
  it('tells the story: no fast path to root, only root can pay, identity verification, slack', async () => {
    const { code, stdout } = await run([
      'check',
      '--example',
      'incident',
      '--deadline',
      '2022-06-30',
      '--no-color',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('as of 2022-06-09, deadline 2022-06-30');
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      'No fast way to sign in as root remains: MFA sign-in is lost (Android phone from 2016',
    );
    expect(text).toContain('alternative factors is lost (Mobile number of 2016)');
    expect(text).toMatch(
      /The fastest remaining way is identity verification by AWS Support .*: about 9 days/,
    );
    expect(text).toContain('Changing the payment method needs root: IAM access to billing is not activated');
    expect(text).toContain('No valid card on file (The only card on file): the next charge fails.');
    expect(text).toContain(
      'Against the deadline of 2022-06-30: 12 days to spare in the typical case, 23 h in the worst',
    );
  });

  it('reports the findings the incident calls for', async () => {
    const { stdout } = await run(['check', '--example', 'incident', '--format', 'json']);
    // Version 3 of the JSON: capabilities by position in the report's `capabilities`, ways by key in its `ways`,
    // as a CI script reads them.
    const report = JSON.parse(stdout) as CheckReportJson;
    const wayId = (way: { way: string }): string | undefined => report.ways[way.way]?.id;
    const ids = new Set(report.findings.map((finding) => finding.checkId));
    for (const id of [
      'root-single-mfa-device',
      'root-mfa-device-unreliable',
      'contact-phone-outdated',
      'root-only-payer',
      'single-payment-method',
      'payment-card-expiring',
      'root-mail-domain-in-account',
      'domains-in-workload-account',
      'single-point-of-failure',
    ]) {
      expect(ids, id).toContain(id);
    }
    const capabilities = capabilitiesOf(report, report.accounts[0]!);
    const root = capabilities.find((capability) => capability.id === 'root-sign-in')!;
    expect(root.status).toBe('at-risk');
    expect(root.ways.map((way) => [wayId(way), way.status])).toEqual([
      ['mfa-sign-in', 'lost'],
      ['alternative-factors', 'lost'],
      ['contact-phone-repair', 'lost'],
      ['identity-verification', 'at-risk'],
    ]);
    // In June 2022 the contact number could be changed without root only on the billing console's account
    // page, which IAM users could not open: the incident's admin could not repair it.
    expect(root.ways.find((way) => wayId(way) === 'contact-phone-repair')!.lostBecause).toEqual([
      'IAM access to billing is not activated',
    ]);
    const pay = capabilities.find((capability) => capability.id === 'change-payment-method')!;
    expect(pay.ways.find((way) => wayId(way) === 'delegated')!.lostBecause).toEqual([
      'IAM access to billing is not activated',
    ]);
    // Every finding about an account points back at the inventory; the one about what the inventory lacks (an
    // alert channel) names no line.
    for (const finding of report.findings) {
      if (finding.accountId === undefined) {
        expect(finding.checkId).toBe('alerts-depend-on-watched-account');
        expect(finding.location).toBeUndefined();
      } else expect(finding.location?.file).toBe('examples/incident-2022.yaml');
    }
  });

  it('exits 0 when nothing reaches --fail-on', async () => {
    const { code } = await run(['check', '--example', 'small-team', '--fail-on', 'critical', '--no-color']);
    expect(code).toBe(0);
  });
});

describe('lockout check on the small-team example', () => {
  it('has fast ways to root and shows the remaining risks', async () => {
    const { stdout } = await run(['check', '--example', 'small-team', '--format', 'json']);
    const report = JSON.parse(stdout) as CheckReportJson;
    for (const account of report.accounts) {
      const root = capabilitiesOf(report, account).find((capability) => capability.id === 'root-sign-in')!;
      expect(root.status).toBe('at-risk');
      expect(root.fastest.duration.typical).toBeLessThan(1);
    }
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.some((finding) => finding.severity === 'critical')).toBe(false);
  });
});

describe('lockout whatif', () => {
  it('losing the passport as well takes root and the bill: the way back is a new passport', async () => {
    const { code, stdout } = await run([
      'whatif',
      '--example',
      'incident',
      '--lose',
      'passport,driving-licence',
      '--deadline',
      '2022-06-30',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Sign in as root\s+no fast way → lost now/);
    expect(stdout).toContain('against the deadline');
  });

  it('a factor named twice is assumed lost once (found by a fault probe: it was listed twice)', async () => {
    const { stdout } = await run([
      'whatif',
      '--example',
      'small-team',
      '--lose',
      'office-safe,office-safe',
      '--lose',
      'office-safe',
      '--format',
      'json',
    ]);
    expect((JSON.parse(stdout) as { losses: { id: string }[] }).losses.map((loss) => loss.id)).toEqual([
      'office-safe',
    ]);
  });

  it('names the factors when an id is unknown', async () => {
    const { code, stderr } = await run(['whatif', '--example', 'incident', '--lose', 'no-such-phone']);
    expect(code).toBe(2);
    expect(stderr).toContain('no factor "no-such-phone"');
    expect(stderr).toContain('old-phone');
  });
});

describe('lockout export --format mef', () => {
  it('writes the recovery graph that the analyze command reads back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockout-export-'));
    const file = path.join(dir, 'incident.xml');
    expect((await run(['export', '--example', 'incident', '--format', 'mef', '-o', file])).code).toBe(0);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<define-fault-tree');
    // The incident's accounts recover each other through root's mail: cycles, which SCRAM refuses, said so.
    expect(xml).toMatch(/<!-- \d+ gates lie on cycles \(accounts that recover each other\): SCRAM/);
    const analysed = await run(['analyze', file, '--top', '111122223333/root-sign-in', '-f', 'json']);
    expect(analysed.code).toBe(0);
    expect((JSON.parse(analysed.stdout) as { cyclicGates: number }).cyclicGates).toBeGreaterThan(0);
  });
});

describe('lockout export of what has no graph, or more than AWS', () => {
  // Found by a fault probe: an inventory without accounts exported an MEF without a gate, which analyze (and
  // SCRAM) then refused.
  it('says an inventory without accounts has no graph to export, names the file, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockout-export-'));
    const inventory = path.join(dir, 'empty.yaml');
    writeFileSync(inventory, 'version: 1\nasOf: 2026-12-01\naccounts: []\n');
    const out = path.join(dir, 'empty.xml');
    const { code, stderr } = await run(['export', inventory, '--format', 'mef', '-o', out]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${inventory}: no account is declared, so there is no recovery graph to export`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the accounts outside AWS as tops too: a Google account no AWS account needs is analysable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockout-export-'));
    const inventory = path.join(dir, 'google-only.yaml');
    writeFileSync(
      inventory,
      `version: 1
asOf: 2026-12-01
factors:
  people:
    - { id: alex, name: Alex }
  devices:
    - { id: phone, kind: phone, holder: alex, verified: 2026-11-01 }
  passwordStores:
    - { id: vault }
accounts: []
outsideAccounts:
  - id: google-alex
    provider: google
    name: Alex's Google account
    login: alex@example.org
    holder: alex
    password: { storedIn: vault }
    twoStepVerification: on
    secondFactors: [{ type: authenticator, heldBy: phone }]
    verified: 2026-11-01
`,
    );
    const file = path.join(dir, 'google-only.xml');
    expect((await run(['export', inventory, '--format', 'mef', '-o', file])).code).toBe(0);
    const analysed = await run(['analyze', file, '--top', 'google-alex/sign-in', '-f', 'json']);
    expect(analysed.stderr).toBe('');
    expect(analysed.code).toBe(0);
  });
});

describe('input errors', () => {
  it('names file, line and field for a broken inventory, with no stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockout-input-'));
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(
      file,
      'version: 1\naccounts:\n  - id: "111122223333"\n    name: x\n    organisation: standalone\n',
    );
    const { code, stderr } = await run(['check', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.yaml:5:5: accounts\[0\]/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a bad date option', async () => {
    const { code, stderr } = await run(['check', '--example', 'incident', '--deadline', '2022-02-30']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected a date as YYYY-MM-DD');
  });

  // Found by a fault probe: a deadline before the day judged was raced against ("10196 days late").
  it.each([['check'], ['whatif', '--lose', 'passport']])(
    '%s refuses a deadline before the day it judges',
    async (...command) => {
      const { code, stderr } = await run([...command, '--example', 'incident', '--deadline', '1999-01-01']);
      expect(code).toBe(2);
      expect(stderr).toContain('--deadline 1999-01-01: before the day judged, 2022-06-09');
      expect(stderr).toContain('--as-of');
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('asks for an inventory when there is none', async () => {
    const cwd = process.cwd();
    process.chdir(mkdtempSync(path.join(tmpdir(), 'lockout-empty-')));
    try {
      const { code, stderr } = await run(['check']);
      expect(code).toBe(2);
      expect(stderr).toContain('--example incident');
    } finally {
      process.chdir(cwd);
    }
  });
});

// Found by a fault probe: run from outside the checkout (an installed Lockout), a bundled example was named
// `examples/…` relative to the working folder, which SARIF's %SRCROOT% resolved to a file that does not exist.
describe('how a bundled example is named in reports', () => {
  const example = path.join('/opt/lockout', 'examples', 'small-team.yaml');

  it('relative to the working folder inside it, absolute outside it', () => {
    expect(exampleShownAs(example, '/opt/lockout')).toBe('examples/small-team.yaml');
    expect(exampleShownAs(example, '/home/me/work')).toBe(example);
    expect(exampleShownAs(example, '/')).toBe('opt/lockout/examples/small-team.yaml');
    expect(exampleShownAs(example, '/opt/lockout/examples/other')).toBe(example);
  });

  it('names a file that exists in SARIF, from the working folder', async () => {
    const { stdout } = await run([
      'check',
      '--example',
      'small-team',
      '--format',
      'sarif',
      '--fail-on',
      'none',
    ]);
    const sarif = JSON.parse(stdout) as {
      runs: { results: { locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = new Set(
      sarif.runs[0]!.results.flatMap((result) =>
        (result.locations ?? []).map((location) => location.physicalLocation.artifactLocation.uri),
      ),
    );
    expect(uris.size).toBeGreaterThan(0);
    for (const uri of uris) {
      const file = uri.startsWith('file://') ? new URL(uri).pathname : path.resolve(process.cwd(), uri);
      expect(existsSync(file), uri).toBe(true);
    }
  });
});
