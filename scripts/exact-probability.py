#!/usr/bin/env python3
"""Exact top-event probability of an Open-PSA MEF fault tree, computed with BuDDy.

A reference independent of Lockout's engine: its own MEF reading (xml.etree), a BDD built by BuDDy (the C
library of Debian's libbdd0c2, loaded with ctypes), and the probability by a memoized Shannon expansion over
that BDD in plain Python floats: P(f) = p(x) * P(f|x=1) + (1 - p(x)) * P(f|x=0).

Usage:

    python3 scripts/exact-probability.py FILE... [--top GATE] [--time-limit S] [--max-nodes N]

FILE... is one model, possibly split over several files (a fault tree and its basic events). It prints one
JSON object on stdout:

    {"status": "ok", "files": [...], "top": "r1", "probability": 0.0011705..., "probabilityText": "%.17g",
     "variables": 25, "bddNodes": 67, "tableNodes": ..., "seconds": 0.03, "buddyVersion": "BuDDy - release 2.4"}

and exits 0; when the model cannot be read or the BDD cannot be built (BuDDy's node table reached --max-nodes,
Python ran out of memory) the object has "status": "error" and "error"; past --time-limit, "status": "timeout";
the exit status is then 2. One failure is out of its hands: BuDDy does not survive a failed allocation (it goes
on past a table it could not grow), so under a memory limit lower than what --max-nodes needs (about 60 bytes a
node with the caches) the process dies of SIGSEGV; keep --max-nodes within the memory.

What it reads: define-gate with and, or, not, atleast (min), xor, nand, nor, iff, imply, null, nested
formulas, references gate / basic-event / house-event / event, constant true/false; define-basic-event with
a <float> or <int> value; define-house-event with a <constant>; definitions anywhere in the files
(define-fault-tree, model-data). Anything else that changes the logic or the probabilities (CCF groups,
substitutions, parameters, distributions) is refused rather than ignored. A basic event without a
probability cannot be given an exact value: Lockout's reader gives it none either (its probability is NaN),
so that is an error here.

The time limit is kept by a watchdog thread: BuDDy runs one operation in C for as long as it needs (ctypes
releases the GIL meanwhile), so at the limit the thread prints the timeout result and ends the process.

The top gate is the one defined gate that no other gate references (an error if there are several), or
--top. Variables are numbered in the order a depth-first traversal from the top, arguments in document
order, first meets the basic events; there is no dynamic reordering.
"""

import argparse
import array
import ctypes
import ctypes.util
import json
import math
import os
import sys
import threading
import time
import xml.etree.ElementTree as ET

# BuDDy's operators (bdd.h).
OP_AND, OP_XOR, OP_OR, OP_IMP, OP_BIIMP = 0, 1, 2, 5, 6
BDD_FALSE, BDD_TRUE = 0, 1

CONNECTIVES = {'and', 'or', 'not', 'atleast', 'xor', 'nand', 'nor', 'iff', 'imply', 'null'}
REFERENCES = {'gate', 'basic-event', 'house-event', 'event'}
# Elements that change the logic or the probabilities in ways this script does not model.
UNSUPPORTED = {
    'define-CCF-group': 'common-cause failure groups',
    'define-substitution': 'substitutions',
    'define-parameter': 'parameters',
    'define-event-tree': 'event trees',
    'define-initiating-event': 'event trees',
    'define-sequence': 'event trees',
    'define-rule': 'event trees',
    'define-alignment': 'alignments',
}


class ModelError(Exception):
    """The files are not a model this script can compute."""


class BuildError(Exception):
    """BuDDy could not build the BDD: node table exhausted, out of memory."""


# ---------------------------------------------------------------------------------------------------------
# MEF reading

def local(tag):
    """The element name without a namespace."""
    return tag.rsplit('}', 1)[-1]


class Model:
    def __init__(self):
        # Gates and nested formulas alike: index -> (kind, min, [argument]); an argument is
        # ('node', index) | ('name', kind, name, where) | ('constant', bool).
        self.nodes = []
        self.gate_index = {}  # gate name -> node index
        self.probability = {}  # basic event name -> float or None
        self.house = {}  # house event name -> bool

    def define(self, name, where):
        if name in self.gate_index or name in self.probability or name in self.house:
            raise ModelError(f'{where}: "{name}" is defined twice')


