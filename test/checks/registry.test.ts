// The registry lists every check file, and every check's metadata is complete and well-formed.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { severities } from '../../src/checks/check.js';
import { checks } from '../../src/checks/index.js';

const checksFolder = new URL('../../src/checks/', import.meta.url);

/** Modules of src/checks that are not checks. */
const notChecks = new Set([
  'check.ts',
  'index.ts',
  'dates.ts',
  'factor-index.ts',
  'run.ts',
  'scanned-accounts.ts',
]);
/** Check files the lead is still wiring in: allowed to be missing from the registry for now. */
const notYetRegistered = new Set(['single-point-of-failure.ts']);

const ids = checks.map((check) => check.meta.id);

describe('the check registry', () => {
  it('lists every check file of src/checks', () => {
    const files = readdirSync(checksFolder)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !notChecks.has(file))
      .filter((file) => !notYetRegistered.has(file) || ids.includes(file.slice(0, -'.ts'.length)));
    expect([...ids].sort()).toEqual(files.map((file) => file.slice(0, -'.ts'.length)).sort());
  });

  it('is sorted by id, without repeats', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it.each(checks.map((check) => [check.meta.id, check] as const))('%s has complete metadata', (id, check) => {
    const { meta } = check;
    expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    expect(severities).toContain(meta.severity);
    // The provider's own documentation: AWS's, or (issue 16) the outside provider's the rule is about.
    expect(meta.docs).toMatch(
      /^https:\/\/(?:docs\.aws\.amazon\.com|aws\.amazon\.com|support\.google\.com|learn\.microsoft\.com|docs\.github\.com|www\.icann\.org|support\.1password\.com|bitwarden\.com)\//,
    );
    for (const text of [meta.title, meta.why, meta.fix]) expect(text.trim()).not.toBe('');
    // Titles are short lines for a table; the why and the fix are sentences.
    expect(meta.title.length).toBeLessThanOrEqual(70);
    expect(meta.why).toMatch(/\.$/);
    expect(meta.fix).toMatch(/\.$/);
  });
});
