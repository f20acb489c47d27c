/**
 * Alert channels that all go through the account they watch: an SNS topic in it, mail on a domain whose zone or
 * registration it holds, a webhook it hosts, by any chain the recovery graph knows. The account's suspension,
 * the trouble the alerts exist for, then silences every one of them: the incident's loop again. With no channel
 * declared at all, one finding says nothing reaches the owner between runs.
 */
import type { FaultGraph, Input } from '../analysis/graph.js';
import type { Account, AlertChannel } from '../model/inventory.js';
import type { RecoveryAnalysis } from '../providers/aws/analysis.js';
import {
  alertChannelGate,
  factorLostGate,
  payerOf,
  suspensionDateEvent,
} from '../providers/aws/recovery-graph.js';
import { rules } from '../providers/aws/provider-model.js';
import { defineCheck, type FindingDraft } from './check.js';
import { joinWords } from '../model/words.js';

export const alertsDependOnWatchedAccount = defineCheck({
  meta: {
    id: 'alerts-depend-on-watched-account',
    severity: 'medium',
    title: 'Every alert channel goes through the account it watches',
    why:
      'Alerts exist for the day an account is in trouble: a failed card, a suspension date. When every channel ' +
      'goes through that account (an SNS topic in it, mail on a domain whose DNS or registration it holds, a ' +
      'webhook it runs), its suspension stops the alerts at the moment they matter, and you learn of it from ' +
      "AWS's mail alone, if that still arrives: in 2022 it came five months late.",
    fix:
      'Add an alert channel that does not go through this account: a mailbox on a domain registered and hosted ' +
      'elsewhere, a Slack workspace, or an SNS topic in another account (declare it under watch.channels and ' +
      'pass it to lockout watch).',
    docs: rules.alertChannels.docs,
  },
  run({ inventory, recovery }) {
    const channels = inventory.watch?.channels ?? [];
    if (channels.length === 0) {
      return [
        {
          severity: 'low',
          message:
            'No alert channel is declared (watch.channels): between runs, nothing Lockout finds reaches anyone, and ' +
            'whether an alert would get through when an account is in trouble cannot be judged.',
          fix:
            'Declare a channel under watch.channels that does not go through the accounts it watches (a mailbox on ' +
            'a domain registered elsewhere, a Slack workspace, an SNS topic in another account) and run lockout ' +
            'watch on a schedule.',
        },
      ];
    }
    const accounts = new Map(inventory.accounts.map((account) => [account.id, account]));
    const capabilityGates = new Set(recovery.capabilities.map((capability) => capability.gate));
    const findings: FindingDraft[] = [];
    for (const account of inventory.accounts) {
      const payer = payerOf(account, accounts);
      const lostWith = new LostWithSuspension(recovery, capabilityGates, payer);
      const chains = channels.map((channel) => lostWith.chain(channel));
      if (chains.some((chain) => chain === undefined)) continue;
      const through = channels.map((channel, index) =>
        describe(channel, chains[index]!, account, accounts, recovery),
      );
      findings.push({
        account,
        path: ['watch', 'channels'],
        factors: [...new Set(chains.flatMap((chain) => chain!.factors))],
        message:
          `Every alert channel goes through this account: ${joinWords(through)}. If ${account.name} is suspended, ` +
          'the alerts stop with it, when they are needed.',
      });
    }
    return findings;
  },
});

/** What a channel's loss goes through down to the suspension: the factors, then the accounts suspended. */
interface Chain {
  factors: string[];
  accounts: string[];
}

/**
 * Whether a channel is lost when one payer's bill is left unpaid past its suspension date, nothing else lost:
 * evaluated over the channel's cone, with the payer's "keep the bill paid" and its date as the only losses. So a
 * member's topic in its management account counts (the same bill suspends both), as does mail on a domain
 * hosted by a sibling paid by the same account. Other capabilities hold, with nothing else lost.
 */
class LostWithSuspension {
  private readonly graph: FaultGraph;
  private readonly memo = new Map<number, Input | null>();
  private readonly forcedGate: number | undefined;
  private readonly forcedEvent: number | undefined;

