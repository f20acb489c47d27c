/**
 * Nothing from outside Lockout reaches a terminal or a Markdown file as control characters: a label, an account
 * name (declared, or from AWS), a note or a key cannot clear the screen, set the window title, ring the bell or
 * reorder the text around it, in check, md, whatif, plan, diff or an error message.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli as run } from '../support/cli.js';
import { safeJson, safeText, withSafeText } from '../../src/report/safe-text.js';
import { formatDiff, formatHistory } from '../../src/store/format.js';

/** ESC, BEL, CSI as one byte, DEL, the other C0 and C1 controls but tab and line feed, and bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it.each([
    ['a clear screen and a window title', 'phone \u001b[2J\u001b]0;pwned\u0007', 'phone '],
    ['a colour', 'red \u001b[31mtext\u001b[0m', 'red text'],
    ['a title ended by ESC \\', 'a\u001b]2;title\u001b\\b', 'ab'],
    ['CSI as one C1 byte', 'x\u009b2Jy', 'x2Jy'],
    ['a carriage return and a backspace', 'paid\r\bLOST', 'paidLOST'],
    ['DEL and NUL', 'a\u007fb\u0000c', 'abc'],
    ['a right-to-left override', 'file\u202etxt.exe', 'filetxt.exe'],
    ['a lone ESC at the end', 'end\u001b', 'end'],
    ['tabs, line feeds and any script', 'a\tb\nc 漢字 é', 'a\tb\nc 漢字 é'],
  ])('removes %s', (_, text, expected) => {
    expect(safeText(text)).toBe(expected);
  });

  it('escapes in JSON what JSON.stringify leaves raw, so the data reads back the same', () => {
    const value = { name: 'a\u009b2J\u202eb\u007f', plain: 'é 漢字' };
    const json = safeJson(JSON.stringify(value));
    expect(json).not.toMatch(controls);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('copies data with every string made safe, keeping dates', () => {
    const day = new Date('2022-06-09T00:00:00Z');
    expect(withSafeText({ a: ['x\u001b[2J'], b: { c: 'y\u0007', d: 3, e: day } })).toEqual({
      a: ['x'],
      b: { c: 'y', d: 3, e: day },
    });
  });

  it('keeps what is safe already as it is, copying only the way down to what it makes safe', () => {
    // An Organization's report is hundreds of MB of data, nearly all of it safe: copying it whole for the
    // terminal took most of the text report's time.
    const safe = { labels: ['root phone', 'office safe'], counts: [0, 2], nested: { name: 'prod' } };
    expect(withSafeText(safe)).toBe(safe);
    expect(withSafeText(safe, 'line')).toBe(safe);
    const mixed = { kept: safe, changed: { name: 'a\u001b[2Jb', other: { x: 'y' } } };
    const copy = withSafeText(mixed);
    expect(copy).toEqual({ kept: safe, changed: { name: 'ab', other: { x: 'y' } } });
    expect(copy.kept).toBe(safe);
    expect(copy.changed.other).toBe(mixed.changed.other);
    expect(mixed.changed.name).toBe('a\u001b[2Jb');
    // Within a line, a line break is what changes.
    const lines = { text: 'two\nlines', list: ['one\u2028line'] };
    expect(withSafeText(lines)).toBe(lines);
    expect(withSafeText(lines, 'line')).toEqual({ text: 'two lines', list: ['one line'] });
  });
});

const folder = mkdtempSync(path.join(tmpdir(), 'lockout-control-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** The incident example with escape codes in a label, the account's name and a note, written as YAML escapes. */
function hostileInventory(): string {
  const example = readFileSync(path.join(import.meta.dirname, '../../examples/incident-2022.yaml'), 'utf8');
  const file = path.join(folder, 'hostile.yaml');
  const replaced = example
    .replace(
      "label: Android phone from 2016 (held root's authenticator app)",
      'label: "phone \\e[2J\\e]0;pwned\\a"',
    )
    .replace('name: personal', 'name: "personal \\e[31m\\x9b2J\\u202e"')
    .replace('label: Mobile number of 2016', 'label: "number\\r\\bLOST"');
  expect(replaced).not.toBe(example);
  writeFileSync(file, replaced);
  return file;
}

