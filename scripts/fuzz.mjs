#!/usr/bin/env node
// `npm run fuzz`: runs the built command (bin/lockout.js, after `npm run build`) on malformed inventories, MEF
// models and option values drawn from a seed (scripts/fuzz-cases.mjs), for a bounded time, and classifies each
// run: clean error, success, stack trace, hang, unclean. Exits 1 on any stack trace, hang or unclean ending and
// keeps those cases' files and command lines under a temporary folder to reproduce them.
//
//   node scripts/fuzz.mjs [--seconds 60] [--seed N] [--jobs 2] [--timeout 30] [--only inventory,mef,...]
//                         [--case I]   (run only case I of the seed, to reproduce it)
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { CATEGORIES, caseSeed, classify, makeCase, random } from './fuzz-cases.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '30' },
    only: { type: 'string' },
    case: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const jobs = Number(values.jobs);
const timeoutMs = Number(values.timeout) * 1000;
const seed = values.seed === undefined ? (Date.now() ^ process.pid) >>> 0 : Number(values.seed);
const categories = values.only ? values.only.split(',') : CATEGORIES;
for (const [name, value] of [
  ['--seconds', seconds],
  ['--jobs', jobs],
  ['--timeout', timeoutMs],
  ['--seed', seed],
]) {
  if (!Number.isFinite(value) || value < 0) {
    console.error(`fuzz: ${name} must be a number ≥ 0`);
    process.exit(2);
  }
}
for (const category of categories) {
  if (!CATEGORIES.includes(category)) {
    console.error(`fuzz: unknown category ${category} (known: ${CATEGORIES.join(', ')})`);
    process.exit(2);
  }
}
const bin = join(root, 'bin/lockout.js');
if (!existsSync(join(root, 'dist/bundle/lockout.js'))) {
  console.error('fuzz: no built command: run `npm run build` first');
  process.exit(2);
}

const readAll = (folder, extension) =>
  readdirSync(join(root, folder))
    .filter((name) => name.endsWith(extension))
    .map((name) => readFileSync(join(root, folder, name), 'utf8'));
const sources = {
  inventories: readAll('examples', '.yaml'),
  models: [...readAll('examples/models', '.xml'), ...readAll('test/fixtures', '.xml')],
};

const work = mkdtempSync(join(tmpdir(), 'lockout-fuzz-'));
const counts = { success: 0, 'clean error': 0, 'stack trace': 0, hang: 0, unclean: 0 };
const failures = [];
const started = Date.now();
let next = values.case === undefined ? 0 : Number(values.case);
const last = values.case === undefined ? Number.POSITIVE_INFINITY : next;

console.log(
  `fuzz: seed ${seed}, ${seconds} s, ${jobs} at once, ${timeoutMs / 1000} s per run; cases in ${work}`,
);
await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
for (const failure of failures) {
  console.log(`\n${failure.kind}: case ${failure.index} (${failure.category}: ${failure.description})`);
  console.log(`  reproduce: cd ${failure.dir} && node ${bin} ${failure.args.map(quote).join(' ')}`);
  console.log(`  or: node scripts/fuzz.mjs --seed ${seed} --case ${failure.index}`);
  console.log(
    failure.output
      .split('\n')
      .slice(0, 8)
      .map((line) => `  | ${line}`)
      .join('\n'),
  );
}
console.log(
  `\n${total} inputs, ${counts['clean error']} clean errors, ${counts['stack trace']} stack traces, ` +
    `${counts.hang} hangs (${counts.success} successes, ${counts.unclean} unclean endings; ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed})`,
);
if (failures.length === 0) rmSync(work, { recursive: true, force: true });
else console.log(`reproducers kept in ${work}`);
process.exit(failures.length === 0 ? 0 : 1);

async function worker() {
  while (next <= last && (values.case !== undefined || Date.now() - started < seconds * 1000)) {
    const index = next++;
    const rng = random(caseSeed(seed, index));
    const category = categories[index % categories.length];
    const dir = join(work, `case-${index}`);
    mkdirSync(dir, { recursive: true });
    const fuzzCase = makeCase(rng, category, sources, dir);
    for (const [file, text] of fuzzCase.files) writeFileSync(file, text);
    const result = await run(fuzzCase.args, dir);
    const kind = classify(result);
    counts[kind] += 1;
    if (kind === 'success' || kind === 'clean error') {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const output = `exit ${result.code}${result.signal ? ` (${result.signal})` : ''}\n${result.stderr}${result.stdout}`;
    writeFileSync(join(dir, 'command.txt'), `node ${bin} ${fuzzCase.args.map(quote).join(' ')}\n`);
    writeFileSync(join(dir, 'output.txt'), output);
    failures.push({ index, kind, dir, output, ...fuzzCase });
  }
}

/** Runs the command in the case's folder, killed (with its children) past the time limit. */
function run(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', LOCKOUT_FUZZ: '1' },
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    // Keep the head of the output: enough to classify, bounded for reports that print megabytes.
    child.stdout.on('data', (chunk) => {
      if (stdout.length < 1 << 20) stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 1 << 20) stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function quote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
