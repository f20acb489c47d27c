/**
 * The recovery graph as the dashboard draws it: one node per account, then the report's graph view
 * (capabilities, ways, gates of alternatives, factors), every node coloured and worded for a scenario with
 * the same meaning everywhere (red: lost or no way back within a day; amber: one loss away; green: holds).
 * Each node is placed in its provider's group (AWS, Google…), and an edge from one provider to another says
 * so: that is where a lockout leaves AWS.
 */

import type { TopStatus } from '../analysis/analyze.js';
import { factorLostGate, wayGate } from '../providers/aws/recovery-graph.js';
import { formatHours } from '../report/check-report.js';
import type { GraphEdgeKind, GraphNodeKind, GraphView } from '../report/graph-view.js';
import type { ProviderIndex, ProviderRef } from './providers.js';
import type { CapabilityView, Colour, SituationView } from './situation.js';

export interface PictureNode {
  id: string;
  kind: 'account' | GraphNodeKind;
  label: string;
  /** The account it belongs to; for a capability of another account, that account. */
  accountId?: string | undefined;
  status: TopStatus;
  colour: Colour;
  /** The colour in words, always shown beside it: "LOCKED OUT FOR NOW", "LOST (declared lost)", "SINGLE POINT". */
  statusText: string;
  /** A factor whose loss alone would leave some capability without a way back within a day. */
  singlePoint: boolean;
  /** For a capability: its smallest lockout sets (factor ids), to highlight. */
  lockoutSets?: string[][] | undefined;
  /** For a capability: its headline sentence. */
  headline?: string | undefined;
  /**
   * The provider whose group it is drawn in (`aws`, `google`…): an account's nodes, its facts, and what an
   * outside account holds (a mailbox at Google). Absent for what the owner holds (a phone, a passport).
   */
  provider?: string | undefined;
}

export interface PictureEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind | 'has';
  /** It goes from a node of one provider to a node of another (AWS's root sign-in needs the Gmail account). */
  crossesProviders?: true | undefined;
}

export interface GraphPicture {
  /** The providers of the groups drawn, AWS first, with their display names. */
  providers: ProviderRef[];
  nodes: PictureNode[];
  edges: PictureEdge[];
}

/** Way labels longer than this are drawn with the way's short name. */
const MAX_WAY_LABEL = 40;

export function accountNodeId(accountId: string): string {
  return `account:${accountId}`;
}