describe('values printed from the inventory', () => {
  it.each([
    ['check', (file: string) => ['check', file, '--no-color', '--as-of', '2022-06-09']],
    ['check --format md', (file: string) => ['check', file, '--format', 'md', '--as-of', '2022-06-09']],
    [
      'whatif',
      (file: string) => ['whatif', file, '--lose', 'old-phone,current-phone', '--as-of', '2022-06-09'],
    ],
    [
      'plan',
      (file: string) => ['plan', file, '--lost', 'old-phone', '--now', '2022-06-09T09:00', '--tz', 'UTC'],
    ],
  ])('%s prints labels and names without their control codes', async (_, args) => {
    const { stdout, stderr } = await run(args(hostileInventory()));
    expect(stderr).toBe('');
    expect(stdout).toContain('phone ');
    expect(stdout).toContain('personal');
    expect(stdout).not.toMatch(controls);
  });

  it('check --format html holds none of them', async () => {
    const { stdout } = await run(['check', hostileInventory(), '--format', 'html', '--as-of', '2022-06-09']);
    expect(stdout).toContain('personal');
    expect(stdout).not.toMatch(controls);
  });

  it.each([['json'], ['sarif']])(
    'check --format %s escapes them, keeping the data as it was',
    async (format) => {
      const { stdout } = await run([
        'check',
        hostileInventory(),
        '--format',
        format,
        '--as-of',
        '2022-06-09',
      ]);
      expect(stdout).not.toMatch(controls);
      expect(JSON.stringify(JSON.parse(stdout))).toContain('personal \\u001b[31m\u009b2J\u202e');
    },
  );

  it.each([
    [
      'whatif',
      (file: string) => ['whatif', file, '--lose', 'old-phone', '--format', 'json', '--as-of', '2022-06-09'],
    ],
    [
      'plan',
      (file: string) => [
        'plan',
        file,
        '--lost',
        'old-phone',
        '--now',
        '2022-06-09T09:00',
        '--tz',
        'UTC',
        '--format',
        'json',
      ],
    ],
  ])('%s --format json escapes them, keeping the data as it was', async (_, args) => {
    const { stdout } = await run(args(hostileInventory()));
    expect(stdout).not.toMatch(controls);
    expect(JSON.stringify(JSON.parse(stdout))).toContain('phone \\u001b[2J');
  });

  it('calendar writes labels without their control codes (ICS keeps its CRLF line ends)', async () => {
    const { stdout } = await run(['calendar', hostileInventory(), '--as-of', '2022-06-09']);
    expect(stdout).toContain('BEGIN:VCALENDAR');
    expect(stdout).toContain('phone ');
    expect(stdout.replace(/\r\n/g, '\n')).not.toMatch(controls);
  });

  it.each([
    ['check', (file: string) => ['check', file, '--no-color', '--as-of', '2022-06-09']],
    [
      'whatif',
      (file: string) => ['whatif', file, '--lose', 'old-phone,current-phone', '--as-of', '2022-06-09'],
    ],
  ])('%s shows a label with a line break within its line, never as a line of the report', async (_, args) => {
    const example = readFileSync(path.join(import.meta.dirname, '../../examples/incident-2022.yaml'), 'utf8');
    const file = path.join(folder, 'line-break.yaml');
    const label = "label: Android phone from 2016 (held root's authenticator app)";
    expect(example).toContain(label);
    writeFileSync(file, example.replace(label, 'label: "Android phone\\n      holds  forged way"'));
    const { stdout } = await run(args(file));
    expect(stdout).toContain('Android phone');
    expect(stdout).not.toMatch(/^\s*holds\s+forged way/m);
  });

  it('an inventory error quotes a key without its control codes', async () => {
    const file = path.join(folder, 'bad-key.yaml');
    writeFileSync(file, 'version: 1\naccounts: []\n"x\\e]0;pwned\\a\\e[2J": 1\n');
    const { code, stderr } = await run(['check', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('bad-key.yaml:3:1');
    expect(stderr).not.toMatch(controls);
  });
});

describe('error messages', () => {
  it('quote a file name without its control codes', async () => {
    const { code, stderr } = await run(['analyze', path.join(folder, 'no\u001b[2J\u001b]0;pwned\u0007.xml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('no');
    expect(stderr).not.toMatch(controls);
  });
});

describe('a fault tree analysed', () => {
  it('prints its names without C1 or bidi controls (XML allows them)', async () => {
    const file = path.join(folder, 'model.xml');
    writeFileSync(
      file,
      [
        '<opsa-mef><define-fault-tree name="t">',
        '<define-gate name="top\u009b2J\u202e"><or><basic-event name="a"/><basic-event name="c"/></or></define-gate>',
        '</define-fault-tree>',
        '<model-data><define-basic-event name="a"/><define-basic-event name="c"/></model-data></opsa-mef>',
      ].join('\n'),
    );
    const { code, stdout } = await run(['analyze', file, '--sets', '5']);
    expect(code).toBe(0);
    expect(stdout).toContain('top2J');
    expect(stdout).not.toMatch(controls);
  });
});

describe('values printed from the scan store', () => {
  it('diff and history print an AWS account name without its control codes', () => {
    const diff = formatDiff([
      {
        accountId: '111111111111',
        accountName: 'prod\u001b]0;pwned\u0007\u001b[2J',
        kind: 'account-first-scanned',
        severity: 'high',
        message: 'the name changed to "x\u001b[2J"',
      },
    ]);
    expect(diff).toContain('111111111111 (prod)');
    expect(diff).not.toMatch(controls);
    const history = formatHistory([
      {
        id: 1,
        startedAt: 'yesterday\u001b[2J',
        finishedAt: '2024-06-09T08:01:00Z',
        callerAccountId: '111111111111',
        organizationId: 'o-\u001b[2Jx',
        toolVersion: '1',
        accounts: 1,
        accountsReached: 1,
        accountsFailed: 0,
        findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      },
    ]);
    expect(history).not.toMatch(controls);
  });
});
