/**
 * Independent brute-force reference for the minimal solutions ("lockout sets", minimal cut sets of a
 * non-coherent tree in Rauzy's sense) of an Open-PSA MEF fault tree, up to an order limit L.
 *
 * A set S of basic events is a solution when the top gate is true with exactly S's events failed and every
 * other event working; it is minimal when no proper subset of S is a solution. For a coherent tree these are
 * the usual minimal cut sets. For a non-coherent tree the solutions are not closed upwards, so every proper
 * subset of S is checked, not only those one event smaller.
 *
 * Shares no code with src/analysis: its own reader of the MEF subset the Aralia trees use (define-gate,
 * define-basic-event; constant true/false; and, or, not, xor of two, atleast, nand, nor, null; gate,
 * basic-event and event references), and a bit-parallel evaluation of the tree: every set of at most L
 * events is one bit of a batch, 32 sets per Int32 word, gates evaluated word by word in topological order.
 *
 * Usage:
 *
 *     node scripts/brute-minimal-sets.mjs <tree.xml> [--limit 3] [--top r1] [--list] [--json]
 *
 * Prints the number of minimal solutions of each order 0..L (and, with --list, the sets, one per line,
 * event names sorted and space-separated). With --json, one JSON object {tree, top, limit, distribution,
 * sets?, seconds}. distribution[k] is the count of order k (distribution[0] is 1 exactly when the top is
 * true with nothing failed, and then it is the only minimal solution).
 *
 * Cost: sum over k ≤ L of C(n, k) evaluations of the tree, 32 at a time: das9701 (267 events, 2,226 gates)
 * at L = 3 is 3.17 million sets, a few seconds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------------------
// A minimal XML reader: elements, attributes, comments, declarations. Text content is ignored (the subset
// used here carries everything in attributes), entities in attribute values are decoded.

/** Parses XML into a tree of {name, attributes, children}. Throws on malformed nesting. */
export function parseXml(text) {
  const root = { name: '#document', attributes: {}, children: [] };
  const stack = [root];
  const tag =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const attribute = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let match;
  let last = 0;
  while ((match = tag.exec(text)) !== null) {
    const between = text.slice(last, match.index);
    if (between.includes('<')) throw new Error(`unreadable markup near offset ${last}`);
    last = tag.lastIndex;
    const [, closing, opening, attributeText, selfClosing] = match;
    if (closing !== undefined) {
      const open = stack.pop();
      if (open === undefined || open.name !== closing || stack.length === 0) {
        throw new Error(`unexpected </${closing}> at offset ${match.index}`);
      }
    } else if (opening !== undefined) {
      const element = { name: opening, attributes: {}, children: [] };
      for (const a of attributeText.matchAll(attribute)) element.attributes[a[1]] = decode(a[2] ?? a[3]);
      stack[stack.length - 1].children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
  }
  if (text.slice(last).includes('<')) throw new Error(`unreadable markup near offset ${last}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root;
}

function decode(value) {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    return String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });
}

// ---------------------------------------------------------------------------------------------------------
// The MEF subset, compiled to a flat circuit: node 0..n-1 are the basic events, then one node per gate or
// nested formula, in topological order (every node's arguments come before it).

const CONNECTIVES = new Set(['and', 'or', 'not', 'xor', 'atleast', 'nand', 'nor', 'null']);

/**
 * Reads a MEF document into {events: string[], nodes: {op, args, k}[], nodeOfGate: Map, tops: string[]}.
 * Event and gate names are global (no fault-tree scoping: the Aralia files have one tree each).
 */
export function readTree(text) {
  const document = parseXml(text);
  const gateDefinitions = new Map();
  const eventNames = [];
  const eventIndex = new Map();
  const visit = (element) => {
    if (element.name === 'define-gate') {
      const name = element.attributes.name;
      if (gateDefinitions.has(name)) throw new Error(`gate ${name} defined twice`);
      const formulas = element.children.filter((c) => c.name !== 'label' && c.name !== 'attributes');
      if (formulas.length !== 1) throw new Error(`gate ${name} must have exactly one formula`);
      gateDefinitions.set(name, formulas[0]);
      return;
    }
    if (element.name === 'define-basic-event') {
      const name = element.attributes.name;
      if (eventIndex.has(name)) throw new Error(`basic event ${name} defined twice`);
      eventIndex.set(name, eventNames.length);
      eventNames.push(name);
      return;
    }
    if (element.name === 'define-house-event' || element.name === 'define-CCF-group') {
      throw new Error(`<${element.name}> is outside the subset this reader handles`);
    }
    for (const child of element.children) visit(child);
  };
  visit(document);

  // Basic events referenced but not defined (no probability) are events all the same.
  const referenceEvent = (name) => {
    if (!eventIndex.has(name)) {
      eventIndex.set(name, eventNames.length);
      eventNames.push(name);
    }
    return eventIndex.get(name);
  };
  const collect = (formula) => {
    if (formula.name === 'basic-event') referenceEvent(formula.attributes.name);
    for (const child of formula.children) collect(child);
  };
  for (const formula of gateDefinitions.values()) collect(formula);

  const n = eventNames.length;
  const nodes = [];
  const nodeOfGate = new Map();
  const inProgress = new Set();
  const referenced = new Set();
  const compileGate = (name) => {
    const known = nodeOfGate.get(name);
    if (known !== undefined) return known;
    const formula = gateDefinitions.get(name);
    if (formula === undefined) throw new Error(`gate ${name} is not defined`);
    if (inProgress.has(name)) throw new Error(`gate ${name} is on a cycle`);
    inProgress.add(name);
    const node = compileFormula(formula);
    inProgress.delete(name);
    nodeOfGate.set(name, node);
    return node;
  };
  const compileFormula = (formula) => {
    const { name, attributes, children } = formula;
    if (name === 'basic-event') return eventIndex.get(attributes.name);
    if (name === 'gate') {
      referenced.add(attributes.name);
      return compileGate(attributes.name);
    }
    if (name === 'event') {
      if (gateDefinitions.has(attributes.name)) {
        referenced.add(attributes.name);
        return compileGate(attributes.name);
      }
      if (eventIndex.has(attributes.name)) return eventIndex.get(attributes.name);
      throw new Error(`event ${attributes.name} is neither a gate nor a basic event`);
    }
    if (name === 'constant') {
      if (attributes.value !== 'true' && attributes.value !== 'false') {
        throw new Error(`<constant value="${attributes.value}">`);
      }
      nodes.push({ op: 'constant', args: [], k: attributes.value === 'true' ? 1 : 0 });
      return n + nodes.length - 1;
    }
    if (!CONNECTIVES.has(name)) throw new Error(`<${name}> is outside the subset this reader handles`);
    const args = children.map(compileFormula);
    if (args.length === 0) throw new Error(`<${name}> without arguments`);
    if ((name === 'not' || name === 'null') && args.length !== 1)
      throw new Error(`<${name}> takes one argument`);
    // n-ary xor is read differently by different tools (parity or exactly one): only the binary one here.
    if (name === 'xor' && args.length !== 2) throw new Error('<xor> with other than two arguments');
    let k = 0;
    if (name === 'atleast') {
      k = Number(attributes.min);
      if (!Number.isInteger(k) || k < 1) throw new Error(`<atleast min="${attributes.min}">`);
    }
    nodes.push({ op: name, args, k });
    return n + nodes.length - 1;
  };
  for (const name of gateDefinitions.keys()) compileGate(name);
  const tops = [...gateDefinitions.keys()].filter((name) => !referenced.has(name));
  return { events: eventNames, nodes, nodeOfGate, tops };
}

// ---------------------------------------------------------------------------------------------------------
// Bit-parallel evaluation: values is one Int32Array of (n + nodes) rows of W words each.

const WORDS = 64; // 2,048 sets per batch

function evaluateBatch(tree, values) {
  const n = tree.events.length;
  const W = WORDS;
  const nodes = tree.nodes;
  for (let g = 0; g < nodes.length; g++) {
    const { op, args, k } = nodes[g];
    const out = (n + g) * W;
    if (op === 'constant') {
      values.fill(k === 1 ? -1 : 0, out, out + W);
      continue;
    }
    if (op === 'atleast') {
      // counts[j] = "at least j+1 arguments true so far", j < k.
      const counts = new Int32Array(k * W);
      for (const arg of args) {
        const a = arg * W;
        for (let j = k - 1; j >= 0; j--) {
          for (let w = 0; w < W; w++) {
            const below = j === 0 ? -1 : counts[(j - 1) * W + w];
            counts[j * W + w] |= below & values[a + w];
          }
        }
      }
      for (let w = 0; w < W; w++) values[out + w] = counts[(k - 1) * W + w];
      continue;
    }
    const first = args[0] * W;
    for (let w = 0; w < W; w++) values[out + w] = values[first + w];
    if (op === 'and' || op === 'nand') {
      for (let i = 1; i < args.length; i++) {
        const a = args[i] * W;
        for (let w = 0; w < W; w++) values[out + w] &= values[a + w];
      }
    } else if (op === 'or' || op === 'nor') {
      for (let i = 1; i < args.length; i++) {
        const a = args[i] * W;
        for (let w = 0; w < W; w++) values[out + w] |= values[a + w];
      }
    } else if (op === 'xor') {
      const a = args[1] * W;
      for (let w = 0; w < W; w++) values[out + w] ^= values[a + w];
    }
    if (op === 'not' || op === 'nand' || op === 'nor') {
      for (let w = 0; w < W; w++) values[out + w] = ~values[out + w];
    }
  }
}

/** Calls visit(indices) for every k-subset of 0..n-1 in lexicographic order (indices is reused). */
function forEachCombination(n, k, visit) {
  const indices = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    visit(indices);
    let i = k - 1;
    while (i >= 0 && indices[i] === n - k + i) i--;
    if (i < 0) return;
    indices[i]++;
    for (let j = i + 1; j < k; j++) indices[j] = indices[j - 1] + 1;
  }
}

/**
 * The minimal solutions of the gate `top` with at most `limit` events: {distribution, sets} where sets are
 * sorted arrays of event indices, by order then lexicographically.
 */
export function bruteMinimalSets(tree, top, limit) {
  const n = tree.events.length;
  if (limit > 6 && n > 0) throw new Error('limit above 6: set keys would overflow');
  const topNode = tree.nodeOfGate.get(top);
  if (topNode === undefined) throw new Error(`no gate ${top}`);
  const W = WORDS;
  const batchSize = W * 32;
  const values = new Int32Array((n + tree.nodes.length) * W);
  const base = n + 1;
  const keyOf = (indices, skip) => {
    let key = 0;
    for (let i = 0; i < indices.length; i++) if (i !== skip) key = key * base + indices[i] + 1;
    return key;
  };
  // Every solution (minimal or not) of order < limit, to test the subsets of larger candidates.
  const solutions = new Set();
  const distribution = new Array(limit + 1).fill(0);
  const sets = [];
  const isSolution = (indices, mask) => {
    // The subset of `indices` selected by `mask` (bit i keeps indices[i]).
    let key = 0;
    for (let i = 0; i < indices.length; i++) if (mask & (1 << i)) key = key * base + indices[i] + 1;
    return solutions.has(key);
  };
  for (let k = 0; k <= limit; k++) {
    const batch = [];
    const flush = () => {
      values.fill(0, 0, n * W);
      for (let b = 0; b < batch.length; b++) {
        for (const e of batch[b]) values[e * W + (b >>> 5)] |= 1 << (b & 31);
      }
      evaluateBatch(tree, values);
      const t = topNode * W;
      for (let b = 0; b < batch.length; b++) {
        if (((values[t + (b >>> 5)] >>> (b & 31)) & 1) === 0) continue;
        const indices = batch[b];
        if (k < limit) solutions.add(keyOf(indices, -1));
        // Minimal when no proper subset (every mask but the full one) is a solution.
        let minimal = true;
        for (let mask = 0; mask < (1 << k) - 1 && minimal; mask++) minimal = !isSolution(indices, mask);
        if (minimal) {
          distribution[k]++;
          sets.push(indices);
        }
      }
      batch.length = 0;
    };
    forEachCombination(n, k, (indices) => {
      batch.push(indices.slice());
      if (batch.length === batchSize) flush();
    });
    if (batch.length > 0) flush();
  }
  return { distribution, sets };
}

// ---------------------------------------------------------------------------------------------------------

function parseArguments(argv) {
  const options = { file: null, limit: 3, top: null, list: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--list') options.list = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--limit' || arg === '-l') options.limit = Number(argv[++i]);
    else if (arg === '--top') options.top = argv[++i];
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (options.file === null) options.file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (options.file === null)
    throw new Error('usage: brute-minimal-sets.mjs <tree.xml> [--limit L] [--top g]');
  if (!Number.isInteger(options.limit) || options.limit < 0)
    throw new Error('--limit must be an integer ≥ 0');
  return options;
}

function main(argv) {
  const options = parseArguments(argv);
  const started = performance.now();
  const tree = readTree(readFileSync(options.file, 'utf8'));
  let top = options.top;
  if (top === null) {
    if (tree.tops.length !== 1)
      throw new Error(`several top gates (${tree.tops.join(', ')}): pick one with --top`);
    top = tree.tops[0];
  }
  const { distribution, sets } = bruteMinimalSets(tree, top, options.limit);
  const seconds = (performance.now() - started) / 1000;
  const named = sets.map((set) => set.map((e) => tree.events[e]).sort());
  if (options.json) {
    const result = { tree: options.file, top, limit: options.limit, distribution, seconds };
    if (options.list) result.sets = named;
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `${options.file}: top ${top}, ${tree.events.length} basic events, ${tree.nodes.length} connectives`,
  );
  console.log(`minimal solutions by order 0..${options.limit}: ${distribution.join(' ')}`);
  console.log(`total ${distribution.reduce((a, b) => a + b, 0)}, ${seconds.toFixed(1)} s`);
  if (options.list) for (const set of named) console.log(set.join(' '));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
