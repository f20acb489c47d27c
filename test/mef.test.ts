// Open-PSA MEF reader and writer: each construct, errors with their positions, round trips, SCRAM's validator.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultGraph, GraphError, type GateKind, type Input } from '../src/analysis/graph.js';
import { MefError, readMef, writeMef, type MefModel } from '../src/analysis/mef.js';
import { scramAvailable, skipWithoutScram } from './support/scram.js';

const ARALIA = fileURLToPath(new URL('../bench/aralia/', import.meta.url));
const araliaFiles = readdirSync(ARALIA)
  .filter((name) => name.endsWith('.xml'))
  .sort();

/** Wraps a fault tree's body (and optional model data) in an MEF document, one element per line. */
function mef(tree: string, data = ''): string {
  return `<?xml version="1.0"?>\n<opsa-mef>\n<define-fault-tree name="t">\n${tree}\n</define-fault-tree>\n<model-data>\n${data}\n</model-data>\n</opsa-mef>\n`;
}

function events(...names: string[]): string {
  return names
    .map((name) => `<define-basic-event name="${name}"><float value="0.1"/></define-basic-event>`)
    .join('\n');
}

function read(text: string): MefModel {
  return readMef(text, 'test.xml');
}

/** The gate's inputs by name: gates and events by their names, constants as true/false. */
function inputsOf(graph: FaultGraph, name: string): string[] {
  const gate = graph.findGate(name);
  if (gate === undefined) throw new Error(`no gate ${name}`);
  return gate.inputs.map((input) => describeInput(graph, input));
}

function describeInput(graph: FaultGraph, input: Input): string {
  return input.type === 'constant' ? String(input.value) : graph.nameOf(input);
}

/** Everything about a graph's logic, comparable with toEqual. */
function shape(graph: FaultGraph) {
  return {
    gates: graph.gates.map((gate) => ({
      name: gate.name,
      kind: gate.kind,
      min: gate.min,
      inputs: gate.inputs.map((input) => describeInput(graph, input)),
    })),
    events: graph.events.map((event) => ({ name: event.name, probability: event.probability })),
  };
}

function errorOf(text: string): MefError {
  try {
    read(text);
  } catch (error) {
    if (error instanceof MefError) return error;
    throw error;
  }
  throw new Error('expected a MefError');
}

function where(error: MefError) {
  return { line: error.line, column: error.column, element: error.element };
}

/** Truth of a gate under an assignment of the events; the graph must be acyclic. */
function evaluate(graph: FaultGraph, gateIndex: number, values: boolean[]): boolean {
  const gate = graph.gates[gateIndex]!;
  const args = gate.inputs.map((input) =>
    input.type === 'constant'
      ? input.value
      : input.type === 'event'
        ? values[input.index]!
        : evaluate(graph, input.index, values),
  );
  const trues = args.filter(Boolean).length;
  switch (gate.kind) {
    case 'and':
      return trues === args.length;
    case 'or':
      return trues > 0;
    case 'atleast':
      return trues >= gate.min!;
    case 'not':
    case 'nand':
      return trues < args.length;
    case 'nor':
      return trues === 0;
    case 'xor':
      return trues % 2 === 1;
    case 'iff':
      return trues % 2 === 0;
    case 'null':
      return args[0]!;
  }
}

