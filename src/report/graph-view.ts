/**
 * Each account's recovery graph as plain, serialisable data for drawing (the HTML report, the dashboard):
 * capabilities, the ways to exercise them, the gates of alternatives and the factors they rest on, each with
 * where it stands now, and edges that say whether a node needs all of what it points to or any one of it.
 * Read in success terms, which is how an owner reads it: "signing in as root needs a password and an MFA
 * device". Nothing here knows about HTML.
 */

import { GraphAnalysis, type TopStatus } from '../analysis/analyze.js';
import type { Gate, Input } from '../analysis/graph.js';
import type { RecoveryAnalysis } from '../providers/aws/analysis.js';
import { factorLostGate, wayGate } from '../providers/aws/recovery-graph.js';

export const graphNodeKinds = ['capability', 'way', 'gate', 'factor'] as const;
export type GraphNodeKind = (typeof graphNodeKinds)[number];

/**
 * needs: the node needs every one it points to; any-of: one of them is enough; some-of: a number of them (the
 * node's label says how many).
 */
export const graphEdgeKinds = ['needs', 'any-of', 'some-of'] as const;
export type GraphEdgeKind = (typeof graphEdgeKinds)[number];

export interface GraphNode {
  /** The gate or event name in the recovery graph; a factor's node is named by the factor id. */
  id: string;
  label: string;
  kind: GraphNodeKind;
  /** Where it stands now, as the engine says: lost, at risk (some set of losses takes it), cannot be lost. */
  status: TopStatus;
  /** A factor whose loss alone takes a capability of this account. */
  singlePoint: boolean;
  /** Factors (ids) whose loss alone takes this node; empty when it is lost already or no single loss does. */
  takenBy: string[];
  /**
   * The account a capability belongs to. A capability of another account (the management account that pays
   * or grants root access) is drawn but not expanded: its own account's graph shows what it rests on.
   */
  accountId?: string | undefined;
  /** For a factor or fact that already counts as lost: why (declared lost, outdated, unknown: not declared…). */
  lostBecause?: string | undefined;
}

export interface GraphEdge {
  /** The node that depends… */
  from: string;
  /** …on this one. */
  to: string;
  kind: GraphEdgeKind;
}

export interface AccountGraph {
  accountId: string;
  /** Capabilities first (in the report's order), then what they rest on, depth first. */
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphView {
  accounts: AccountGraph[];
}

export interface GraphViewOptions {
  /** The accounts to draw (default: every account of the analysis, in its order). */
  accountIds?: readonly string[] | undefined;
}

/** Builds the graph of each account from the analysis; the same analysis gives the same data. */
export function buildGraphView(analysis: RecoveryAnalysis, options: GraphViewOptions = {}): GraphView {
  return new AccountGraphs(analysis).view(options.accountIds);
}

/** How many drawn accounts AccountGraphs keeps: a page of an Organization asks for a few dozen at a time. */
const KEPT_ACCOUNTS = 1_000;

/**
 * The accounts' graphs of one analysis, each drawn when first asked for. The dashboard of an Organization shows
 * a few accounts at a time: drawing all 10,000 up front took seconds and kept 150 MiB alive, which every
 * collection of the heap then walked, on every what-if click.
 */
export class AccountGraphs {
  private readonly drawn = new Map<string, AccountGraph>();
  private readonly accountGraph: (accountId: string) => AccountGraph;
  private readonly accountOrder: readonly string[];
  /** Each account that can be drawn, with its capabilities. */
  private readonly capabilitiesOf: ReadonlyMap<string, readonly unknown[]>;

