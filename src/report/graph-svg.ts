/**
 * One account's recovery graph as an inline SVG: laid out with dagre at render time (in Node, no browser),
 * capabilities on the left, what they rest on to the right; red for what is lost, amber for what one loss
 * takes, green for what holds; single points of failure outlined; solid edges for "needs", dashed for "any
 * one of". Every label goes through the escaping template, and nothing is fetched: the SVG is self-contained.
 */

import dagre from '@dagrejs/dagre';
import type { AccountGraph, GraphEdge, GraphEdgeKind, GraphNode } from './graph-view.js';
import { stateStyles } from './capability-state.js';
import { html, type SafeHtml } from './html-template.js';

// The subset of dagre's API used here. The package's declaration files import their neighbours without file
// extensions, which NodeNext resolution cannot follow, so its own types arrive as `any`: these keep the calls
// below checked.
interface LayoutNode {
  width: number;
  height: number;
  x?: number;
  y?: number;
}
interface LayoutEdge {
  points?: { x: number; y: number }[];
  minlen?: number;
  weight?: number;
}
interface LayoutGraph {
  setGraph(label: Record<string, string | number>): void;
  setDefaultEdgeLabel(make: () => LayoutEdge): void;
  setNode(id: string, label: LayoutNode): void;
  setEdge(from: string, to: string, label?: LayoutEdge): void;
  node(id: string): LayoutNode;
  edge(from: string, to: string): LayoutEdge;
  graph(): { width?: number; height?: number };
}
interface Dagre {
  graphlib: { Graph: new () => LayoutGraph };
  layout(graph: LayoutGraph): void;
}
const layoutEngine: Dagre = dagre;

/** How a node is painted: lost, taken by a single loss, or holding. */
export type Tone = 'lost' | 'at-risk' | 'holding';

/** Fill and stroke per tone: the colours of the capability states lost now, one loss away and holds. */
export const toneColours: Readonly<Record<Tone, { fill: string; stroke: string }>> = {
  lost: stateStyles['lost-now'],
  'at-risk': stateStyles['one-loss-away'],
  holding: stateStyles.holds,
};

/**
 * Lost nodes are red. A factor is amber when its loss alone takes a capability (a single point of failure),
 * any other node when some single loss takes it; everything else holds.
 */
export function toneOf(node: GraphNode): Tone {
  if (node.status === 'lost') return 'lost';
  if (node.status === 'cannot-be-lost') return 'holding';
  if (node.kind === 'factor') return node.singlePoint ? 'at-risk' : 'holding';
  return node.takenBy.length > 0 ? 'at-risk' : 'holding';
}

const FONT = 12;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const LINE = 15;
const PAD_X = 9;
const PAD_Y = 6;
/** Average advance of a character at 12px in a sans-serif face, generous so text never overflows its box. */
const CHAR = 6.9;
const WRAP = 26;

/** What is drawn: a node of the graph, or a reference to a capability drawn elsewhere in the same SVG. */
interface Box {
  key: string;
  node: GraphNode;
  /** A reference ("transfer" in fault-tree drawings): the capability itself is drawn in the first column. */
  reference: boolean;
  lines: { text: string; style: 'title' | 'note' }[];
  width: number;
  height: number;
}

function box(
  key: string,
  node: GraphNode,
  accountId: string,
  childEdges: readonly GraphEdge[],
  reference: boolean,
): Box {
  const lines: Box['lines'] = wrap(reference ? `↩ ${node.label}` : node.label, WRAP).map((text) => ({
    text,
    style: 'title' as const,
  }));
  if (node.kind === 'capability' && node.accountId !== undefined && node.accountId !== accountId) {
    lines.push({ text: `of account ${node.accountId}`, style: 'note' });
  } else if (reference) {
    lines.push({ text: 'capability, drawn on the left', style: 'note' });
  }
  if (node.lostBecause !== undefined) {
    for (const text of wrap(node.lostBecause, WRAP + 6)) lines.push({ text, style: 'note' });
  }
  const kind = childEdges[0]?.kind;
  if (!reference && childEdges.length > 1 && node.kind !== 'factor' && kind !== undefined) {
    lines.push({ text: combinators[kind], style: 'note' });
  }
  const chars = Math.max(...lines.map((line) => line.text.length * (line.style === 'note' ? 0.88 : 1)));
  const bold = node.kind === 'capability' && !reference ? 1.22 : 1;
  return {
    key,
    node,
    reference,
    lines,
    width: Math.round(Math.max(64, chars * CHAR * bold + 2 * PAD_X)),
    height: lines.length * LINE + 2 * PAD_Y,
  };
}

