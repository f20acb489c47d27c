// Fuzz cases for `npm run fuzz` (scripts/fuzz.mjs) and its reduced run in the tests (test/cli/fuzz.test.ts):
// malformed inventories (text and structural mutations of the examples, deep dependency chains), malformed and
// generated MEF models, and option values, each a command line with the files it reads, drawn from a seed.
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/** The kinds of case; the tests run the first three, which the analysis and the inventory own. */
export const CATEGORIES = ['inventory', 'mef', 'analyze-options', 'options'];

/** A small, fast, seedable generator (mulberry32): the same seed gives the same cases on every machine. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

/** The seed of case `index` of a run: each case can be drawn again alone. */
export function caseSeed(seed, index) {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

const DATES = [
  '9999-12-31',
  '0099-06-17',
  '2022-02-30',
  '2022-13-01',
  '2022-00-10',
  '1970-01-01',
  '2022-06-30',
  '22-06-30',
  '2022-6-3',
  'yesterday',
  '',
  '2022-06-30T25:00',
  '+275760-09-13',
];
const NUMBERS = ['-1', '0', '1', '3', '20', '99', '1e3', 'abc', '', '2147483648', '0x10', '1.5', '-0'];
const GARBAGE = [
  '\t',
  ':',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\0',
  '&a ',
  '*a',
  '!!binary ',
  '\u202e',
  '%',
  '@',
  '---\n',
  '? ',
  '|\n',
  '#',
  '\\',
  '\uFEFF',
  '\r',
  'é',
  '<',
  '>',
  '&amp;',
  '&undefined;',
  ']]>',
  '<!--',
];
const WEIRD_VALUES = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(5000),
  [],
  {},
  '9999-12-31',
  '0099-06-17',
  '2022-02-30',
  'not-a-date',
  { nested: { deep: [1, 2] } },
  'Visa 4111 1111 1111 1111',
  '\u001b[2J',
  '../../etc',
];
const FORMULAS = [
  'or',
  'and',
  'atleast',
  'not',
  'xor',
  'nand',
  'nor',
  'iff',
  'null',
  'foo',
  'gate',
  'basic-event',
  'house-event',
  'define-gate',
  'constant',
];

/**
 * One case: `{ category, description, args, files }`, where `files` are [absolute path, text] pairs to write
 * before running and `args` the command line after `lockout`. `dir` is the case's own folder (absolute).
 */
export function makeCase(rng, category, sources, dir) {
  // sources: { inventories, models } as texts; `reduced` keeps generated models small, for the tests.
  switch (category) {
    case 'inventory':
      return inventoryCase(rng, sources, dir);
    case 'mef':
      return mefCase(rng, sources, dir);
    case 'analyze-options':
      return analyzeOptionsCase(rng, sources, dir);
    default:
      return optionsCase(rng, dir);
  }
}

function inventoryCase(rng, sources, dir) {
  const file = `${dir}/lockout.yaml`;
  let text;
  let description;
  const roll = rng.next();
  if (roll < 0.05) {
    const n = rng.pick(sources.reduced ? [50, 300] : [200, 1000, 2000]);
    text = dependencyChain(n, rng);
    description = `a dependency chain ${n} long`;
  } else if (roll < 0.5) {
    const base = rng.pick(sources.inventories);
    ({ text, description } = mutateText(rng, base, 1 + rng.int(3)));
  } else {
    const base = rng.pick(sources.inventories);
    ({ text, description } = mutateStructure(rng, base));
  }
  const command = rng.pick([
    ['check', file],
    ['check', file, '-f', 'json'],
    ['check', file, '-f', 'sarif'],
    [
      'whatif',
      file,
      '--lose',
      rng.pick(['mika', 'passport', 'root-mailbox', 'nothing-here', 'aws-root-mailbox']),
    ],
    ['export', file, '--format', 'mef'],
  ]);
  return { category: 'inventory', description, args: command, files: [[file, text]] };
}

