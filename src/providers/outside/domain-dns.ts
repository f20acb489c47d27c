/**
 * Control of a domain's DNS, as an identity provider's last way back asks for it (a record proving the
 * domain is yours): lost with the domain factor (and so the AWS account hosting it), with the outside account
 * at its DNS host, or unknown when the DNS host is only a provider's name and nobody's sign-in there is declared.
 */

import { factorLabel } from '../../model/inventory.js';
import { loss, type BuildContext, type Loss } from '../../recovery/provider.js';

/** "Control of the DNS of the domain `domainId`", for the organisation `ownerId` that needs it. */
export function domainDnsLost(
  ownerId: string,
  ownerLabel: string,
  domainId: string | undefined,
  context: BuildContext,
): Loss {
  if (domainId === undefined) {
    return loss.undeclared(
      `${ownerId}/domain-undeclared`,
      `The primary domain of ${ownerLabel} (not declared)`,
      ownerId,
    );
  }
  const domain = context.factors.get(domainId);
  if (domain?.type !== 'domain') {
    // References are checked before the graph is built; a non-domain here is not a user's to fix.
    throw new Error(`${ownerId}: domain ${domainId} is not a declared domain`);
  }
  const name = factorLabel(domain);
  const host = domain.dns;
  // An AWS account hosting it is already among the domain factor's dependencies (its suspension).
  const parts: Loss[] = [loss.factor(domainId)];
  if (context.outsideAccounts.has(host)) parts.push(loss.factor(host));
  else if (!context.accounts.has(host)) {
    parts.push(
      loss.undeclared(
        `${domainId}/dns-sign-in-undeclared`,
        `The sign-in at ${host}, the DNS host of ${name} (no outside account declared)`,
        undefined,
      ),
    );
  }
  return loss.any(`${domainId}/dns-control-lost`, `Control of the DNS of ${name}`, parts);
}