export function buildGraphPicture(
  view: GraphView,
  situation: SituationView,
  providers: ProviderIndex,
): GraphPicture {
  const capabilities = new Map(situation.capabilities.map((capability) => [capability.id, capability]));
  const events = new Map(situation.events.map((event) => [event.id, event]));
  const nodes = new Map<string, PictureNode>();
  const edges = new Map<string, PictureEdge>();
  const addEdge = (edge: PictureEdge): void => {
    edges.set(`${edge.from}\u0000${edge.to}`, edge);
  };

  for (const account of view.accounts) {
    const own = situation.capabilities.filter((capability) => capability.accountId === account.accountId);
    const worst = worstOf(own);
    nodes.set(accountNodeId(account.accountId), {
      id: accountNodeId(account.accountId),
      kind: 'account',
      label: own[0] ? `${own[0].accountName} (${account.accountId})` : account.accountId,
      accountId: account.accountId,
      status: own.some((capability) => capability.status === 'lost') ? 'lost' : 'at-risk',
      colour: worst,
      // Amber's words as a capability's verdict says them: "one loss away" only when a loss takes one.
      statusText: {
        red: 'LOCKED OUT FOR NOW',
        amber: own.some((capability) => capability.singlePointsOfFailure.length > 0)
          ? 'ONE LOSS AWAY'
          : 'ONE LOSS FROM NO FAST WAY',
        green: 'HOLDS',
      }[worst],
      singlePoint: false,
      provider: providers.providerOf(account.accountId).id,
    });
    for (const capability of own) {
      addEdge({ from: accountNodeId(account.accountId), to: capability.id, kind: 'has' });
    }

    for (const node of account.nodes) {
      if (nodes.has(node.id)) continue;
      const picture: PictureNode = {
        id: node.id,
        kind: node.kind,
        label: node.label,
        accountId: node.accountId ?? account.accountId,
        status: node.status,
        colour: 'green',
        statusText: '',
        singlePoint: false,
        provider: providers.providerOf(node.accountId ?? account.accountId).id,
      };
      const capability = capabilities.get(node.id);
      if (node.kind === 'capability' && capability) {
        Object.assign(picture, {
          accountId: capability.accountId,
          status: capability.status,
          colour: capability.colour,
          statusText: capability.verdict,
          headline: capability.headline,
          lockoutSets: capability.lockoutSets.map((set) => set.map((factor) => factor.id)),
        });
      } else if (node.kind === 'way') {
        const way = wayOf(node.id, situation.capabilities);
        // "Identity verification by AWS Support (notarized affidavit, …)" is a paragraph, not a node label.
        if (way && node.label.length > MAX_WAY_LABEL) picture.label = upperFirst(way.short);
        const status = situation.gates[node.id] ?? node.status;
        picture.status = status;
        if (status === 'lost') {
          picture.colour = 'red';
          picture.statusText = 'LOST';
        } else if (way && !way.fast) {
          picture.colour = 'red';
          picture.statusText = `HOLDS BUT SLOW${way.duration ? `: ~${formatHours(way.duration.typical)}` : ''}`;
        } else {
          picture.statusText = `HOLDS${way?.duration ? `: ~${formatHours(way.duration.typical)}` : ''}`;
        }
      } else if (node.kind === 'factor') {
        const event = events.get(node.id);
        // An account's fact is in its group, a factor an outside account holds in that account's; the
        // owner's own factors (a phone, a passport) in none: every provider may rest on them.
        const of = event?.accountId ?? providers.holderOf(node.id);
        picture.provider = of === undefined ? undefined : providers.providerOf(of).id;
        // A factor's node stands for "it and what it depends on", as in the report's graph view.
        const status = situation.gates[factorLostGate(node.id)] ?? (event?.lost ? 'lost' : node.status);
        picture.status = status;
        picture.singlePoint = (event?.singlePointOf.length ?? 0) > 0;
        if (status === 'lost') {
          picture.colour = 'red';
          picture.statusText = event?.lost
            ? event.change === 'lost'
              ? 'LOST (marked lost)'
              : `LOST${event.lostBecause ? ` (${event.lostBecause})` : ''}`
            : 'LOST (what it depends on is)';
        } else if (picture.singlePoint) {
          picture.colour = 'amber';
          picture.statusText = event?.change === 'restored' ? 'RESTORED, SINGLE POINT' : 'SINGLE POINT';
        } else {
          picture.statusText = event?.change === 'restored' ? 'RESTORED' : 'HELD';
        }
      } else {
        const status = situation.gates[node.id] ?? node.status;
        picture.status = status;
        picture.colour = status === 'lost' ? 'red' : 'green';
        picture.statusText = status === 'lost' ? 'LOST' : 'HOLDS';
      }
      nodes.set(node.id, picture);
    }
    for (const edge of account.edges) addEdge(edge);
  }
  const drawn = new Set<string>();
  for (const node of nodes.values()) if (node.provider !== undefined) drawn.add(node.provider);
  for (const edge of edges.values()) {
    const from = nodes.get(edge.from)?.provider;
    const to = nodes.get(edge.to)?.provider;
    if (from !== undefined && to !== undefined && from !== to) edge.crossesProviders = true;
  }
  return {
    providers: providers.groups
      .filter((group) => drawn.has(group.id))
      .map((group) => ({ id: group.id, name: group.name })),
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function worstOf(capabilities: CapabilityView[]): Colour {
  if (capabilities.some((capability) => capability.colour === 'red')) return 'red';
  if (capabilities.some((capability) => capability.colour === 'amber')) return 'amber';
  return 'green';
}

function wayOf(gate: string, capabilities: CapabilityView[]): CapabilityView['ways'][number] | undefined {
  for (const capability of capabilities) {
    const way = capability.ways.find((each) => wayGate(capability.id, each.id) === gate);
    if (way) return way;
  }
  return undefined;
}
