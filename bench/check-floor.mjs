/**
 * The floor under issue 15's whole-process target for `lockout check --format json`: what any program that reads
 * the same inventory and prints the same answer must spend, whatever it computes in between. One process,
 * cold like `lockout check`: Node's own start, a js-yaml load of the inventory (the target's reference, here cold,
 * with its module loading), and JSON.stringify of the answer `lockout check` printed, written to stdout. The
 * answer is read and parsed before that last step, not counted: it stands for the computing this floor leaves out.
 *
 * The floor is the process's wall time, measured around it as `lockout check` is, less the untimed parse, which
 * it prints on stderr as one JSON line ({"answerParseSeconds": …}).
 *
 * Usage: node bench/check-floor.mjs --yaml INVENTORY --answer CHECK-OUTPUT.json (the answer goes to stdout)
 */
import { readFileSync } from 'node:fs';

function option(name) {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? undefined : process.argv[at + 1];
  if (value === undefined) throw new Error('usage: --yaml INVENTORY --answer CHECK-OUTPUT.json');
  return value;
}

const { default: jsYaml } = await import('js-yaml');
jsYaml.load(readFileSync(option('--yaml'), 'utf8'));

const parseStarted = performance.now();
const answer = JSON.parse(readFileSync(option('--answer'), 'utf8'));
const answerParseSeconds = (performance.now() - parseStarted) / 1000;

process.stdout.write(JSON.stringify(answer));
process.stderr.write(`${JSON.stringify({ answerParseSeconds })}\n`);