  constructor(analysis: RecoveryAnalysis) {
    const graph = analysis.graph;
    // Statuses and single points of any gate or event, under the losses recorded in the graph.
    const engine = new GraphAnalysis(graph, { tops: [], limitOrder: 0 });

    const capabilityGates = new Map<string, { accountId: string; label: string }>();
    const wayGates = new Map<string, string>();
    // Accounts outside AWS (their sign-in) are drawn after the AWS accounts, as the report lists them.
    const everyCapability = [...analysis.capabilities, ...(analysis.outsideCapabilities ?? [])];
    for (const capability of everyCapability) {
      capabilityGates.set(capability.gate, { accountId: capability.account.id, label: capability.label });
      for (const way of capability.ways) {
        const name = wayGate(capability.gate, way.id);
        if (graph.findGate(name)) wayGates.set(name, way.label);
      }
    }

    const eventName = (index: number): string => graph.events[index]!.name;
    const takenBy = (name: string): string[] =>
      engine.singlePointsOfFailure(name).map((index) => factorIdOf(eventName(index)));
    const factorIdOf = (name: string): string => analysis.events.get(name)?.factorId ?? name;

    /** The factor a gate stands for, when it is the gate "this factor or what it depends on is lost". */
    const factorOfGate = (gate: Gate): string | undefined => {
      const first = gate.inputs[0];
      if (first?.type !== 'event') return undefined;
      const name = eventName(first.index);
      return gate.name === factorLostGate(name) ? name : undefined;
    };

    // Grouped once: filtering every capability for every account is quadratic in an Organization.
    const capabilitiesOf = new Map<string, typeof everyCapability>();
    for (const capability of everyCapability) {
      const list = capabilitiesOf.get(capability.account.id);
      if (list) list.push(capability);
      else capabilitiesOf.set(capability.account.id, [capability]);
    }
    this.accountGraph = (accountId: string): AccountGraph => {
      const nodes = new Map<string, GraphNode>();
      const edges = new Map<string, GraphEdge>();
      const capabilities = capabilitiesOf.get(accountId) ?? [];
      const singlePoints = new Set(
        capabilities.flatMap((capability) => capability.singlePointsOfFailure.map((factor) => factor.id)),
      );

      const addNode = (node: Omit<GraphNode, 'singlePoint' | 'takenBy'>, statusOf: string): void => {
        nodes.set(node.id, {
          ...node,
          singlePoint: node.kind === 'factor' && singlePoints.has(node.id),
          takenBy: takenBy(statusOf),
        });
      };

      /** The node an input is drawn as (adding and expanding it the first time); undefined for a constant. */
      const visit = (input: Input): string | undefined => {
        if (input.type === 'constant') return undefined;
        if (input.type === 'event') {
          const event = graph.events[input.index]!;
          if (!nodes.has(event.name)) {
            const meaning = analysis.events.get(event.name);
            addNode(
              {
                id: event.name,
                label: meaning?.label ?? event.label ?? event.name,
                kind: 'factor',
                status: engine.status(event.name),
                lostBecause: event.lost ? meaning?.lostBecause : undefined,
              },
              event.name,
            );
          }
          return event.name;
        }
        const gate = graph.gates[input.index]!;
        const capability = capabilityGates.get(gate.name);
        if (capability) {
          if (!nodes.has(gate.name)) {
            addNode(
              {
                id: gate.name,
                label: capability.label,
                kind: 'capability',
                status: engine.status(gate.name),
                accountId: capability.accountId,
              },
              gate.name,
            );
            if (capability.accountId === accountId) expand(gate.name, gate, gate.inputs);
          }
          return gate.name;
        }
        const way = wayGates.get(gate.name);
        if (way !== undefined) {
          if (!nodes.has(gate.name)) {
            addNode({ id: gate.name, label: way, kind: 'way', status: engine.status(gate.name) }, gate.name);
            expand(gate.name, gate, gate.inputs);
          }
          return gate.name;
        }
        const factor = factorOfGate(gate);
        if (factor !== undefined) {
          if (!nodes.has(factor)) {
            const event = graph.findEvent(factor)!;
            const meaning = analysis.events.get(factor);
            // The factor stands for its own gate: usable when it and everything it depends on are.
            addNode(
              {
                id: factor,
                label: meaning?.label ?? event.label ?? factor,
                kind: 'factor',
                status: engine.status(gate.name),
                lostBecause: event.lost ? meaning?.lostBecause : undefined,
              },
              gate.name,
            );
            expand(factor, gate, gate.inputs.slice(1));
          }
          return factor;
        }
        const inputs = gate.inputs.filter((each) => each.type !== 'constant');
        // A gate over one input ("every root MFA device" when there is one) says nothing its input does not.
        if (inputs.length === 1) return visit(inputs[0]!);
        if (!nodes.has(gate.name)) {
          addNode(
            {
              id: gate.name,
              label: gateLabel(gate, inputs.length),
              kind: 'gate',
              status: engine.status(gate.name),
            },
            gate.name,
          );
          expand(gate.name, gate, inputs);
        }
        return gate.name;
      };

      const expand = (from: string, gate: Gate, inputs: readonly Input[]): void => {
        const targets = inputs.map(visit).filter((target) => target !== undefined);
        const kind = edgeKind(gate, targets.length);
        for (const to of targets) {
          const key = `${from}\u0000${to}`;
          if (!edges.has(key)) edges.set(key, { from, to, kind });
        }
      };

      for (const capability of capabilities) {
        const gate = graph.findGate(capability.gate);
        if (gate) visit({ type: 'gate', index: gate.index });
      }
      return { accountId, nodes: [...nodes.values()], edges: [...edges.values()] };
    };

    // The accounts in the order their capabilities first come.
    this.accountOrder = [...capabilitiesOf.keys()];
    this.capabilitiesOf = capabilitiesOf;
  }

  /** The graphs of these accounts, in the order asked (default: every account, in the analysis's order). */
  view(accountIds: readonly string[] = this.accountOrder): GraphView {
    return { accounts: accountIds.filter((id) => this.capabilitiesOf.has(id)).map((id) => this.account(id)) };
  }

  /** The graphs of the accounts of a set, in the analysis's order. */
  viewOf(accountIds: ReadonlySet<string>): GraphView {
    return this.view(this.accountOrder.filter((id) => accountIds.has(id)));
  }

  private account(accountId: string): AccountGraph {
    let drawn = this.drawn.get(accountId);
    if (drawn === undefined) {
      drawn = this.accountGraph(accountId);
      if (this.drawn.size >= KEPT_ACCOUNTS) this.drawn.delete(this.drawn.keys().next().value!);
      this.drawn.set(accountId, drawn);
    }
    return drawn;
  }
}

/**
 * The edges of a gate in success terms. The graph is in failure logic: a gate that is lost when any input is
 * (or) needs every input; one lost only when all are (and) needs any one; k-of-n lost needs n − k + 1 held.
 */
function edgeKind(gate: Gate, inputs: number): GraphEdgeKind {
  if (inputs <= 1) return 'needs';
  switch (gate.kind) {
    case 'and':
      return 'any-of';
    case 'atleast': {
      const needed = inputs - (gate.min ?? 1) + 1;
      return needed >= inputs ? 'needs' : needed <= 1 ? 'any-of' : 'some-of';
    }
    default:
      // or and null, and the kinds the AWS model never builds (not, xor…), which read as plain dependence.
      return 'needs';
  }
}

function gateLabel(gate: Gate, inputs: number): string {
  const label = gate.label ?? gate.name;
  if (gate.kind !== 'atleast') return label;
  const needed = inputs - (gate.min ?? 1) + 1;
  return needed > 1 && needed < inputs ? `${label} (${needed} of ${inputs} needed)` : label;
}