def boolean(text, where):
    value = (text or '').strip()
    if value in ('true', '1'):
        return True
    if value in ('false', '0'):
        return False
    raise ModelError(f'{where}: value="{text}" is not true or false')


def body_of(element):
    """The children that carry meaning: all but the label and the attributes."""
    return [child for child in element if local(child.tag) not in ('label', 'attributes')]


def name_of(element, where):
    name = (element.get('name') or '').strip()
    if name == '':
        raise ModelError(f'{where}: <{local(element.tag)}> has no name')
    return name


def read_formula(model, element, where):
    """Adds a connective (and what it nests) as a node; returns its argument form."""
    tag = local(element.tag)
    if tag in REFERENCES:
        return ('name', tag, name_of(element, where), where)
    if tag == 'constant':
        return ('constant', boolean(element.get('value'), where))
    if tag not in CONNECTIVES:
        raise ModelError(f'{where}: formula <{tag}> is not supported')
    index = len(model.nodes)
    model.nodes.append(None)
    arguments = [read_formula(model, child, where) for child in body_of(element)]
    minimum = None
    if tag == 'atleast':
        try:
            minimum = int(element.get('min', '').strip())
        except ValueError:
            raise ModelError(f'{where}: <atleast> without a whole min') from None
    if len(arguments) == 0:
        raise ModelError(f'{where}: <{tag}> has no arguments')
    if tag in ('not', 'null') and len(arguments) != 1:
        raise ModelError(f'{where}: <{tag}> takes one argument, got {len(arguments)}')
    if tag in ('iff', 'imply') and len(arguments) != 2:
        raise ModelError(f'{where}: <{tag}> takes two arguments, got {len(arguments)}')
    model.nodes[index] = (tag, minimum, arguments)
    return ('node', index)


def read_files(files):
    model = Model()
    for file in files:
        try:
            root = ET.parse(file).getroot()
        except (ET.ParseError, OSError) as error:
            raise ModelError(f'{file}: {error}') from None
        for element in root.iter():
            tag = local(element.tag)
            if tag in UNSUPPORTED:
                raise ModelError(f'{file}: <{tag}>: {UNSUPPORTED[tag]} are not supported')
            if tag == 'define-gate':
                name = name_of(element, file)
                where = f'{file}: gate "{name}"'
                model.define(name, where)
                body = body_of(element)
                if len(body) != 1:
                    raise ModelError(f'{where}: expected one formula, found {len(body)}')
                argument = read_formula(model, body[0], where)
                if argument[0] != 'node':
                    # A gate that is a bare reference or constant: a one-argument null connective.
                    model.nodes.append(('null', None, [argument]))
                    argument = ('node', len(model.nodes) - 1)
                model.gate_index[name] = argument[1]
            elif tag == 'define-basic-event':
                name = name_of(element, file)
                where = f'{file}: basic event "{name}"'
                model.define(name, where)
                body = body_of(element)
                if len(body) > 1:
                    raise ModelError(f'{where}: more than one probability expression')
                probability = None
                if body:
                    expression = local(body[0].tag)
                    if expression not in ('float', 'int'):
                        raise ModelError(f'{where}: probability expression <{expression}> is not supported')
                    try:
                        probability = float(body[0].get('value', '').strip())
                    except ValueError:
                        raise ModelError(f'{where}: value="{body[0].get("value")}" is not a number') from None
                    if not 0.0 <= probability <= 1.0:
                        raise ModelError(f'{where}: probability {probability} is not between 0 and 1')
                model.probability[name] = probability
            elif tag == 'define-house-event':
                name = name_of(element, file)
                where = f'{file}: house event "{name}"'
                model.define(name, where)
                constants = [child for child in element if local(child.tag) == 'constant']
                model.house[name] = boolean(constants[0].get('value'), where) if constants else False
    resolve(model)
    return model


