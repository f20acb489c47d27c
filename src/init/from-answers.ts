/**
 * A starter inventory without AWS: from the owner's answers to a few questions, or, with no one to ask, a
 * template whose every field is a question.
 */

import type { Account, Day, Device, DeviceKind, Inventory, MfaType } from '../model/inventory.js';
import {
  accountQuestions,
  howToFinish,
  ownerQuestions,
  QUESTION_MARK,
  wrap,
  type Note,
  type Starter,
} from './starter.js';

export interface Answers {
  organization: 'standalone' | 'management';
  accountId: string;
  accountName: string;
  rootEmail: string;
  /** The types of root's MFA devices; [] when root has none; undefined when the owner does not know. */
  mfa: MfaType[] | undefined;
}

/** What holds each kind of MFA device, as a device factor: the phone for an app, the key or token itself. */
const holders: Record<MfaType, { kind: DeviceKind; label: string }> = {
  virtual: { kind: 'phone', label: "Phone with root's authenticator app" },
  'hardware-totp': { kind: 'totp-token', label: "Root's hardware TOTP token" },
  fido: { kind: 'security-key', label: "Root's security key" },
};

export function starterFromAnswers(answers: Answers, asOf: Day, file: string): Starter {
  const devices: Device[] = (answers.mfa ?? []).map((type, index) => ({
    id: `root-mfa-${index + 1}`,
    kind: holders[type].kind,
    label: `${holders[type].label}${(answers.mfa ?? []).length > 1 ? ` ${index + 1}` : ''}`,
  }));
  const account: Account = {
    id: answers.accountId,
    name: answers.accountName,
    organization: answers.organization,
    root: {
      email: 'root-mailbox',
      ...(answers.mfa === undefined
        ? {}
        : { mfa: answers.mfa.map((type, index) => ({ type, heldBy: devices[index]!.id })) }),
    },
  };
  const inventory: Inventory = {
    version: 1,
    asOf,
    factors: {
      mailboxes: [
        {
          id: 'root-mailbox',
          address: answers.rootEmail,
          label: "Root's mailbox",
          // A mailbox must say where it lives; until the owner says who hosts it, its mail domain does (as the
          // scan's reconciliation writes it).
          provider: answers.rootEmail.split('@')[1]!.toLowerCase(),
        },
      ],
      ...(devices.length > 0 ? { devices } : {}),
    },
    accounts: [account],
  };
  const notes: Note[] = [
    {
      kind: 'question',
      path: ['factors', 'mailboxes', 0],
      ask: `Who hosts ${answers.rootEmail} (gmail, fastmail, your company), and who reads it? Every recovery goes through it. On your own domain, declare the domain under factors.domains and name it here instead of the provider.`,
      write: ['provider: MAIL-PROVIDER', 'domain: DOMAIN-ID', 'verified: YYYY-MM-DD'],
    },
    ...devices.map((device, index): Note => ({
      kind: 'question',
      path: ['factors', 'devices', index],
      ask: 'Who holds this device and where is it kept? Sign in as root with it and write the day it worked.',
      write: ['holder: PERSON-ID', 'location: PLACE-ID', 'verified: YYYY-MM-DD'],
    })),
    ...accountQuestions(account, 0),
    ...ownerQuestions(inventory),
  ];
  if (answers.organization === 'management') {
    notes.push({
      kind: 'about',
      path: ['accounts', 0],
      text: "Management account of an Organization. Its members: run lockout init --org --force with this account's credentials to list them with their root emails and contacts, or declare each with organization: member, managementAccount and payment: { paidBy: management }.",
    });
  }
  return {
    inventory,
    header: [
      `Lockout inventory, started by \`lockout init\` on ${asOf} from your answers.`,
      ...howToFinish(file),
    ],
    notes,
    origin: 'answers',
  };
}

/** A template: no account yet, every field a question with the lines to write. */
export function templateStarter(asOf: Day, file: string): Starter {
  const account: Account = { id: 'ACCOUNT-ID', name: 'NAME', organization: 'standalone' };
  const nested = (notes: Note[], indent: string): string[] =>
    notes.flatMap((note) =>
      note.kind === 'question'
        ? [
            ...wrap(note.ask, `${indent}# ${QUESTION_MARK} `, `${indent}#   `),
            ...note.write.map((line) => `${indent}${line}`),
          ]
        : [],
    );
  const notes: Note[] = [
    {
      kind: 'question',
      path: [],
      ask: 'Which AWS accounts do you hold? Replace "accounts: []" with them: for each, its 12-digit id (quoted), a name, and whether it is standalone, the management account of an Organization, or a member (with managementAccount); then answer the questions under it.',
      write: [
        'accounts:',
        "  - id: 'ACCOUNT-ID'",
        '    name: NAME',
        '    organization: standalone',
        ...nested(accountQuestions(account, 0), '    '),
      ],
    },
    {
      kind: 'question',
      path: [],
      ask: 'What do you hold that signing in and paying rest on? Declare it under factors, one list per kind (mailboxes, devices, phoneNumbers, cards, passwordStores, identityDocuments, people, places, domains); accounts name these ids.',
      write: ['factors:', ...nested(ownerQuestions({ version: 1, accounts: [] }), '  ')],
    },
  ];
  return {
    inventory: { version: 1, asOf, accounts: [] },
    header: [
      `Lockout inventory template, written by \`lockout init\` on ${asOf}: nothing is declared yet.`,
      'With AWS credentials, lockout init --force fills in what a read-only scan shows.',
      ...howToFinish(file),
    ],
    notes,
    origin: 'template',
  };
}
