/**
 * The recovery graph as drawing data: for the incident, the capabilities, ways, gates and factors the owner
 * reads, in success terms (a way needs all it rests on, a capability any one way), with what is lost now and
 * the single points of failure; for the small team, a member's capabilities that rest on the management
 * account's, drawn but not expanded; and plain data that survives JSON.
 */

import { describe, expect, it } from 'vitest';
import { readInventoryInput } from '../../src/cli/inventory-input.js';
import { analyzeRecovery, type RecoveryAnalysis } from '../../src/providers/aws/analysis.js';
import {
  AccountGraphs,
  buildGraphView,
  type AccountGraph,
  type GraphNode,
} from '../../src/report/graph-view.js';

async function analysis(example: 'incident' | 'small-team'): Promise<RecoveryAnalysis> {
  const input = await readInventoryInput(undefined, { example });
  return analyzeRecovery(input.inventory, { asOf: input.asOf });
}

function node(graph: AccountGraph, id: string): GraphNode {
  const found = graph.nodes.find((each) => each.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function edgesFrom(graph: AccountGraph, from: string): string[] {
  return graph.edges.filter((edge) => edge.from === from).map((edge) => `${edge.kind} ${edge.to}`);
}

const personal = '111122223333';

describe('buildGraphView on the incident', () => {
  it('draws every capability, with its ways, and the factors they rest on', async () => {
    const recovery = await analysis('incident');
    const [graph] = buildGraphView(recovery).accounts;
    expect(graph?.accountId).toBe(personal);
    const capabilities = graph!.nodes.filter((each) => each.kind === 'capability');
    expect(capabilities.map((each) => each.label).sort()).toEqual(
      [
        'Change the payment method',
        'Keep the bill paid',
        'Receive billing notices',
        'Sign in as root',
        'Hear about trouble in time',
      ].sort(),
    );
    for (const capability of capabilities) expect(capability.accountId).toBe(personal);
    expect(edgesFrom(graph!, `${personal}/root-sign-in`)).toEqual([
      `any-of ${personal}/root-sign-in/mfa-sign-in`,
      `any-of ${personal}/root-sign-in/alternative-factors`,
      `any-of ${personal}/root-sign-in/contact-phone-repair`,
      `any-of ${personal}/root-sign-in/identity-verification`,
    ]);
    // The single-device "every root MFA device" gate says nothing its device does not: the way needs the phone.
    expect(edgesFrom(graph!, `${personal}/root-sign-in/mfa-sign-in`)).toEqual([
      `needs ${personal}/root-password-lost`,
      'needs old-phone',
    ]);
    expect(edgesFrom(graph!, `${personal}/root-password-lost`)).toEqual([
      'any-of keepass',
      'any-of aws-mailbox',
    ]);
    // Dependencies of factors: the store on the laptop, the laptop on its holder, the domain on the account.
    expect(edgesFrom(graph!, 'keepass')).toEqual(['needs laptop']);
    expect(edgesFrom(graph!, 'laptop')).toEqual(['needs home', 'needs alex']);
    // The domain goes with the account's suspension: a bill left unpaid past its suspension date.
    expect(edgesFrom(graph!, 'example-net')).toEqual([`needs ${personal}/suspended`]);
    // Every edge joins two nodes of the graph, and every node is named once.
    const ids = graph!.nodes.map((each) => each.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const edge of graph!.edges) {
      expect(ids).toContain(edge.from);
      expect(ids).toContain(edge.to);
    }
  });

  it('says what is lost now, and why', async () => {
    const [graph] = buildGraphView(await analysis('incident')).accounts;
    const lost = graph!.nodes.filter((each) => each.status === 'lost').map((each) => each.id);
    expect(lost.sort()).toEqual(
      [
        'old-phone',
        'old-number',
        'visa-card',
        `${personal}/billing-access-off`,
        `${personal}/root-sign-in/mfa-sign-in`,
        `${personal}/root-sign-in/alternative-factors`,
        `${personal}/contact-repairers-lost`,
        `${personal}/root-sign-in/contact-phone-repair`,
        `${personal}/change-payment-method/delegated`,
        `${personal}/keep-bill-paid/card-on-file`,
        // No alert channel declared: an unknown, and the capability it alone takes.
        'watch/no-channel',
        `${personal}/hear-about-trouble`,
      ].sort(),
    );
    expect(node(graph!, 'watch/no-channel').lostBecause).toBe('unknown: none declared');
    expect(node(graph!, 'old-number').lostBecause).toBe('declared outdated');
    expect(node(graph!, `${personal}/billing-access-off`).lostBecause).toBe('attested off');
    expect(node(graph!, 'keepass').lostBecause).toBeUndefined();
    expect(node(graph!, `${personal}/root-sign-in`).status).toBe('at-risk');
  });

  it('marks the single points of failure, and what one loss takes', async () => {
    const recovery = await analysis('incident');
    const [graph] = buildGraphView(recovery).accounts;
    const expected = new Set(
      recovery.capabilities.flatMap((capability) => capability.singlePointsOfFailure.map((f) => f.id)),
    );
    const marked = graph!.nodes.filter((each) => each.singlePoint).map((each) => each.id);
    expect(new Set(marked)).toEqual(expected);
    expect(marked.sort()).toEqual(['alex', 'aws-mailbox', 'example-net', 'home', 'keepass', 'laptop']);
    // Eventually the laptop (and the home it sleeps in) is a single point of failure of root: with the card
    // revoked, the account's suspension takes the reset mail. Today the reset mail still arrives, so one loss
    // now takes root only through Alex.
    expect(node(graph!, `${personal}/root-sign-in`).takenBy.sort()).toEqual(['alex']);
    // A lost node has nothing left for a single loss to take.
    expect(node(graph!, 'old-phone').takenBy).toEqual([]);
  });

  it('is plain data: JSON gives it back unchanged, and the same analysis gives the same graph', async () => {
    const recovery = await analysis('incident');
    const view = buildGraphView(recovery);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(buildGraphView(recovery)).toEqual(view);
  });
});

describe('buildGraphView on the small team', () => {
  it("draws a member's capabilities that rest on the management account's, without expanding them", async () => {
    const view = buildGraphView(await analysis('small-team'));
    expect(view.accounts.map((graph) => graph.accountId)).toEqual([
      '444455556666',
      '777788889999',
      '123456789012',
    ]);
    const staging = view.accounts[2]!;
    expect(edgesFrom(staging, '123456789012/keep-bill-paid')).toEqual(['needs 444455556666/keep-bill-paid']);
    const management = node(staging, '444455556666/keep-bill-paid');
    expect(management.kind).toBe('capability');
    expect(management.accountId).toBe('444455556666');
    expect(edgesFrom(staging, '444455556666/keep-bill-paid')).toEqual([]);
    // An undeclared fact counts as lost, and says so.
    expect(node(staging, '123456789012/contact-phone-undeclared')).toMatchObject({
      status: 'lost',
      lostBecause: 'unknown: not declared',
    });
  });

  it('draws only the accounts asked for, in the order asked', async () => {
    const view = buildGraphView(await analysis('small-team'), {
      accountIds: ['123456789012', '444455556666', '000000000000'],
    });
    expect(view.accounts.map((graph) => graph.accountId)).toEqual(['123456789012', '444455556666']);
  });

  it('draws an account when first asked for, as the whole view draws it, and in the analysis order for a set', async () => {
    const recovery = await analysis('small-team');
    const whole = buildGraphView(recovery);
    const graphs = new AccountGraphs(recovery);
    const staging = graphs.view(['123456789012']).accounts;
    expect(staging).toEqual(whole.accounts.filter((graph) => graph.accountId === '123456789012'));
    // Asked again, the same drawing (kept), not a second one.
    expect(graphs.view(['123456789012']).accounts[0]).toBe(staging[0]);
    expect(
      graphs
        .viewOf(new Set(['123456789012', '444455556666', '000000000000']))
        .accounts.map((graph) => graph.accountId),
    ).toEqual(['444455556666', '123456789012']);
    expect(graphs.view()).toEqual(whole);
  });
});
