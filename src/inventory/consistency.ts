/**
 * Checks that the declared facts fit together: Organization roles, who pays for what, which devices can hold which
 * MFA, where domains live, where mailboxes live, and dependency loops that cannot mean anything.
 *
 * Only loops that can never be satisfied are refused. A loop through a domain or an account (a root mailbox on a
 * domain whose DNS lives in that same account) is real and is exactly what the analysis must report, so it is
 * allowed here.
 */
import type { Account, Domain, Factor, MfaType } from '../model/inventory.js';
import type { Declarations } from './declarations.js';
import { formatFieldPath, type FieldPath, type InventoryIssue } from './issues.js';
import type { InventorySource } from './source.js';

type Report = (issue: Pick<InventoryIssue, 'code' | 'message' | 'hint'> & { at: FieldPath }) => void;

export function checkConsistency(declarations: Declarations, source: InventorySource): InventoryIssue[] {
  const issues: InventoryIssue[] = [];
  const report: Report = ({ at, ...issue }) => {
    issues.push({ file: source.file, ...source.locate(at), path: formatFieldPath(at), ...issue });
  };
  checkOrganizations(declarations, report);
  checkPayments(declarations, report);
  checkRootFactors(declarations, report);
  checkDomainPlacement(declarations, report);
  checkMailboxes(declarations, report);
  checkBillingContacts(declarations, report);
  checkDependencyLoops(declarations, report);
  return issues;
}

function checkOrganizations({ accounts }: Declarations, report: Report): void {
  for (const { account, path } of accounts.values()) {
    const management = account.managementAccount;
    if (account.organization === 'member' && management === undefined) {
      report({
        code: 'organization',
        at: [...path, 'organization'],
        message: 'a member account needs managementAccount: the id of its Organization management account',
      });
    }
    if (management === undefined) continue;
    const at = [...path, 'managementAccount'];
    if (account.organization !== 'member') {
      report({
        code: 'organization',
        at,
        message: `only member accounts have a management account; this one is ${account.organization}`,
        hint: 'set organization: member, or remove managementAccount',
      });
    } else if (management === account.id) {
      report({ code: 'organization', at, message: 'an account cannot be its own management account' });
    } else {
      const target = accounts.get(management);
      if (target !== undefined && target.account.organization !== 'management') {
        report({
          code: 'organization',
          at,
          message: `account ${management} (${target.account.name}) is not an Organization management account: it is declared ${target.account.organization}`,
          hint: `set organization: management on ${formatFieldPath(target.path)}, or correct the id`,
        });
      }
    }
  }
}

function checkPayments({ accounts }: Declarations, report: Report): void {
  for (const { account, path } of accounts.values()) {
    const payment = account.payment;
    if (payment === undefined) continue;
    if (payment.paidBy !== undefined && account.organization !== 'member') {
      report({
        code: 'payment',
        at: [...path, 'payment', 'paidBy'],
        message: `only member accounts are paid for by a management account; this one is ${account.organization}`,
      });
    }
    if (payment.transferredTo !== undefined && payment.transferredTo === account.id) {
      report({
        code: 'payment',
        at: [...path, 'payment', 'transferredTo'],
        message:
          "billing is transferred to another Organization's management account, not to the account itself",
        hint: 'write the id of the management account that pays, or remove transferredTo',
      });
    }
    if (payment.cards !== undefined && payment.cards.length > 0 && account.organization === 'member') {
      report({
        code: 'payment',
        at: [...path, 'payment', 'cards'],
        message:
          "a member account's charges are paid by its management account, with the management account's cards",
        hint: 'write paidBy: management here, and list the cards on the management account',
      });
    }
  }
}

/** Factors an MFA of some type can live on: devices, password stores and sync accounts (references.ts). */
function holdsSomeMfa(holder: Factor): boolean {
  return holder.type === 'device' || holder.type === 'password-store' || holder.type === 'sync-account';
}

/** Which devices can hold which kind of MFA: a hardware TOTP token is its own device; passkeys can sync. */
function canHold(type: MfaType, holder: Factor): boolean {
  if (holder.type === 'password-store' || holder.type === 'sync-account') return type !== 'hardware-totp';
  if (holder.type !== 'device') return false;
  if (type === 'hardware-totp') return holder.kind === 'totp-token';
  return holder.kind !== 'totp-token';
}