def resolve(model):
    """Replaces name references by ('node', i), ('event', name) or ('constant', value)."""
    for index, (kind, minimum, arguments) in enumerate(model.nodes):
        resolved = []
        for argument in arguments:
            if argument[0] == 'name':
                _, reference, name, where = argument
                if name in model.gate_index and reference in ('gate', 'event'):
                    argument = ('node', model.gate_index[name])
                elif name in model.probability and reference in ('basic-event', 'event'):
                    argument = ('event', name)
                elif name in model.house and reference in ('house-event', 'event'):
                    argument = ('constant', model.house[name])
                else:
                    raise ModelError(f'{where}: {reference} "{name}" is not defined')
            resolved.append(argument)
        model.nodes[index] = (kind, minimum, resolved)


def top_gate(model, wanted):
    if wanted is not None:
        if wanted not in model.gate_index:
            raise ModelError(f'--top {wanted}: no such gate')
        return wanted
    referenced = set()
    for _, _, arguments in model.nodes:
        referenced.update(argument[1] for argument in arguments if argument[0] == 'node')
    tops = [name for name, index in model.gate_index.items() if index not in referenced]
    if len(tops) != 1:
        names = ', '.join(tops[:5])
        raise ModelError(f'{len(tops)} gates are referenced by no other gate ({names}): give --top')
    return tops[0]


def depth_first(model, root):
    """Nodes in post-order and basic events in order of first encounter, from the root, arguments in order."""
    post_order = []
    events = {}
    visited = {root}
    stack = [(root, 0)]
    while stack:
        node, position = stack.pop()
        arguments = model.nodes[node][2]
        while position < len(arguments):
            argument = arguments[position]
            position += 1
            if argument[0] == 'event' and argument[1] not in events:
                events[argument[1]] = len(events)
            elif argument[0] == 'node' and argument[1] not in visited:
                visited.add(argument[1])
                stack.append((node, position))
                stack.append((argument[1], 0))
                break
        else:
            post_order.append(node)
    return post_order, list(events)


# ---------------------------------------------------------------------------------------------------------
# BuDDy