const hasScram = scramAvailable();
const scratch = mkdtempSync(join(tmpdir(), 'lockout-mef-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `scram --validate` on the text; returns its complaint, or '' when SCRAM accepts the file. */
function scramValidate(text: string, name: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  const result = spawnSync('scram', ['--validate', file], { encoding: 'utf8' });
  return result.status === 0 ? '' : `${result.stdout}${result.stderr}`;
}

describe('readMef: constructs', () => {
  it('reads gates, basic events, probabilities, fault trees and tops', () => {
    const model = read(
      mef(
        `<define-gate name="top"><or><gate name="g1"/><basic-event name="e3"/></or></define-gate>
<define-gate name="g1"><and><basic-event name="e1"/><basic-event name="e2"/></and></define-gate>`,
        `<define-basic-event name="e1"><float value="0.25"/></define-basic-event>
<define-basic-event name="e2"><int value="1"/></define-basic-event>
<define-basic-event name="e3"/>`,
      ),
    );
    expect(model.faultTrees).toEqual(['t']);
    expect(model.tops).toEqual(['top']);
    expect(shape(model.graph)).toEqual({
      gates: [
        { name: 'top', kind: 'or', min: undefined, inputs: ['g1', 'e3'] },
        { name: 'g1', kind: 'and', min: undefined, inputs: ['e1', 'e2'] },
      ],
      events: [
        { name: 'e1', probability: 0.25 },
        { name: 'e2', probability: 1 },
        { name: 'e3', probability: undefined },
      ],
    });
    expect(model.graph.undefinedGates()).toEqual([]);
  });

  it('names nested formulas after their parent and writes them back nested', () => {
    const model = read(
      mef(
        `<define-gate name="g">
<and>
<or><basic-event name="a"/><not><basic-event name="b"/></not></or>
<basic-event name="c"/>
<xor><basic-event name="a"/><basic-event name="c"/></xor>
</and>
</define-gate>`,
        events('a', 'b', 'c'),
      ),
    );
    const graph = model.graph;
    expect(graph.gates.map((gate) => gate.name)).toEqual(['g', 'g.1', 'g.1.1', 'g.2']);
    expect(inputsOf(graph, 'g')).toEqual(['g.1', 'c', 'g.2']);
    expect(inputsOf(graph, 'g.1')).toEqual(['a', 'g.1.1']);
    expect(graph.findGate('g.1.1')!.kind).toBe('not');
    expect(inputsOf(graph, 'g.1.1')).toEqual(['b']);
    expect(graph.findGate('g.2')!.kind).toBe('xor');
    expect(model.tops).toEqual(['g']);

    const written = writeMef(graph, { name: 't' });
    expect(written).not.toContain('g.1');
    expect(written).toMatch(/<and>\s*<or>\s*<basic-event name="a"\/>\s*<not>/);
    expect(shape(read(written).graph)).toEqual(shape(graph));
  });

  it('resolves gates and basic events referenced before they are defined', () => {
    const graph = read(
      mef(
        `<define-gate name="r1"><or><gate name="g2"/><basic-event name="e9"/></or></define-gate>
<define-gate name="g2"><and><gate name="g3"/><basic-event name="e1"/></and></define-gate>
<define-gate name="g3"><or><basic-event name="e1"/><basic-event name="e9"/></or></define-gate>`,
        events('e1', 'e9'),
      ),
    ).graph;
    // Gates are indexed in definition order, events in model-data order.
    expect(graph.gates.map((gate) => gate.name)).toEqual(['r1', 'g2', 'g3']);
    expect(graph.events.map((event) => event.name)).toEqual(['e1', 'e9']);
    expect(graph.gates[0]!.inputs).toEqual([
      { type: 'gate', index: 1 },
      { type: 'event', index: 1 },
    ]);
    expect(inputsOf(graph, 'g2')).toEqual(['g3', 'e1']);
  });

  it('turns house events into constants: true, false, and false by default', () => {
    const graph = read(
      mef(
        `<define-gate name="r1"><or><house-event name="on"/><house-event name="off"/><house-event name="unset"/><basic-event name="e1"/></or></define-gate>
<define-house-event name="on"><constant value="true"/></define-house-event>
<define-house-event name="off"><label>switched off</label><constant value="false"/></define-house-event>`,
        `${events('e1')}\n<define-house-event name="unset"/>`,
      ),
    ).graph;
    expect(graph.gates[0]!.inputs).toEqual([
      { type: 'constant', value: true },
      { type: 'constant', value: false },
      { type: 'constant', value: false },
      { type: 'event', index: 0 },
    ]);
    expect(graph.events).toHaveLength(1);
  });

  it('reads <event> with a type and, without one, by what the name is defined as', () => {
    const graph = read(
      mef(
        `<define-gate name="r1"><and><event name="g1"/><event name="e1"/><event name="h"/><event name="g1" type="gate"/><event name="e2" type="basic-event"/><event name="h" type="house-event"/></and></define-gate>
<define-gate name="g1"><or><basic-event name="e1"/><basic-event name="e2"/></or></define-gate>
<define-house-event name="h"><constant value="true"/></define-house-event>`,
        events('e1', 'e2'),
      ),
    ).graph;
    expect(inputsOf(graph, 'r1')).toEqual(['g1', 'e1', 'true', 'g1', 'e2', 'true']);
  });

  it('reads every formula kind, a lone argument, constants and atleast min', () => {
    const kinds = ['and', 'or', 'xor', 'nand', 'nor', 'iff'] as const;
    const graph = read(
      mef(
        [
          ...kinds.map(
            (kind) =>
              `<define-gate name="${kind}"><${kind}><basic-event name="a"/><basic-event name="b"/></${kind}></define-gate>`,
          ),
          '<define-gate name="vote"><atleast min="2"><basic-event name="a"/><basic-event name="b"/><basic-event name="c"/></atleast></define-gate>',
          '<define-gate name="neg"><not><gate name="vote"/></not></define-gate>',
          '<define-gate name="pass"><null><gate name="neg"/></null></define-gate>',
          '<define-gate name="alias"><basic-event name="c"/></define-gate>',
          '<define-gate name="always"><constant value="true"/></define-gate>',
          '<define-gate name="mixed"><or><constant value="false"/><gate name="always"/></or></define-gate>',
        ].join('\n'),
        events('a', 'b', 'c'),
      ),
    ).graph;
    for (const kind of kinds) expect(graph.findGate(kind)!.kind).toBe(kind);
    expect(graph.findGate('vote')).toMatchObject({ kind: 'atleast', min: 2 });
    expect(inputsOf(graph, 'vote')).toEqual(['a', 'b', 'c']);
    expect(graph.findGate('neg')!.kind).toBe('not');
    expect(graph.findGate('pass')!.kind).toBe('null');
    expect(graph.findGate('alias')!.kind).toBe('null');
    expect(inputsOf(graph, 'alias')).toEqual(['c']);
    expect(inputsOf(graph, 'always')).toEqual(['true']);
    expect(inputsOf(graph, 'mixed')).toEqual(['false', 'always']);
  });

  it('reads labels and lockout attributes, looks into components and skips what does not matter', () => {
    const model = read(`<?xml version="1.0"?>
<!-- a comment -->
<opsa-mef>
  <label>the model</label>
  <define-parameter name="lambda"><float value="1e-3"/></define-parameter>
  <define-fault-tree name="ft">
    <attributes><attribute name="owner" value="me"/></attributes>
    <define-gate name="r1">
      <label>
        Sign in as root
      </label>
      <attributes>
        <attribute name="lockout-duration-min" value="1"/>
        <attribute name="lockout-duration-typical" value="24"/>
        <attribute name="lockout-duration-max" value="72.5"/>
        <attribute name="lockout-cost" value="100"/>
        <attribute name="vendor" value="ignored"/>
      </attributes>
      <or><basic-event name="phone"/><gate name="inner"/></or>
    </define-gate>
    <define-component name="part">
      <define-gate name="inner"><and><basic-event name="card"/><basic-event name="phone"/></and></define-gate>
    </define-component>
    <some-future-element><gate name="nothing"/></some-future-element>
  </define-fault-tree>
  <model-data>
    <define-basic-event name="phone">
      <label><![CDATA[Phone & number]]></label>
      <attributes><attribute name="lockout:lost" value="true"/></attributes>
      <float value="0.5"/>
    </define-basic-event>
    <define-basic-event name="card"><attributes><attribute name="lockout-lost" value="false"/></attributes></define-basic-event>
  </model-data>
</opsa-mef>`);
    const { graph } = model;
    expect(model.faultTrees).toEqual(['ft']);
    expect(graph.findGate('r1')).toMatchObject({
      label: 'Sign in as root',
      duration: { min: 1, typical: 24, max: 72.5 },
      cost: 100,
    });
    expect(graph.findEvent('phone')).toMatchObject({ label: 'Phone & number', lost: true, probability: 0.5 });
    expect(graph.findEvent('card')).toMatchObject({ lost: false });
    expect(graph.findEvent('card')!.probability).toBeUndefined();
    expect(inputsOf(graph, 'inner')).toEqual(['card', 'phone']);
  });

  it('lists every top, in definition order', () => {
    const model = read(
      mef(
        `<define-gate name="b"><or><gate name="shared"/><basic-event name="e1"/></or></define-gate>
<define-gate name="shared"><and><basic-event name="e1"/><basic-event name="e2"/></and></define-gate>
<define-gate name="a"><or><gate name="shared"/><basic-event name="e2"/></or></define-gate>`,
        events('e1', 'e2'),
      ),
    );
    expect(model.tops).toEqual(['b', 'a']);
  });
});

describe('readMef: errors', () => {
  it('turns malformed XML into a MefError with its position', () => {
    const error = errorOf('<?xml version="1.0"?>\n<opsa-mef>\n  <define-fault-tree name="t">\n</opsa-mef>\n');
    expect(error).toBeInstanceOf(MefError);
    expect(where(error)).toEqual({ line: 4, column: 11, element: undefined });
    expect(error.message).toBe('test.xml:4:11: unexpected close tag.');
    expect(error.hint).toMatch(/well-formed/);

    expect(where(errorOf('<opsa-mef>\n<gate name="x>\n</opsa-mef>'))).toMatchObject({ line: 3 });
    expect(errorOf('').message).toMatch(/^test\.xml:1:1: /);
    expect(errorOf('<opsa-mef>').message).toMatch(/^test\.xml:1:10: /);
  });

  it('never lets anything but a MefError out for a truncated file', () => {
    const text = readFileSync(join(ARALIA, 'chinese.xml'), 'utf8');
    for (let end = 0; end < text.length - 12; end += 7) {
      expect(() => read(text.slice(0, end))).toThrow(MefError);
    }
  });

  it('names the first reference to an undefined gate', () => {
    const error = errorOf(
      mef(
        `<define-gate name="r1">
  <or><basic-event name="e1"/>
    <gate name="missing"/></or>
</define-gate>
<define-gate name="r2"><or><gate name="missing"/><basic-event name="e1"/></or></define-gate>`,
        events('e1'),
      ),
    );
    expect(where(error)).toEqual({ line: 6, column: 5, element: 'gate' });
    expect(error.message).toBe('test.xml:6:5: <gate>: gate "missing" is not defined');
    expect(error.hint).toBe('define it with <define-gate name="missing">');
  });

  it('names the first reference to an undefined basic event', () => {
    const error = errorOf(
      mef(
        `<define-gate name="r1"><or><basic-event name="e1"/><basic-event name="gone"/></or></define-gate>
<define-gate name="r2"><or><basic-event name="gone"/><basic-event name="e1"/></or></define-gate>`,
        events('e1'),
      ),
    );
    expect(where(error)).toEqual({ line: 4, column: 52, element: 'basic-event' });
    expect(error.problem).toBe('basic event "gone" is not defined');
    expect(error.hint).toMatch(/<define-basic-event name="gone"> in <model-data>/);

    const untyped = errorOf(
      mef(
        '<define-gate name="r1"><or><event name="who"/><basic-event name="e1"/></or></define-gate>',
        events('e1'),
      ),
    );
    expect(untyped.problem).toBe('event "who" is not defined');
  });

  it('refuses a duplicate definition, naming where the first one is', () => {
    const gate = errorOf(
      mef(
        `<define-gate name="g"><or><basic-event name="e1"/><basic-event name="e2"/></or></define-gate>
  <define-gate name="g"><and><basic-event name="e1"/><basic-event name="e2"/></and></define-gate>`,
        events('e1', 'e2'),
      ),
    );
    expect(where(gate)).toEqual({ line: 5, column: 3, element: 'define-gate' });
    expect(gate.problem).toBe('"g" is already defined as a gate at line 4');

    const acrossKinds = errorOf(
      mef(
        '<define-gate name="e1"><or><basic-event name="e1"/><basic-event name="e2"/></or></define-gate>',
        events('e1', 'e2'),
      ),
    );
    expect(where(acrossKinds)).toEqual({ line: 7, column: 1, element: 'define-basic-event' });
    expect(acrossKinds.problem).toBe('"e1" is already defined as a gate at line 4');

    const twice = errorOf(
      mef('<define-gate name="g"><or><basic-event name="e1"/></or></define-gate>', events('e1', 'e1')),
    );
    expect(where(twice)).toEqual({ line: 8, column: 1, element: 'define-basic-event' });
    expect(twice.problem).toBe('"e1" is already defined as a basic event at line 7');
  });

  it('refuses a bad atleast min', () => {
    const body = (min: string) =>
      mef(
        `<define-gate name="v">\n  <atleast ${min}><basic-event name="a"/><basic-event name="b"/></atleast>\n</define-gate>`,
        events('a', 'b'),
      );
    const notANumber = errorOf(body('min="two"'));
    expect(where(notANumber)).toEqual({ line: 5, column: 3, element: 'atleast' });
    expect(notANumber.message).toBe('test.xml:5:3: <atleast>: min="two" is not a whole number of at least 1');
    expect(errorOf(body('min="0"')).problem).toBe('min="0" is not a whole number of at least 1');
    expect(errorOf(body('min="1.5"')).problem).toBe('min="1.5" is not a whole number of at least 1');
    expect(errorOf(body('')).problem).toBe('the min attribute is missing');
    const tooMany = errorOf(body('min="3"'));
    expect(where(tooMany)).toEqual({ line: 5, column: 3, element: 'atleast' });
    expect(tooMany.problem).toBe('min="3" is more than the 2 arguments');
  });

  it('refuses probability expressions other than a number', () => {
    const error = errorOf(
      mef(
        '<define-gate name="g"><or><basic-event name="e1"/></or></define-gate>',
        `<define-basic-event name="e1">\n    <exponential><float value="1e-4"/><float value="8760"/></exponential>\n</define-basic-event>`,
      ),
    );
    expect(where(error)).toEqual({ line: 8, column: 5, element: 'exponential' });
    expect(error.problem).toBe('probability expression <exponential> is not supported');
    expect(error.hint).toMatch(/<float value=/);

    const parameter = errorOf(
      mef('', '<define-basic-event name="e1"><parameter name="p"/></define-basic-event>'),
    );
    expect(parameter.problem).toBe('probability expression <parameter> is not supported');
    expect(
      errorOf(mef('', '<define-basic-event name="e1"><float value="1.5"/></define-basic-event>')).problem,
    ).toBe('probability 1.5 is not between 0 and 1');
    expect(
      errorOf(mef('', '<define-basic-event name="e1"><float value="abc"/></define-basic-event>')).problem,
    ).toBe('value="abc" is not a number');
  });

  it('refuses CCF groups, event trees and substitutions rather than skip them', () => {
    const ccf = errorOf(mef('<define-CCF-group name="pumps" model="beta-factor"/>'));
    expect(where(ccf)).toEqual({ line: 4, column: 1, element: 'define-CCF-group' });
    expect(ccf.problem).toBe('common-cause failure groups are not supported');
    const tree = errorOf('<opsa-mef>\n  <define-event-tree name="et"/>\n</opsa-mef>');
    expect(tree.message).toBe('test.xml:2:3: <define-event-tree>: event trees are not supported');
    expect(errorOf('<opsa-mef><define-substitution name="s"/></opsa-mef>').problem).toBe(
      'substitutions are not supported',
    );
  });

  it('reports other mistakes at the element at fault', () => {
    const cases: [string, { line: number; column: number; element: string }, string][] = [
      [
        '<model><define-gate name="g"/></model>',
        { line: 1, column: 1, element: 'model' },
        'the root element must be <opsa-mef>',
      ],
      [
        mef(
          '<define-gate name="g"><not><basic-event name="a"/><basic-event name="b"/></not></define-gate>',
          events('a', 'b'),
        ),
        { line: 4, column: 23, element: 'not' },
        '<not> takes exactly one argument, got 2',
      ],
      [
        mef('<define-gate name="g"><and></and></define-gate>'),
        { line: 4, column: 23, element: 'and' },
        'the formula has no arguments',
      ],
      [
        mef('<define-gate name="g">\n</define-gate>'),
        { line: 4, column: 1, element: 'define-gate' },
        'gate "g" has no formula',
      ],
      [
        mef(
          '<define-gate name="g"><or><basic-event name="a"/></or><and><basic-event name="a"/></and></define-gate>',
          events('a'),
        ),
        { line: 4, column: 55, element: 'and' },
        'gate "g" has more than one formula',
      ],
      [
        mef(
          '<define-gate name="g"><or><imply><basic-event name="a"/><basic-event name="a"/></imply></or></define-gate>',
          events('a'),
        ),
        { line: 4, column: 27, element: 'imply' },
        'formula <imply> is not supported',
      ],
      [
        mef('<define-gate name="g"><or><gate name="ft.sub"/></or></define-gate>'),
        { line: 4, column: 27, element: 'gate' },
        '"ft.sub": names with "." (paths into components) are not supported',
      ],
      [
        mef('<define-gate name="g"><or><gate name="a"/></or></define-gate>', events('a')),
        { line: 4, column: 27, element: 'gate' },
        '"a" is a basic event, not a gate',
      ],
      [
        mef('<define-gate name="g"><or><event name="a" type="pump"/></or></define-gate>'),
        { line: 4, column: 27, element: 'event' },
        'type="pump" is not one of gate, basic-event, house-event',
      ],
      [
        mef('<define-gate name="g"><or><constant value="yes"/></or></define-gate>'),
        { line: 4, column: 27, element: 'constant' },
        'value="yes" is not true or false',
      ],
      [
        mef('<define-gate><or><constant value="true"/></or></define-gate>'),
        { line: 4, column: 1, element: 'define-gate' },
        'the name attribute is missing',
      ],
      [
        mef(
          '<define-gate name="g"><attributes><attribute name="lockout-duration-min" value="1"/></attributes><or><constant value="true"/></or></define-gate>',
        ),
        { line: 4, column: 1, element: 'define-gate' },
        'a duration needs all of lockout-duration-min, lockout-duration-typical and lockout-duration-max',
      ],
      [
        mef(
          '',
          '<define-basic-event name="e"><attributes><attribute name="lockout-cost" value="-3"/></attributes></define-basic-event>',
        ),
        { line: 7, column: 42, element: 'attribute' },
        'lockout-cost="-3" is not a non-negative number',
      ],
      [
        mef('<define-gate name="g"><or><gate name="h"><gate name="i"/></gate></or></define-gate>'),
        { line: 4, column: 42, element: 'gate' },
        '<gate> takes no child elements',
      ],
    ];
    for (const [text, position, problem] of cases) {
      const error = errorOf(text);
      expect({ ...where(error), problem: error.problem }).toEqual({ ...position, problem });
    }
  });
});

describe('writeMef', () => {
  it('keeps labels, lost events, durations, costs and awkward names through a round trip', () => {
    const graph = new FaultGraph();
    // Reserve the parent's index first, so the gate order is the one reading back gives.
    graph.gateRef('root-signin');
    const phone = graph.addEvent('phone:+81 90-0000', {
      label: 'Phone <old> & "number"\nline two',
      probability: 0.02,
      lost: true,
      duration: { min: 2, typical: 24, max: 168 },
      cost: 11500,
    });
    const card = graph.addEvent('card', { probability: 1e-7 });
    const sameName = graph.addEvent('root-signin');
    const nested = graph.defineGate('root-signin.1', 'and', [card, sameName]);
    graph.defineGate('root-signin', 'or', [phone, nested, { type: 'constant', value: false }], {
      label: 'Sign in as root',
      duration: { min: 0.5, typical: 1, max: 72 },
      cost: 0,
    });
    graph.defineGate('1st', 'not', [graph.gateRef('root-signin')]);

    const text = writeMef(graph, { name: 'my account' });
    expect(text).toContain('<define-fault-tree name="my_account">');
    expect(text).toContain('<attribute name="lockout-name" value="phone:+81 90-0000"/>');
    expect(text).toContain('<label>Phone &lt;old&gt; &amp; "number"\nline two</label>');

    const back = read(text).graph;
    // root-signin.1 goes back inside root-signin; the event root-signin, 1st and the phone are renamed.
    expect(shape(back)).toEqual(shape(graph));
    expect(back.events).toEqual(graph.events);
    expect(back.findGate('root-signin')).toMatchObject({
      label: 'Sign in as root',
      duration: { min: 0.5, typical: 1, max: 72 },
      cost: 0,
    });
    expect(back.findEvent('card')).toMatchObject({ lost: false, probability: 1e-7 });
  });

  it('writes only what the tops reach', () => {
    const graph = new FaultGraph();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => graph.addEvent(name, { probability: 0.5 }));
    const shared = graph.defineGate('shared', 'or', [a!, b!]);
    graph.defineGate('t1', 'and', [shared, a!]);
    graph.defineGate('t2', 'and', [shared, c!]);
    const text = writeMef(graph, { name: 'ft', tops: ['t1'] });
    const back = read(text);
    expect(back.tops).toEqual(['t1']);
    expect(back.graph.gates.map((gate) => gate.name)).toEqual(['shared', 't1']);
    expect(back.graph.events.map((event) => event.name)).toEqual(['a', 'b']);
  });

  it('rewrites what SCRAM refuses into equivalent formulas', () => {
    const graph = new FaultGraph();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => graph.addEvent(name, { probability: 0.1 }));
    const yes: Input = { type: 'constant', value: true };
    const cases: [string, GateKind, Input[], number?][] = [
      ['and1', 'and', [a!]],
      ['nand1', 'nand', [a!]],
      ['nor-dup', 'nor', [a!, a!]],
      ['xor3', 'xor', [a!, b!, c!]],
      ['xor5', 'xor', [a!, b!, c!, d!, a!]],
      ['iff2', 'iff', [a!, b!]],
      ['iff3', 'iff', [a!, b!, c!]],
      ['vote1', 'atleast', [a!, b!, c!], 1],
      ['vote3', 'atleast', [a!, b!, c!], 3],
      ['vote-dup', 'atleast', [a!, a!, b!, c!], 2],
      ['or-dup', 'or', [a!, b!, a!, yes, yes]],
      ['and-const', 'and', [yes, yes, d!]],
      ['null', 'null', [graph.gateRef('xor3')]],
    ];
    for (const [name, kind, inputs, min] of cases) graph.defineGate(name, kind, inputs, { min });

    const text = writeMef(graph, { name: 'normal' });
    const back = read(text).graph;
    for (let bits = 0; bits < 16; bits++) {
      const values = [0, 1, 2, 3].map((bit) => (bits & (1 << bit)) !== 0);
      for (const [name] of cases) {
        const before = evaluate(graph, graph.findGate(name)!.index, values);
        const after = evaluate(back, back.findGate(name)!.index, values);
        expect({ name, bits, value: after }).toEqual({ name, bits, value: before });
      }
    }
    if (hasScram) expect(scramValidate(text, 'normal.xml')).toBe('');
  });

  it('refuses a graph it cannot write', () => {
    const graph = new FaultGraph();
    graph.defineGate('top', 'or', [graph.gateRef('later'), graph.addEvent('e')]);
    expect(() => writeMef(graph, { name: 't' })).toThrow(/gate "later" is referenced but not defined/);
    expect(() => writeMef(graph, { name: 't', tops: ['nope'] })).toThrow(GraphError);
    const bad = new FaultGraph();
    bad.defineGate('top', 'or', [bad.addEvent('e', { probability: 2 })]);
    expect(() => writeMef(bad, { name: 't' })).toThrow(/probability of "e" is 2/);
  });
});