function dependencyChain(n, rng) {
  const lines = [
    'version: 1',
    'owner: Deep',
    'asOf: 2026-11-24',
    'factors:',
    '  mailboxes:',
    '    - { id: root-box, address: root@example.com, provider: gmail }',
    '  passwordStores:',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(i === 0 ? '    - { id: store-0 }' : `    - { id: store-${i}, dependsOn: [store-${i - 1}] }`);
  }
  // Now and then the chain closes into a loop, which the inventory's check refuses.
  if (rng.chance(0.3)) lines[7] = `    - { id: store-0, dependsOn: [store-${n - 1}] }`;
  lines.push(
    'accounts:',
    "  - id: '444455556666'",
    '    name: deep',
    '    organization: standalone',
    `    root: { email: root-box, password: { storedIn: store-${n - 1} }, mfa: [] }`,
  );
  return lines.join('\n') + '\n';
}

/** Line-level damage: deleted, doubled, swapped or re-indented lines, garbage, truncation. */
function mutateText(rng, text, count) {
  let out = text;
  const done = [];
  for (let k = 0; k < count; k++) {
    const lines = out.split('\n');
    const i = rng.int(lines.length);
    const j = rng.int(lines.length);
    const op = rng.int(7);
    if (op === 0) lines.splice(i, 1);
    else if (op === 1) lines.splice(i, 0, lines[i]);
    else if (op === 2) [lines[i], lines[j]] = [lines[j], lines[i]];
    else if (op === 3)
      lines[i] = (rng.chance(0.5) ? ' '.repeat(1 + rng.int(3)) : '') + lines[i].slice(rng.int(3));
    else if (op === 4) {
      const at = rng.int(lines[i].length + 1);
      lines[i] = lines[i].slice(0, at) + rng.pick(GARBAGE) + lines[i].slice(at);
    } else if (op === 5) {
      out = out.slice(0, rng.int(out.length));
      done.push('truncated');
      continue;
    } else {
      lines[i] = lines[i].replace(
        /(:\s*|=")[^"\n]*$/,
        (_, sep) =>
          `${sep}${rng.pick(['', '-1', 'null', '[', '9999-12-31', '2022-02-30', '"', '1e999', 'NaN'])}`,
      );
    }
    done.push(
      ['deleted', 'doubled', 'swapped', 're-indented', 'garbage in', 'truncated', 'value of'][op] +
        ` line ${i + 1}`,
    );
    out = lines.join('\n');
  }
  return { text: out, description: done.join(', ') };
}

/** A deep copy of a parsed YAML value (plain data). */
function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** A value somewhere in the parsed document deleted, replaced, duplicated or pointed at an unknown id. */
function mutateStructure(rng, text) {
  const doc = parseYaml(text);
  const paths = [];
  const walk = (node, path) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      paths.push([...path, key]);
      walk(node[key], [...path, key]);
    }
  };
  walk(doc, []);
  const path = rng.pick(paths);
  const parent = path.slice(0, -1).reduce((node, key) => node[key], doc);
  const key = path.at(-1);
  const op = rng.int(5);
  let description;
  if (op === 0) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else Reflect.deleteProperty(parent, key);
    description = `deleted ${path.join('.')}`;
  } else if (op === 1) {
    const value = rng.pick(WEIRD_VALUES);
    parent[key] = value;
    description = `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`;
  } else if (op === 2 && Array.isArray(parent)) {
    parent.push(clone(parent[Number(key)]));
    description = `duplicated ${path.join('.')}`;
  } else if (op === 3) {
    parent[key] = rng.pick(['nothing-declared', 'mika', '444455556666', 'root-mailbox']);
    description = `${path.join('.')} points elsewhere`;
  } else {
    const other = rng.pick(paths);
    const value = other.reduce((node, k) => node?.[k], doc);
    parent[key] = clone(value);
    description = `${path.join('.')} = the value of ${other.join('.')}`;
  }
  return { text: stringifyYaml(doc), description };
}