/** The caption under a node with several children: how they combine. */
const combinators: Readonly<Record<GraphEdgeKind, string>> = {
  needs: 'needs all of ▸',
  'any-of': 'any one of ▸',
  'some-of': 'needs some of ▸',
};

/**
 * Draws one account's graph; `idPrefix` keeps marker ids unique when several SVGs share a page.
 *
 * Capabilities depend on each other (paying needs root sign-in; a domain needs the bill paid, a cycle), and
 * drawn as edges those dependencies chain every capability into one long row. So every capability of the
 * account is drawn once, in the first column, and an edge into one from elsewhere ends at a small reference
 * box with its name and colour, as fault-tree drawings do with transfer gates.
 */
export function renderGraphSvg(graph: AccountGraph, idPrefix: string): SafeHtml {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const labelOf = (id: string): string => byId.get(id)?.label ?? id;
  const ownCapability = (node: GraphNode | undefined): boolean =>
    node?.kind === 'capability' && node.accountId === graph.accountId;

  const children = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const list = children.get(edge.from) ?? [];
    list.push(edge);
    children.set(edge.from, list);
  }
  const boxes = new Map<string, Box>();
  for (const node of graph.nodes) {
    boxes.set(node.id, box(node.id, node, graph.accountId, children.get(node.id) ?? [], false));
  }
  const drawn = graph.edges.map((edge) => {
    const target = byId.get(edge.to);
    if (!target || !ownCapability(target)) return { edge, to: edge.to };
    const key = `${edge.to}\u0000ref\u0000${edge.from}`;
    boxes.set(key, box(key, target, graph.accountId, [], true));
    return { edge, to: key };
  });

  const layout = new layoutEngine.graphlib.Graph();
  layout.setGraph({ rankdir: 'LR', nodesep: 12, ranksep: 46, edgesep: 8, marginx: 12, marginy: 12 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const [key, each] of boxes) layout.setNode(key, { width: each.width, height: each.height });
  for (const { edge, to } of drawn) layout.setEdge(edge.from, to, {});
  // An invisible root, tied hard to every capability of the account, puts them all in the first column.
  const root = '\u0000root';
  layout.setNode(root, { width: 1, height: 1 });
  for (const node of graph.nodes) {
    if (ownCapability(node)) layout.setEdge(root, node.id, { minlen: 1, weight: 1000 });
  }
  layoutEngine.layout(layout);

  // The drawing's extent, without the invisible root's column.
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const extend = (x: number, y: number): void => {
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  };
  for (const [key, each] of boxes) {
    const at = layout.node(key);
    extend((at.x ?? 0) - each.width / 2 - 6, (at.y ?? 0) - each.height / 2 - 6);
    extend((at.x ?? 0) + each.width / 2 + 6, (at.y ?? 0) + each.height / 2 + 6);
  }
  for (const { edge, to } of drawn) {
    for (const point of layout.edge(edge.from, to).points ?? []) extend(point.x, point.y);
  }
  if (boxes.size === 0) [left, top, right, bottom] = [0, 0, 0, 0];
  const margin = 8;
  const originX = Math.floor(left - margin);
  const originY = Math.floor(top - margin);
  const width = Math.ceil(right + margin) - originX;
  const height = Math.ceil(bottom + margin) - originY;
  const marker = (kind: 'plain' | 'lost'): string => `${idPrefix}-arrow-${kind}`;

  const edges = drawn.map(({ edge, to }) => {
    const points = layout.edge(edge.from, to).points ?? [];
    const broken = byId.get(edge.to)?.status === 'lost';
    const dash = edge.kind === 'any-of' ? '6 4' : edge.kind === 'some-of' ? '2 3' : undefined;
    const dashing = dash ? html` stroke-dasharray="${dash}"` : '';
    const verb = edge.kind === 'needs' ? 'needs' : edge.kind === 'any-of' ? 'can use' : 'can use some of';
    return html`<path class="edge ${edge.kind}" data-from="${edge.from}" data-to="${edge.to}" d="${curve(points)}" fill="none" stroke="${broken ? '#c62828' : '#6b6b6b'}" stroke-width="1.4"${dashing} marker-end="url(#${marker(broken ? 'lost' : 'plain')})"><title>${labelOf(edge.from)} ${verb} ${labelOf(edge.to)}</title></path>`;
  });

  const nodes = [...boxes.values()].map(({ key, node, reference, lines, width: w, height: h }) => {
    const at = layout.node(key);
    const x = (at.x ?? 0) - w / 2;
    const y = (at.y ?? 0) - h / 2;
    const tone = toneOf(node);
    const colours = toneColours[tone];
    const unknown = node.lostBecause?.startsWith('unknown') ?? false;
    const external = node.kind === 'capability' && node.accountId !== graph.accountId;
    const radius = node.kind === 'factor' ? Math.min(h / 2, 14) : node.kind === 'gate' ? 2 : 6;
    const outlined = node.singlePoint && !reference;
    const outline = outlined
      ? html`<rect x="${num(x - 4)}" y="${num(y - 4)}" width="${num(w + 8)}" height="${num(h + 8)}" rx="${num(radius + 4)}" fill="none" stroke="#1a1a1a" stroke-width="2.5"/>`
      : '';
    const heading = node.kind === 'capability' && !reference;
    const text = lines.map((line, index) => {
      const ty = num(y + PAD_Y + LINE * index + FONT - 1);
      const tx = num(x + w / 2);
      if (line.style === 'note') {
        return html`<text x="${tx}" y="${ty}" text-anchor="middle" font-size="10.5" font-style="italic" fill="#555">${line.text}</text>`;
      }
      const weight = heading ? html` font-weight="700"` : '';
      return html`<text x="${tx}" y="${ty}" text-anchor="middle" font-size="${heading ? 13 : FONT}"${weight} fill="#1a1a1a">${line.text}</text>`;
    });
    const dashed = unknown || external || reference ? html` stroke-dasharray="5 3"` : '';
    const classes = [
      'node',
      reference ? 'reference' : node.kind,
      tone,
      ...(outlined ? ['single-point'] : []),
    ];
    const hint = reference
      ? `${node.label}: a capability of this account, drawn in the first column`
      : tooltip(node, labelOf);
    return html`<g class="${classes.join(' ')}" data-id="${node.id}" data-status="${node.status}" data-tone="${tone}"><title>${hint}</title>${outline}<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="${num(radius)}" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="${heading ? 2.2 : 1.5}"${dashed}/>${text}</g>`;
  });

  const arrow = (kind: 'plain' | 'lost', colour: string): SafeHtml =>
    html`<marker id="${marker(kind)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${colour}"/></marker>`;

  return html`<svg class="recovery-graph" role="img" aria-label="Recovery graph of account ${graph.accountId}" viewBox="${originX} ${originY} ${width} ${height}" width="${width}" height="${height}" font-family="${FONT_FAMILY}"><defs>${arrow('plain', '#6b6b6b')}${arrow('lost', '#c62828')}</defs><g class="edges">${edges}</g><g class="nodes">${nodes}</g></svg>`;
}