describe('Aralia benchmark', () => {
  it('has the 43 trees', () => {
    expect(araliaFiles).toHaveLength(43);
  });

  it.each(araliaFiles)('%s: read, write, read gives the same graph', (file) => {
    const model = readMef(readFileSync(join(ARALIA, file), 'utf8'), file);
    expect(model.tops).toEqual(['r1']);
    expect(model.faultTrees).toHaveLength(1);
    const text = writeMef(model.graph, { name: model.faultTrees[0]!, tops: model.tops });
    const back = readMef(text, `written-${file}`);
    expect(back.tops).toEqual(['r1']);
    expect(back.graph.gates).toHaveLength(model.graph.gates.length);
    expect(back.graph.events).toHaveLength(model.graph.events.length);
    expect(shape(back.graph)).toEqual(shape(model.graph));
  });

  it('reads the largest trees quickly', () => {
    for (const [file, gates] of [
      ['das9701.xml', 3218],
      ['nus9601.xml', 1622],
    ] as const) {
      const text = readFileSync(join(ARALIA, file), 'utf8');
      const started = performance.now();
      const model = readMef(text, file);
      const elapsed = performance.now() - started;
      expect(model.graph.gates).toHaveLength(gates);
      expect(elapsed).toBeLessThan(1000);
    }
  });
});