function mefCase(rng, sources, dir) {
  const file = `${dir}/model.xml`;
  let text;
  let description;
  const roll = rng.next();
  if (roll < 0.3) {
    ({ text, description } = generatedModel(rng, sources.reduced === true));
  } else {
    const base = rng.pick(sources.models);
    ({ text, description } = rng.chance(0.5) ? mutateText(rng, base, 1 + rng.int(2)) : mutateXml(rng, base));
  }
  return {
    category: 'mef',
    description,
    args: ['analyze', file, ...analyzeOptions(rng)],
    files: [[file, text]],
  };
}

function analyzeOptions(rng) {
  const options = [];
  if (rng.chance(0.5)) options.push('-l', rng.pick(['1', '2', '3', '6', '20']));
  if (rng.chance(0.3)) options.push('-s', rng.pick(['1', '5', '50']));
  if (rng.chance(0.2)) options.push('--by', 'probability');
  if (rng.chance(0.2)) options.push('-i', '5');
  if (rng.chance(0.2)) options.push('-f', 'json');
  if (rng.chance(0.1)) options.push('--bdd-nodes', rng.pick(['1', '100']));
  return options;
}

/** Element names, attributes, references and whole definitions changed in an MEF model. */
function mutateXml(rng, text) {
  const op = rng.int(6);
  const tags = [...text.matchAll(/<\/?([a-z-]+)/g)];
  const tag = rng.pick(tags);
  if (op === 0 && tag) {
    const name = rng.pick(FORMULAS);
    return {
      text: text.slice(0, tag.index) + tag[0].replace(tag[1], name) + text.slice(tag.index + tag[0].length),
      description: `<${tag[1]}> renamed <${name}>`,
    };
  }
  const attributes = [...text.matchAll(/(name|value|min)="[^"]*"/g)];
  const attribute = rng.pick(attributes);
  if (op === 1 && attribute) {
    const value = rng.pick([
      '',
      'a.b',
      '0',
      '-1',
      '2',
      'NaN',
      '1e999',
      'root-sign-in-lost',
      'x'.repeat(300),
      '&lt;',
      '1',
    ]);
    return {
      text:
        text.slice(0, attribute.index) +
        `${attribute[1]}="${value}"` +
        text.slice(attribute.index + attribute[0].length),
      description: `${attribute[1]}="${value}"`,
    };
  }
  const gates = [...text.matchAll(/<define-gate name="([^"]+)"/g)].map((match) => match[1]);
  if (op === 2 && gates.length > 0) {
    // A reference to a gate from inside another: a cycle, through a negation now and then.
    const target = rng.pick(gates);
    const inner = rng.chance(0.3) ? `<not><gate name="${target}"/></not>` : `<gate name="${target}"/>`;
    return {
      text: text.replace(/(<(and|or)>)/, `$1${inner}`),
      description: `reference to ${target} inside a formula`,
    };
  }
  if (op === 3) {
    const block = text.match(/<define-gate[\s\S]*?<\/define-gate>/);
    if (block)
      return { text: text.replace(block[0], block[0] + block[0]), description: 'a gate defined twice' };
  }
  if (op === 4) {
    return {
      text: text.replace(
        '<opsa-mef>',
        '<!DOCTYPE opsa-mef [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><opsa-mef>',
      ),
      description: 'a DOCTYPE with entities',
    };
  }
  const closing = [...text.matchAll(/<\/[a-z-]+>/g)];
  const drop = rng.pick(closing);
  if (!drop) return { text: '', description: 'empty' };
  return {
    text: text.slice(0, drop.index) + text.slice(drop.index + drop[0].length),
    description: `${drop[0]} removed`,
  };
}

/** Chains, nested formulas, flat gates, k-of-n, models without a top gate, and small random trees. */
function generatedModel(rng, reduced) {
  const kind = rng.int(6);
  const event = (name) =>
    `<define-basic-event name="${name}"><float value="${rng.pick(['0.01', '0.5', '1', '0'])}"/></define-basic-event>`;
  const wrap = (tree, events) =>
    `<opsa-mef><define-fault-tree name="t">${tree}</define-fault-tree><model-data>${events.map(event).join('')}</model-data></opsa-mef>`;
  if (kind === 0) {
    const n = rng.pick(reduced ? [10, 300] : [10, 1000, 5000]);
    const gates = [];
    for (let i = 0; i < n; i++) {
      const kind = rng.pick(['or', 'and']);
      const next = i + 1 < n ? `<gate name="g${i + 1}"/>` : '<basic-event name="last"/>';
      gates.push(
        `<define-gate name="g${i}"><${kind}><basic-event name="e${i}"/>${next}</${kind}></define-gate>`,
      );
    }
    return {
      text: wrap(gates.join('\n'), [...Array.from({ length: n }, (_, i) => `e${i}`), 'last']),
      description: `a chain of ${n} gates`,
    };
  }
  if (kind === 1) {
    const n = rng.pick(reduced ? [100, 1000] : [100, 5000, 10000]);
    let tree = '<define-gate name="top">';
    for (let i = 0; i < n; i++) tree += `<${i % 2 ? 'and' : 'or'}><basic-event name="e${i}"/>`;
    tree += '<basic-event name="last"/>';
    for (let i = n - 1; i >= 0; i--) tree += `</${i % 2 ? 'and' : 'or'}>`;
    return {
      text: wrap(tree + '</define-gate>', [...Array.from({ length: n }, (_, i) => `e${i}`), 'last']),
      description: `a formula nested ${n} deep`,
    };
  }
  if (kind === 2) {
    const n = rng.pick(reduced ? [100, 500] : [100, 4000]);
    const names = Array.from({ length: n }, (_, i) => `e${i}`);
    const kindOf = rng.pick(['or', 'and', 'atleast min="2"']);
    const tree = `<define-gate name="top"><${kindOf}>${names.map((name) => `<basic-event name="${name}"/>`).join('')}</${kindOf.split(' ')[0]}></define-gate>`;
    return { text: wrap(tree, names), description: `a flat ${kindOf.split(' ')[0]} of ${n} events` };
  }
  if (kind === 3) {
    return {
      text: '<opsa-mef><model-data>' + event('a') + '</model-data></opsa-mef>',
      description: 'no top gate',
    };
  }
  if (kind === 4) {
    return {
      text: rng.pick([
        '',
        '<opsa-mef/>',
        '<opsa-mef></opsa-mef>',
        '<?xml version="1.0"?>',
        'not xml',
        '\0\0\0',
        '<opsa-mef><define-fault-tree name="t"/></opsa-mef>',
      ]),
      description: 'an empty or trivial file',
    };
  }
  // A small random tree with shared gates, cycles now and then, and every gate kind.
  const gateCount = 2 + rng.int(8);
  const eventCount = 1 + rng.int(6);
  const gates = [];
  for (let g = 0; g < gateCount; g++) {
    const kind = rng.pick(['or', 'and', 'atleast', 'not', 'xor', 'nand', 'nor', 'iff', 'null']);
    const n = kind === 'not' || kind === 'null' ? 1 : 1 + rng.int(4);
    const args = Array.from({ length: n }, () =>
      rng.chance(0.4)
        ? `<gate name="g${rng.chance(0.15) ? rng.int(gateCount) : Math.min(gateCount - 1, g + 1 + rng.int(gateCount))}"/>`
        : `<basic-event name="e${rng.int(eventCount)}"/>`,
    );
    const min = kind === 'atleast' ? ` min="${rng.int(n + 2)}"` : '';
    gates.push(`<define-gate name="g${g}"><${kind}${min}>${args.join('')}</${kind}></define-gate>`);
  }
  return {
    text: wrap(
      gates.join('\n'),
      Array.from({ length: eventCount }, (_, i) => `e${i}`),
    ),
    description: `a random tree of ${gateCount} gates`,
  };
}

function analyzeOptionsCase(rng, sources, dir) {
  const file = `${dir}/model.xml`;
  const model = rng.pick(sources.models);
  const files = [[file, model]];
  const option = rng.pick(['-l', '-s', '-i', '--bdd-nodes', '-t', '--lose', '--by', '-f', 'file']);
  let args;
  if (option === 'file') {
    const target = rng.pick(['missing', 'folder', '/dev/zero', 'empty', 'binary', 'two']);
    if (target === 'empty') files.push([`${dir}/empty.xml`, '']);
    if (target === 'binary') files.push([`${dir}/binary.xml`, '\u0000\u00ff\u00fe\u0001PK\u0003\u0004']);
    const path = {
      missing: `${dir}/missing.xml`,
      folder: dir,
      '/dev/zero': '/dev/zero',
      empty: `${dir}/empty.xml`,
      binary: `${dir}/binary.xml`,
      two: file,
    }[target];
    args = ['analyze', path, ...(target === 'two' ? [file] : [])];
  } else if (option === '-t' || option === '--lose') {
    args = [
      'analyze',
      file,
      option,
      rng.pick(['', 'nothing', 'root-sign-in-lost', 'old-phone', 'a,b', '-l']),
    ];
  } else if (option === '--by' || option === '-f') {
    args = ['analyze', file, option, rng.pick(['', 'size', 'probability', 'json', 'xml', 'text'])];
  } else {
    args = ['analyze', file, option, rng.pick(NUMBERS)];
  }
  return { category: 'analyze-options', description: args.slice(2).join(' '), args, files };
}

/** Option values of the other commands, on the bundled example: dates, ports, counts, outputs. */
function optionsCase(rng, dir) {
  const date = rng.pick(DATES);
  const number = rng.pick(NUMBERS);
  const store = `${dir}/store.db`;
  const args = rng.pick([
    ['check', '--example', 'incident', '--deadline', date],
    ['check', '--example', 'small-team', '--as-of', date],
    ['whatif', '--example', 'incident', '--lose', 'old-phone', '--deadline', date],
    ['plan', '--example', 'incident', '--now', date],
    ['plan', '--example', 'incident', '--deadline', date],
    ['plan', '--example', 'incident', '--card-failed', date],
    ['plan', '--example', 'incident', '--booked', `notary:${date}`],
    ['calendar', '--example', 'incident', '--drill-months', number],
    ['calendar', '--example', 'incident', '-o', rng.pick(['/dev/full', dir, `${dir}/missing/x.ics`])],
    ['history', '--store', store, '-n', number],
    ['diff', number, number, '--store', store],
    // Only ports that cannot be bound: a valid one would start the dashboard, which runs until stopped.
    ['serve', '--example', 'incident', '--port', rng.pick(['70000', '65536', '-1', 'abc', '1.5', ''])],
  ]);
  return { category: 'options', description: args.join(' '), args, files: [] };
}

/**
 * What a run was: a clean error (exit 2, a message, no stack frames), a success (0, or 1 for findings), a stack
 * trace, a hang (killed at the time limit), or unclean (any other ending: exit 2 in silence, a signal…).
 */
export function classify({ code, stdout, stderr, timedOut }) {
  if (timedOut) return 'hang';
  if (STACK_FRAME.test(stderr) || STACK_FRAME.test(stdout)) return 'stack trace';
  if (code === 0 || code === 1) return 'success';
  if (code === 2 && stderr.trim() !== '') return 'clean error';
  return 'unclean';
}

/**
 * A line of a JavaScript stack trace: "    at fn (file:///….js:line:column)", "    at node:internal/…:l:c". Not
 * the reports' own "at lockout.yaml:12:5", which points into the user's file.
 */
const STACK_FRAME = /^\s+at .*(?:\.[cm]?[jt]s|node:[\w/]+):\d+:\d+\)?$/m;
