/**
 * Directed graphs as typed arrays (compressed rows), for walks over hundreds of thousands of nodes that must
 * allocate next to nothing: the targets of node v are targets[start[v] .. start[v + 1]).
 */

import type { FaultGraph } from './graph.js';

export interface Adjacency {
  readonly start: Int32Array;
  readonly targets: Int32Array;
}

/** The graph over nodes 0 .. nodeCount − 1 with these edges, given as flattened (from, to) pairs. */
export function adjacency(nodeCount: number, edges: readonly number[]): Adjacency {
  const start = new Int32Array(nodeCount + 1);
  for (let i = 0; i < edges.length; i += 2) start[edges[i]! + 1]! += 1;
  for (let node = 1; node <= nodeCount; node++) start[node]! += start[node - 1]!;
  const next = start.slice();
  const targets = new Int32Array(edges.length / 2);
  for (let i = 0; i < edges.length; i += 2) targets[next[edges[i]!]!++] = edges[i + 1]!;
  return { start, targets };
}

/** The nodes reached from the seeds through one edge or more, each once, in the order found. */
export function reachable(graph: Adjacency, seeds: readonly number[]): Int32Array {
  // No other walk follows, so the view stays valid.
  return new ReachableNodes(graph).from(seeds);
}

/**
 * `reachable` for many walks over one graph: its buffers are allocated once, so a walk costs what it reaches
 * rather than the size of the graph.
 */
export class ReachableNodes {
  private readonly graph: Adjacency;
  private readonly seen: Uint8Array;
  // Found nodes double as the queue of nodes to expand.
  private readonly found: Int32Array;
  private size = 0;

  constructor(graph: Adjacency) {
    this.graph = graph;
    const nodeCount = graph.start.length - 1;
    this.seen = new Uint8Array(nodeCount);
    this.found = new Int32Array(nodeCount);
  }

  /**
   * The nodes reached from the seeds, in the order found: a view, valid until the next walk. With `within`,
   * only through nodes marked 1 in it: what a walk over a part of a large graph reaches in that part.
   */
  from(seeds: readonly number[], within?: Uint8Array): Int32Array {
    for (let i = 0; i < this.size; i++) this.seen[this.found[i]!] = 0;
    this.size = 0;
    for (const seed of seeds) this.expand(seed, within);
    for (let head = 0; head < this.size; head++) this.expand(this.found[head]!, within);
    return this.found.subarray(0, this.size);
  }

  private expand(node: number, within: Uint8Array | undefined): void {
    const { start, targets } = this.graph;
    for (let i = start[node]!; i < start[node + 1]!; i++) {
      const target = targets[i]!;
      if (this.seen[target] || (within !== undefined && within[target] === 0)) continue;
      this.seen[target] = 1;
      this.found[this.size++] = target;
    }
  }
}

/**
 * A fault graph upward: from each node to the gates it is an input of. Gates are nodes 0 .. gates − 1, events
 * follow them (event i is node gates + i), so that a walk from events finds the gates above them.
 */
export function gatesAboveOf(graph: FaultGraph): Adjacency {
  const edges: number[] = [];
  for (const gate of graph.gates) {
    for (const input of gate.inputs) {
      if (input.type === 'gate') edges.push(input.index, gate.index);
      else if (input.type === 'event') edges.push(graph.gates.length + input.index, gate.index);
    }
  }
  return adjacency(graph.gates.length + graph.events.length, edges);
}