describe('SCRAM 0.16.2 accepts what writeMef writes', () => {
  beforeEach(skipWithoutScram);

  it('chinese.xml and the other Aralia trees, as written', () => {
    for (const file of araliaFiles) {
      const model = readMef(readFileSync(join(ARALIA, file), 'utf8'), file);
      expect({
        file,
        complaint: scramValidate(writeMef(model.graph, { name: file.replace('.xml', '') }), file),
      }).toEqual({
        file,
        complaint: '',
      });
    }
  });

  it('a model with labels, attributes and names MEF does not allow', () => {
    const graph = new FaultGraph();
    const phone = graph.addEvent('phone.number', { label: 'Phone & "SIM"', lost: true, probability: 0.3 });
    const mail = graph.addEvent('mail', { duration: { min: 1, typical: 2, max: 3 }, cost: 5 });
    const login = graph.defineGate('aws:root', 'atleast', [phone, mail, graph.addEvent('key')], {
      min: 2,
      label: 'Root <sign-in>',
      cost: 1.5,
    });
    graph.defineGate('mail', 'or', [login, mail]);
    const text = writeMef(graph, { name: 'acct-1' });
    expect(scramValidate(text, 'annotated.xml')).toBe('');
    expect(read(text).graph.events).toEqual(graph.events);
  });

  it('the same logic as the original, by SCRAM own analysis of chinese.xml and das9601.xml', () => {
    for (const file of ['chinese.xml', 'das9601.xml']) {
      const original = join(ARALIA, file);
      const model = readMef(readFileSync(original, 'utf8'), file);
      const written = join(scratch, `analysed-${file}`);
      writeFileSync(written, writeMef(model.graph, { name: 'r' }));
      const products = (path: string) => {
        const result = spawnSync('scram', [path, '--bdd', '--probability', 'true', '--no-indent'], {
          encoding: 'utf8',
        });
        return /<sum-of-products [^>]*>/.exec(result.stdout)?.[0].replace(/name="[^"]*"/, '');
      };
      const expected = products(original);
      expect(expected).toMatch(/products="\d+"/);
      expect(products(written)).toBe(expected);
    }
  });
});
