/**
 * How many findings each format carries for one scan's report (issue 15): the JSON report's findings and
 * findingGroups, the terminal report's finding lines, and the SARIF results, from a `--format json` report that
 * `lockout scan --org` wrote. Uses this worktree's dist/ (npm run build); --dist DIR reads another build's, to
 * compare before and after on the same report.
 *
 * Usage: node bench/report-groups.mjs REPORT.json [--dist DIR]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const dist = distAt >= 0 ? path.resolve(args[distAt + 1]) : path.join(repoRoot, 'dist');
const file = args.find((arg, index) => !arg.startsWith('--') && (distAt < 0 || index !== distAt + 1));
if (file === undefined) throw new Error('usage: node bench/report-groups.mjs REPORT.json [--dist DIR]');

const load = (module) => import(pathToFileURL(path.join(dist, module)).href);
const { expandJsonReport } = await load('report/json-report.js');
const { renderTerminal } = await load('report/terminal.js');
const { buildSarifLog } = await load('report/sarif.js');
const { checks } = await load('checks/index.js');

const json = JSON.parse(readFileSync(file, 'utf8'));
const report = expandJsonReport(json);
const lines = renderTerminal(report, { color: false, details: false }).split('\n');
const sarif = JSON.stringify(buildSarifLog(report, checks));
process.stdout.write(
  `${JSON.stringify({
    accounts: json.accounts.length,
    unknownFacts: json.scan?.unknownFacts,
    jsonFindings: json.findings.length,
    jsonFindingGroups: json.findingGroups?.length,
    textLines: lines.length,
    // A finding as renderFinding writes it (severity word at four spaces), and the other accounts' counts by check.
    textFindingLines: lines.filter((line) => /^ {4}(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line)).length,
    textCountLines: lines.filter((line) => /^ {2}(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line)).length,
    sarifResults: JSON.parse(sarif).runs[0].results.length,
    sarifBytes: sarif.length,
  })}\n`,
);