const mfaHolders: Record<MfaType, string> = {
  virtual: 'an authenticator app lives on a phone, computer, tablet, security key or password store',
  'hardware-totp': 'a hardware TOTP token is its own device: declare it with kind: totp-token',
  fido: 'a security key is its own device (kind: security-key); a passkey lives on a device, in a password store or in a sync account',
};

/**
 * Loops over an Organization's accounts are written with indices, not forEach: each load's objects are new to the
 * compiler, and ten thousand of them go through mostly unoptimized code, where a closure per account costs more
 * than the check.
 */
function checkRootFactors({ accounts, factors }: Declarations, report: Report): void {
  for (const { account, path } of accounts.values()) {
    const root = account.root;
    if (root === undefined) continue;
    const mfa = root.mfa ?? [];
    for (let index = 0; index < mfa.length; index++) {
      const device = mfa[index]!;
      const holder = factors.get(device.heldBy)?.factor;
      // A holder of a kind no MFA lives on (a mailbox) is refused by the reference itself: said once, there.
      if (holder !== undefined && holdsSomeMfa(holder) && !canHold(device.type, holder)) {
        const what = holder.type === 'device' ? `a device of kind ${holder.kind}` : `a ${holder.type}`;
        report({
          code: 'wrong-reference-type',
          at: [...path, 'root', 'mfa', index, 'heldBy'],
          message: `a ${device.type} MFA device cannot be held by '${device.heldBy}', ${what}`,
          hint: mfaHolders[device.type],
        });
      }
    }
    if (
      root.password !== undefined &&
      root.password.storedIn === undefined &&
      root.password.note === undefined
    ) {
      report({
        code: 'missing-key',
        at: [...path, 'root', 'password'],
        message: 'say where the root password is: storedIn (a password store, device or person) or a note',
      });
    }
  }
}

/**
 * A domain's registrar and DNS say which accounts it lives in; an account's `domains`, when given, must say the
 * same, so that neither list is silently incomplete.
 */
function checkDomainPlacement({ accounts, factors }: Declarations, report: Report): void {
  for (const { account, path } of accounts.values()) {
    account.domains?.forEach((id, index) => {
      const domain = factors.get(id)?.factor;
      if (domain?.type === 'domain' && !livesIn(domain, account)) {
        report({
          code: 'domain-placement',
          at: [...path, 'domains', index],
          message: `${domain.name} is listed in this account, but it is registered at ${domain.registrar} and its DNS is at ${domain.dns}`,
          hint: `correct registrar or dns of '${id}', or remove it from this list`,
        });
      }
    });
  }
  for (const { factor, path } of factors.values()) {
    if (factor.type !== 'domain') continue;
    for (const role of ['registrar', 'dns'] as const) {
      const place = factor[role];
      if (/^\d+$/.test(place) && place.length !== 12) {
        report({
          code: 'invalid-value',
          at: [...path, role],
          message: `looks like an account id but has ${place.length} digits, not 12`,
          hint: 'quote the 12-digit id: "012345678901"',
        });
        continue;
      }
      const target = accounts.get(place);
      if (target?.account.domains !== undefined && !target.account.domains.includes(factor.id)) {
        report({
          code: 'domain-placement',
          at: [...path, role],
          message: `${role === 'dns' ? 'hosted' : 'registered'} in account ${place} (${target.account.name}), whose domains do not list '${factor.id}'`,
          hint: `add '${factor.id}' to ${formatFieldPath([...target.path, 'domains'])}`,
        });
      }
    }
  }
}

function livesIn(domain: Domain, account: Account): boolean {
  return domain.registrar === account.id || domain.dns === account.id;
}

