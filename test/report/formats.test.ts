/**
 * The format map the CLI picks from: each entry a pure function of (report, checks, options), text and JSON
 * byte for byte what `lockout check` prints today.
 */

import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/index.js';
import { formatNames, formats } from '../../src/report/formats.js';
import { renderSarif } from '../../src/report/sarif.js';
import { checkReport, cli } from './support.js';

describe('formats', () => {
  it('lists every format by name', () => {
    expect(Object.keys(formats).sort()).toEqual([...formatNames].sort());
    expect(formatNames).toEqual(['text', 'json', 'sarif', 'md', 'html']);
  });

  it('prints json and text exactly as lockout check does', async () => {
    const report = await checkReport('incident', { deadline: '2022-06-30' });
    const args = ['check', '--example', 'incident', '--deadline', '2022-06-30', '--fail-on', 'none'];
    const json = await cli([...args, '--format', 'json']);
    // Not a terminal: compact.
    expect(formats.json(report, checks, { color: false, compact: true })).toBe(json.stdout);
    const text = await cli([...args, '--no-color']);
    expect(formats.text(report, checks, { color: false })).toBe(text.stdout);
  });

  it('renders SARIF with the options given, and nothing else', async () => {
    const report = await checkReport('small-team');
    const options = { color: true, sourceRoot: '/repo', informationUri: 'https://example.org/lockout' };
    expect(formats.sarif(report, checks, options)).toBe(renderSarif(report, checks, options));
    expect(formats.sarif(report, checks, options)).toBe(formats.sarif(report, checks, options));
  });
});
