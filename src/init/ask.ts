/**
 * The few questions `lockout init` asks at a terminal when there is no AWS to scan: standalone or Organization,
 * the account's id and name, root's email address, and how root signs in. Each answer is checked as the
 * inventory's schema would check it, and asked again until it fits.
 */

import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { MfaType } from '../model/inventory.js';
// The inventory's own checks: what is accepted here loads.
import { accountIdPattern, mailboxSchema } from '../inventory/schema.js';
import type { Answers } from './from-answers.js';

/** The input ended before every question was answered (Ctrl-D, or a script with too few lines). */
export class AnswersEndedError extends Error {
  override readonly name = 'AnswersEndedError';
}

const mfaWords: Record<string, MfaType> = {
  app: 'virtual',
  virtual: 'virtual',
  authenticator: 'virtual',
  token: 'hardware-totp',
  'hardware-totp': 'hardware-totp',
  key: 'fido',
  'security-key': 'fido',
  passkey: 'fido',
  fido: 'fido',
};

export async function askAnswers(input: Readable, output: Writable): Promise<Answers> {
  // Lines are read through the interface's iterator, which keeps the lines typed ahead (or piped in) until
  // they are asked for.
  const lines = createInterface({ input, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  /** Asks until `read` accepts the answer: it gives the value, or the problem to show before asking again. */
  const ask = async <T>(question: string, read: (answer: string) => Reading<T>): Promise<T> => {
    for (;;) {
      output.write(`${question} `);
      const next = await iterator.next();
      if (next.done === true) {
        output.write('\n');
        throw new AnswersEndedError(
          'the input ended before the questions were answered: nothing was written',
        );
      }
      const reading = read(next.value.trim());
      if ('value' in reading) return reading.value;
      output.write(`  ${reading.problem}\n`);
    }
  };
  try {
    output.write(
      'No AWS scan: a few questions; the file then asks the rest as comments. Enter keeps the [default].\n',
    );
    const organization = await ask(
      'Is the account standalone, or the management account of an Organization? [standalone]/organization',
      (answer): Reading<Answers['organization']> =>
        answer === '' || /^s/i.test(answer)
          ? { value: 'standalone' }
          : /^(o|m)/i.test(answer)
            ? { value: 'management' }
            : { problem: 'answer standalone or organization' },
    );
    const accountId = await ask(
      'Its 12-digit account id (console, account menu)?',
      (answer): Reading<string> => {
        const digits = answer.replace(/[-\s]/g, '');
        return accountIdPattern.test(digits)
          ? { value: digits }
          : { problem: 'expected 12 digits, like 123456789012' };
      },
    );
    const defaultName = organization === 'management' ? 'management' : 'personal';
    const accountName = await ask(`A name for it? [${defaultName}]`, (answer): Reading<string> => ({
      value: answer === '' ? defaultName : answer,
    }));
    const rootEmail = await ask(
      "Root's email address (the one you sign in as root with)?",
      (answer): Reading<string> =>
        mailboxSchema.shape.address.safeParse(answer).success
          ? { value: answer }
          : { problem: 'expected an email address' },
    );
    const mfa = await ask(
      'How does root sign in? Its MFA devices, comma-separated: app (authenticator), token (hardware TOTP), key (security key or passkey); none; or ? if you do not know',
      readMfa,
    );
    return { organization, accountId, accountName, rootEmail, mfa };
  } finally {
    lines.close();
  }
}

type Reading<T> = { value: T } | { problem: string };

function readMfa(answer: string): Reading<MfaType[] | undefined> {
  const words = answer
    .toLowerCase()
    .split(/[,\s]+/)
    .filter((word) => word.length > 0);
  if (words.length === 0 || words.every((word) => word === '?')) return { value: undefined };
  if (words.length === 1 && words[0] === 'none') return { value: [] };
  const types: MfaType[] = [];
  for (const word of words) {
    const type = mfaWords[word];
    if (type === undefined) return { problem: `"${word}" is none of app, token, key, none, ?` };
    types.push(type);
  }
  if (types.length > 8) return { problem: 'AWS allows at most 8 MFA devices per root user' };
  return { value: types };
}