function checkMailboxes({ factors }: Declarations, report: Report): void {
  for (const { factor, path } of factors.values()) {
    if (factor.type !== 'mailbox') continue;
    // The outside account that holds it says where it lives as well as a provider's name would.
    if (factor.domain === undefined && factor.provider === undefined && factor.account === undefined) {
      report({
        code: 'mailbox',
        at: path,
        message: `say where mailbox '${factor.id}' lives: its domain (a domain factor), its provider (gmail…), or both`,
      });
    }
    const domain = factor.domain === undefined ? undefined : factors.get(factor.domain)?.factor;
    const addressDomain = factor.address?.split('@')[1]?.toLowerCase();
    if (domain?.type === 'domain' && addressDomain !== undefined) {
      if (addressDomain !== domain.name && !addressDomain.endsWith(`.${domain.name}`)) {
        report({
          code: 'mailbox',
          at: [...path, 'address'],
          message: `the address is on ${addressDomain}, but the mailbox's domain '${domain.id}' is ${domain.name}`,
        });
      }
    }
  }
}

/** A billing contact named both ways must name one mailbox: the graph follows the mailbox. */
function checkBillingContacts({ accounts, factors }: Declarations, report: Report): void {
  for (const { account, path } of accounts.values()) {
    const contact = account.billingContact;
    if (contact?.mailbox === undefined || contact.address === undefined) continue;
    const mailbox = factors.get(contact.mailbox)?.factor;
    if (mailbox?.type !== 'mailbox' || mailbox.address === undefined) continue;
    if (mailbox.address.toLowerCase() !== contact.address.toLowerCase()) {
      report({
        code: 'mailbox',
        at: [...path, 'billingContact', 'address'],
        message: `the billing contact's address is ${contact.address}, but its mailbox '${mailbox.id}' is ${mailbox.address}`,
        hint: 'keep one of the two, or correct the one that is wrong',
      });
    }
  }
}

/**
 * A factor that needs itself to work, directly or through other factors, would never have worked. Loops through a
 * domain are left alone: a domain needs renewing, and renewing it can go through a mailbox on that very domain.
 * Accounts are not factors, so loops through them never appear here.
 */
function checkDependencyLoops({ factors }: Declarations, report: Report): void {
  const edges = new Map<string, { to: string; index: number }[]>();
  for (const { factor, path } of factors.values()) {
    const out: { to: string; index: number }[] = [];
    factor.dependsOn?.forEach((to, index) => {
      if (to === factor.id) {
        report({
          code: 'dependency-cycle',
          at: [...path, 'dependsOn', index],
          message: `'${factor.id}' depends on itself`,
        });
      } else {
        const target = factors.get(to)?.factor;
        // Edges into or out of a domain are left out: loops through a domain are meaningful.
        if (factor.type !== 'domain' && target !== undefined && target.type !== 'domain')
          out.push({ to, index });
      }
    });
    // A factor that needs nothing is in no loop: an Organization's thousands of devices stay out of the search.
    if (out.length > 0) edges.set(factor.id, out);
  }
  for (const loop of findLoops(edges)) {
    const [first, second] = loop;
    const entry = factors.get(first!)!;
    const index = edges.get(first!)!.find((edge) => edge.to === second)!.index;
    report({
      code: 'dependency-cycle',
      at: [...entry.path, 'dependsOn', index],
      message: `dependency loop: ${[...loop, first!].join(' → ')}; each of these would need itself to work`,
      hint: 'dependsOn says what a factor needs to keep working; if one of them only helps recover another, drop that entry',
    });
  }
}

/**
 * One loop per strongly connected group of factors (Tarjan's algorithm, iterative), starting from the factor
 * declared first, so each tangle is reported once.
 */
function findLoops(edges: Map<string, { to: string }[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const start of edges.keys()) {
    if (order.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    order.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const out = edges.get(frame.node) ?? [];
      if (frame.next < out.length) {
        const to = out[frame.next++]!.to;
        if (!order.has(to)) {
          order.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, order.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === order.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        if (group.length > 1) groups.push(group);
      }
    }
  }
  const declared = [...edges.keys()];
  return groups.map((group) => {
    const members = new Set(group);
    const first = declared.find((id) => members.has(id))!;
    return loopThrough(first, members, edges);
  });
}

/** A shortest walk from `start` back to itself inside one strongly connected group (breadth-first). */
function loopThrough(start: string, members: Set<string>, edges: Map<string, { to: string }[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const { to } of edges.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const loop = [node];
        while (loop[0] !== start) loop.unshift(previous.get(loop[0]!)!);
        return loop;
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}