def load_buddy():
    candidates = ['libbdd.so.0', ctypes.util.find_library('bdd')]
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            library = ctypes.CDLL(candidate)
            break
        except OSError:
            continue
    else:
        raise ModelError('BuDDy is not installed (apt-get install -y libbdd0c2, or libbdd-dev)')
    integer = ctypes.c_int
    signatures = {
        'bdd_init': ([integer, integer], integer),
        'bdd_done': ([], None),
        'bdd_setvarnum': ([integer], integer),
        'bdd_setmaxnodenum': ([integer], integer),
        'bdd_setmaxincrease': ([integer], integer),
        'bdd_setcacheratio': ([integer], integer),
        'bdd_ithvar': ([integer], integer),
        'bdd_apply': ([integer, integer, integer], integer),
        'bdd_not': ([integer], integer),
        'bdd_addref': ([integer], integer),
        'bdd_delref': ([integer], integer),
        'bdd_var': ([integer], integer),
        'bdd_low': ([integer], integer),
        'bdd_high': ([integer], integer),
        'bdd_nodecount': ([integer], integer),
        'bdd_getnodenum': ([], integer),
        'bdd_getallocnum': ([], integer),
        'bdd_versionstr': ([], ctypes.c_char_p),
        'bdd_errstring': ([integer], ctypes.c_char_p),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = result
    return library


class Buddy:
    """BuDDy with an error handler that records the error instead of exiting the process."""

    ERROR_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_int)
    GBC_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p)

    def __init__(self, library, variables, max_nodes):
        self.lib = library
        self.error = None
        # Kept on the instance: BuDDy holds only the C pointer.
        self._on_error = self.ERROR_HANDLER(self._record)
        self.lib.bdd_error_hook.argtypes = [self.ERROR_HANDLER]
        self.lib.bdd_error_hook.restype = ctypes.c_void_p
        # Without a handler of our own, BuDDy prints a line for every garbage collection on stdout.
        self._on_gbc = self.GBC_HANDLER(lambda pre, stats: None)
        self.lib.bdd_gbc_hook.argtypes = [self.GBC_HANDLER]
        self.lib.bdd_gbc_hook.restype = ctypes.c_void_p
        # bdd_init installs BuDDy's default handlers (print and exit on error): ours go in after it.
        initial = min(1_000_000, max_nodes // 2)
        code = self.lib.bdd_init(initial, max(initial // 10, 1000))
        if code < 0:
            raise BuildError(f'bdd_init failed: {self.lib.bdd_errstring(code).decode()}')
        self.lib.bdd_error_hook(self._on_error)
        self.lib.bdd_gbc_hook(self._on_gbc)
        self.lib.bdd_setmaxincrease(5_000_000)
        self.lib.bdd_setcacheratio(4)
        self.lib.bdd_setmaxnodenum(max_nodes)
        self.lib.bdd_setvarnum(max(variables, 1))
        self.check()

    def _record(self, code):
        if self.error is None:
            self.error = f'BuDDy error {code}: {self.lib.bdd_errstring(code).decode()}'

    def check(self):
        if self.error is not None:
            raise BuildError(self.error)

    def ref(self, bdd):
        self.lib.bdd_addref(bdd)
        return bdd

    def unref(self, bdd):
        self.lib.bdd_delref(bdd)

    def apply(self, left, right, op):
        """A referenced result."""
        result = self.lib.bdd_apply(left, right, op)
        self.check()
        return self.ref(result)

    def negate(self, bdd):
        result = self.lib.bdd_not(bdd)
        self.check()
        return self.ref(result)


def fold(buddy, operands, op):
    accumulated = buddy.ref(operands[0])
    for operand in operands[1:]:
        result = buddy.apply(accumulated, operand, op)
        buddy.unref(accumulated)
        accumulated = result
    return accumulated


def at_least(buddy, k, operands):
    """At least k of the operands, by counting: count[j] = at least j of those seen so far."""
    if k <= 0:
        return buddy.ref(BDD_TRUE)
    if k > len(operands):
        return buddy.ref(BDD_FALSE)
    count = [buddy.ref(BDD_TRUE)] + [buddy.ref(BDD_FALSE) for _ in range(k)]
    for seen, operand in enumerate(operands, start=1):
        for j in range(min(seen, k), 0, -1):
            both = buddy.apply(count[j - 1], operand, OP_AND)
            either = buddy.apply(count[j], both, OP_OR)
            buddy.unref(both)
            buddy.unref(count[j])
            count[j] = either
    for bdd in count[:k]:
        buddy.unref(bdd)
    return count[k]


def connective(buddy, kind, minimum, operands):
    """The referenced BDD of a connective over BDDs (which stay referenced by their owners)."""
    if kind == 'and':
        return fold(buddy, operands, OP_AND)
    if kind == 'or':
        return fold(buddy, operands, OP_OR)
    if kind in ('nand', 'nor'):
        positive = fold(buddy, operands, OP_AND if kind == 'nand' else OP_OR)
        result = buddy.negate(positive)
        buddy.unref(positive)
        return result
    if kind == 'xor':
        return fold(buddy, operands, OP_XOR)
    if kind == 'iff':
        return buddy.apply(operands[0], operands[1], OP_BIIMP)
    if kind == 'imply':
        return buddy.apply(operands[0], operands[1], OP_IMP)
    if kind == 'not':
        return buddy.negate(operands[0])
    if kind == 'null':
        return buddy.ref(operands[0])
    if kind == 'atleast':
        return at_least(buddy, minimum, operands)
    raise ModelError(f'connective {kind} is not supported')


def build(buddy, model, post_order, variable):
    """The top's BDD (the last node in post-order). A node's BDD is released once its last parent is built."""
    parents = {}
    for node in post_order:
        for argument in model.nodes[node][2]:
            if argument[0] == 'node':
                parents[argument[1]] = parents.get(argument[1], 0) + 1
    bdds = {}
    for node in post_order:
        kind, minimum, arguments = model.nodes[node]
        operands = []
        for argument in arguments:
            if argument[0] == 'node':
                operands.append(bdds[argument[1]])
            elif argument[0] == 'event':
                operands.append(buddy.lib.bdd_ithvar(variable[argument[1]]))
            else:
                operands.append(BDD_TRUE if argument[1] else BDD_FALSE)
        bdds[node] = connective(buddy, kind, minimum, operands)
        for argument in arguments:
            if argument[0] == 'node':
                parents[argument[1]] -= 1
                if parents[argument[1]] == 0:
                    buddy.unref(bdds.pop(argument[1]))
    return bdds[post_order[-1]]


def probability(buddy, root, p):
    """Shannon expansion over the BDD, memoized by node; p[v] is the probability of variable v.

    BuDDy's nodes are indices into its node table, so the memo is an array of doubles over the table (NaN: not
    yet computed), 8 bytes a node rather than a dictionary's hundred.
    """
    lib = buddy.lib
    memo = array.array('d', [math.nan]) * lib.bdd_getallocnum()
    memo[BDD_FALSE] = 0.0
    memo[BDD_TRUE] = 1.0
    stack = [root]
    while stack:
        node = stack[-1]
        if not math.isnan(memo[node]):
            stack.pop()
            continue
        low, high = lib.bdd_low(node), lib.bdd_high(node)
        if math.isnan(memo[low]) or math.isnan(memo[high]):
            if math.isnan(memo[low]):
                stack.append(low)
            if math.isnan(memo[high]):
                stack.append(high)
            continue
        stack.pop()
        q = p[lib.bdd_var(node)]
        memo[node] = q * memo[high] + (1.0 - q) * memo[low]
    return memo[root]


# ---------------------------------------------------------------------------------------------------------

class Reporter:
    """Prints the one result line, once: from the main thread when it finishes, or from the watchdog."""

    def __init__(self, output, started):
        self.output = output
        self.started = started
        self.lock = threading.Lock()
        self.done = False

    def report(self, **fields):
        with self.lock:
            if self.done:
                return None
            self.done = True
            result = {**self.output, **fields, 'seconds': round(time.monotonic() - self.started, 3)}
            sys.stdout.write(json.dumps(result) + '\n')
            sys.stdout.flush()
            return result

    def watch(self, seconds):
        def expire():
            if self.report(status='timeout', error=f'no result within {seconds:g} s') is not None:
                os._exit(2)

        timer = threading.Timer(seconds, expire)
        timer.daemon = True
        timer.start()


def compute(options, output):
    """The top event's probability; fills output with what it learns on the way."""
    library = load_buddy()
    output['buddyVersion'] = ' '.join(library.bdd_versionstr().decode().split())
    model = read_files(options.files)
    top = top_gate(model, options.top)
    output['top'] = top
    post_order, events = depth_first(model, model.gate_index[top])
    missing = [name for name in events if model.probability[name] is None]
    if missing:
        raise ModelError(f'{len(missing)} basic events have no probability, e.g. "{missing[0]}"')
    output['variables'] = len(events)
    buddy = Buddy(library, len(events), options.max_nodes)
    variable = {name: index for index, name in enumerate(events)}
    root = build(buddy, model, post_order, variable)
    output['bddNodes'] = library.bdd_nodecount(root)
    output['tableNodes'] = library.bdd_getallocnum()
    return probability(buddy, root, [model.probability[name] for name in events])


def main(argv):
    parser = argparse.ArgumentParser(description='Exact top-event probability of an MEF model, with BuDDy.')
    parser.add_argument('files', nargs='+', help='the model: fault tree file(s) and basic-event file(s)')
    parser.add_argument('--top', help='the top gate (default: the one gate no other gate references)')
    parser.add_argument('--time-limit', type=float, default=None,
                        help='give up (status "timeout", exit status 2) after this many seconds')
    parser.add_argument('--max-nodes', type=int, default=50_000_000,
                        help="BuDDy's node table limit (default 50 million: 1 GB of nodes, 2 GB of caches)")
    options = parser.parse_args(argv)
    started = time.monotonic()
    output = {'files': options.files}
    reporter = Reporter(output, started)
    if options.time_limit is not None:
        reporter.watch(options.time_limit)
    failure = None
    try:
        value = compute(options, output)
    except (ModelError, BuildError) as error:
        failure = str(error)
    except MemoryError:
        failure = 'out of memory (Python) while building the BDD or summing its probability'
    # Reported here, outside the handlers: the traceback, and the memory its frames hold, are released.
    if failure is not None:
        reporter.report(status='error', error=failure)
        return 2
    reporter.report(status='ok', probability=value, probabilityText=format(value, '.17g'))
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
