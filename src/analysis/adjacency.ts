/**
 * Directed graphs as typed arrays (compressed rows), for walks over hundreds of thousands of nodes that must
 * allocate next to nothing: the targets of node v are targets[start[v] .. start[v + 1]).
 */

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
  const { start, targets } = graph;
  const nodeCount = start.length - 1;
  const seen = new Uint8Array(nodeCount);
  // Found nodes double as the queue of nodes to expand.
  const found = new Int32Array(nodeCount);
  let size = 0;
  const expand = (node: number): void => {
    for (let i = start[node]!; i < start[node + 1]!; i++) {
      const target = targets[i]!;
      if (seen[target]) continue;
      seen[target] = 1;
      found[size++] = target;
    }
  };
  for (const seed of seeds) expand(seed);
  for (let head = 0; head < size; head++) expand(found[head]!);
  return found.subarray(0, size);
}
