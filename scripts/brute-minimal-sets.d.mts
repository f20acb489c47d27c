// Types for scripts/brute-minimal-sets.mjs, so that tests can import the brute-force reference.

/** An XML element as the script's minimal reader returns it. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

/** A connective of the flattened circuit; its args are node numbers (events first, then connectives). */
export interface CircuitNode {
  op: string;
  args: number[];
  k: number;
}

/** A fault tree read by the script: basic events are nodes 0..events.length-1. */
export interface BruteTree {
  events: string[];
  nodes: CircuitNode[];
  nodeOfGate: Map<string, number>;
  /** Gates no other gate references. */
  tops: string[];
}

export function parseXml(text: string): XmlElement;

export function readTree(text: string): BruteTree;

/**
 * Minimal solutions of the gate `top` with at most `limit` events: distribution[k] is the count of order k,
 * sets are sorted event indices, by order then lexicographically.
 */
export function bruteMinimalSets(
  tree: BruteTree,
  top: string,
  limit: number,
): { distribution: number[]; sets: number[][] };