function tooltip(node: GraphNode, labelOf: (id: string) => string): string {
  const parts = [node.label];
  if (node.status === 'lost') parts.push(`lost now${node.lostBecause ? `: ${node.lostBecause}` : ''}`);
  else if (node.status === 'cannot-be-lost') parts.push('cannot be lost');
  if (node.singlePoint) parts.push('single point of failure: its loss alone takes a capability');
  if (node.kind !== 'factor' && node.status !== 'lost' && node.takenBy.length > 0) {
    parts.push(`one loss takes it: ${node.takenBy.map(labelOf).join(', ')}`);
  }
  return parts.join(' — ');
}

/** Text broken into lines of at most `width` characters, at spaces where it can be. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((each) => each.length > 0)) {
    let rest = word;
    while (rest.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** A smooth path through dagre's points (Catmull-Rom turned into cubic Béziers). */
function curve(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return 'M0,0';
  const first = points[0]!;
  let d = `M${num(first.x)},${num(first.y)}`;
  for (let index = 0; index < points.length - 1; index++) {
    const p0 = points[Math.max(0, index - 1)]!;
    const p1 = points[index]!;
    const p2 = points[index + 1]!;
    const p3 = points[Math.min(points.length - 1, index + 2)]!;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += `C${num(c1.x)},${num(c1.y)} ${num(c2.x)},${num(c2.y)} ${num(p2.x)},${num(p2.y)}`;
  }
  return d;
}

/** Coordinates rounded to a tenth of a pixel: smaller files, and the same bytes on every machine. */
function num(value: number): number {
  return Math.round(value * 10) / 10;
}
