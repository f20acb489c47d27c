/**
 * A MEF export with its cycles cut, so that SCRAM (which refuses cycles) and the engine can be compared on one
 * graph. A depth-first pass from every gate, in the order they are defined, finds each reference that closes a
 * cycle (a gate that needs, through its inputs, the gate being expanded) and writes `<constant value="true"/>` in
 * its place: in a fault tree, that input counts as lost, as a sign-in that can only be reset by way of itself is.
 * This is not the recovery graph's own answer (the engine reads a cycle per path, and the cut here holds for every
 * gate that shares the cut input): it is the same graph for both tools, which is what a comparison needs.
 *
 * Usage: node bench/acyclic-mef.mjs IN.xml OUT.xml (prints the number of references cut on stdout)
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Each gate's definition in the text: where it starts and ends, and the gates it references in between. */
function definitions(text) {
  const gates = new Map();
  const opening = /<define-gate name="([^"]+)"/g;
  for (let found = opening.exec(text); found !== null; found = opening.exec(text)) {
    const end = text.indexOf('</define-gate>', found.index);
    const body = text.slice(found.index, end);
    const inputs = [...body.matchAll(/<gate name="([^"]+)"\/>/g)].map((input) => ({
      name: input[1],
      at: found.index + input.index,
      length: input[0].length,
    }));
    gates.set(found[1], inputs);
  }
  return gates;
}

/** The references that close a cycle, found by an iterative depth-first pass (graphs of 10,000 accounts are deep). */
function closingReferences(gates) {
  const state = new Map(); // 1: on the stack; 2: done
  const closing = [];
  for (const root of gates.keys()) {
    if (state.has(root)) continue;
    const stack = [{ name: root, next: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack.at(-1);
      const inputs = gates.get(top.name) ?? [];
      if (top.next === inputs.length) {
        state.set(top.name, 2);
        stack.pop();
        continue;
      }
      const input = inputs[top.next++];
      const seen = state.get(input.name);
      if (seen === 1) closing.push(input);
      else if (seen === undefined && gates.has(input.name)) {
        state.set(input.name, 1);
        stack.push({ name: input.name, next: 0 });
      }
    }
  }
  return closing;
}

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined)
  throw new Error('usage: node bench/acyclic-mef.mjs IN.xml OUT.xml');
const text = readFileSync(input, 'utf8');
const closing = closingReferences(definitions(text)).sort((a, b) => a.at - b.at);
const pieces = [];
let from = 0;
for (const reference of closing) {
  pieces.push(text.slice(from, reference.at), '<constant value="true"/>');
  from = reference.at + reference.length;
}
pieces.push(text.slice(from));
writeFileSync(output, pieces.join(''));
process.stdout.write(`${closing.length}\n`);