  constructor(
    recovery: RecoveryAnalysis,
    private readonly capabilityGates: ReadonlySet<string>,
    payer: Account,
  ) {
    this.graph = recovery.graph;
    this.forcedGate = this.graph.findGate(`${payer.id}/keep-bill-paid`)?.index;
    this.forcedEvent = this.graph.findEvent(suspensionDateEvent(payer.id))?.index;
  }

  /** The chain from the channel to the suspension, or undefined when the suspension leaves it working. */
  chain(channel: AlertChannel): Chain | undefined {
    const gate = this.graph.findGate(alertChannelGate(channel.name));
    if (gate === undefined || !this.lost({ type: 'gate', index: gate.index })) return undefined;
    const chain: Chain = { factors: [], accounts: [] };
    // Down the inputs that made each gate lost, naming the factors and the suspended accounts passed.
    for (let input = this.memo.get(gate.index); input;) {
      if (input.type !== 'gate') break;
      const name = this.graph.gates[input.index]!.name;
      if (name.startsWith(factorLostGate(''))) chain.factors.push(name.slice(factorLostGate('').length));
      else if (name.endsWith('/suspended')) chain.accounts.push(name.slice(0, -'/suspended'.length));
      input = this.memo.get(input.index) ?? undefined;
    }
    return chain;
  }

  private lost(input: Input): boolean {
    if (input.type === 'constant') return input.value;
    if (input.type === 'event') return input.index === this.forcedEvent;
    if (input.index === this.forcedGate) return true;
    const gate = this.graph.gates[input.index]!;
    // Another capability holds with nothing else lost; stopping there also keeps clear of their cycles.
    if (this.capabilityGates.has(gate.name)) return false;
    const known = this.memo.get(input.index);
    if (known !== undefined) return known !== null;
    this.memo.set(input.index, null);
    // The input that makes the gate lost (its first lost one), kept to name the chain; null when it holds.
    let cause: Input | null = null;
    switch (gate.kind) {
      case 'or':
      case 'null':
        cause = gate.inputs.find((inner) => this.lost(inner)) ?? null;
        break;
      case 'and':
        cause = gate.inputs.every((inner) => this.lost(inner))
          ? (gate.inputs.find((inner) => inner.type === 'gate') ?? gate.inputs[0]!)
          : null;
        break;
      case 'atleast': {
        const lost = gate.inputs.filter((inner) => this.lost(inner));
        cause = lost.length >= (gate.min ?? 1) ? lost[0]! : null;
        break;
      }
      default:
        cause = null;
    }
    this.memo.set(input.index, cause);
    return cause !== null;
  }
}

/** "ops (mail to ops@example.net, through The mailbox and example.net, hosted in personal)". */
function describe(
  channel: AlertChannel,
  chain: Chain,
  account: Account,
  accounts: ReadonlyMap<string, Account>,
  recovery: RecoveryAnalysis,
): string {
  // Events carry the names reports give factors; a mailbox named by the channel's own address is said once.
  const names = chain.factors
    .map((id) => recovery.events.get(id)?.label ?? id)
    .filter((name) => channel.kind !== 'email' || name !== channel.address);
  const hosts = chain.accounts.map((id) =>
    id === account.id ? 'this account' : `${accounts.get(id)?.name ?? id} (suspended with it)`,
  );
  const where = hosts.length === 0 ? '' : `, in ${joinWords(hosts)}`;
  return `${channel.name} (${kindWords(channel)}${names.length > 0 ? `, through ${joinWords(names)}` : ''}${where})`;
}

function kindWords(channel: AlertChannel): string {
  switch (channel.kind) {
    case 'email':
      return `mail to ${channel.address ?? channel.mailbox!}`;
    case 'slack':
      return `Slack workspace ${channel.workspace}`;
    case 'webhook':
      return 'webhook';
    case 'sns':
      return `SNS topic ${channel.topic.slice(channel.topic.lastIndexOf(':') + 1)}`;
  }
}
