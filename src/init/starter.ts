/**
 * A starter inventory: the declaration `lockout init` writes, as values where they are known (seen by a scan, or
 * answered) and, for every fact only the owner can attest, a question with the line to write once answered.
 * Questions are YAML comments, never placeholder values: the file loads as it is, and whatever is still a question
 * stays absent, which the analysis counts as unknown (and so as lost) until it is answered.
 */

import { hasRootCredentials, type Account, type FactorSection, type Inventory } from '../model/inventory.js';
import { idOf, keyedBy } from '../model/keyed-lists.js';

/** Where a note goes in the YAML document: keys and list indices from the root. */
export type YamlPath = readonly (string | number)[];

export type Note =
  /** What was seen, said above the node at `path`. */
  | { kind: 'about'; path: YamlPath; text: string }
  /**
   * A question only the owner can answer, written inside the map at `path` after its fields, followed by the
   * lines to write (commented) once it is answered.
   */
  | { kind: 'question'; path: YamlPath; ask: string; write: string[] };

export interface Starter {
  inventory: Inventory;
  /** The comment at the top of the file. */
  header: string[];
  notes: Note[];
  /** How the facts were found: what the summary line says after the file is written. */
  origin: 'scan' | 'answers' | 'template';
}

/** The marker of a question line: `grep '# ?' lockout.yaml` lists what is left to answer. */
export const QUESTION_MARK = '?';

/** The header's last lines: how to read and finish the file, the same for every starter. */
export function howToFinish(file: string): string[] {
  return [
    `Lines starting with "# ${QUESTION_MARK}" are questions only you can answer (no API shows these facts). Answer each by writing the commented lines under it without their "#" (replace the UPPER-CASE parts), then run:`,
    `  lockout check ${file}`,
    'Until then, each unanswered fact is unknown, and Lockout counts unknown as lost, never as safe.',
  ];
}

export function questionCount(starter: Starter): number {
  // A template's questions hold the questions of what they ask to write.
  const nested = (line: string): boolean => line.trimStart().startsWith(`# ${QUESTION_MARK} `);
  return starter.notes
    .filter((note) => note.kind === 'question')
    .reduce((sum, note) => sum + 1 + note.write.filter(nested).length, 0);
}

/** The path of a factor in the file, by its id. */
export function factorPath(inventory: Inventory, section: FactorSection, id: string): YamlPath | undefined {
  const list = inventory.factors?.[section];
  const index = list === undefined ? -1 : keyedBy<{ id: string }>(list, idOf).positionOf(id);
  return index < 0 ? undefined : ['factors', section, index];
}

/**
 * The questions about an account that only its owner can answer, for whatever the account does not declare yet:
 * how root's password is kept, its MFA devices, the contact phone, the cards and the billing access setting (for
 * an account that pays), and what runs there.
 */
export function accountQuestions(
  account: Account,
  index: number,
  /** What a scan showed of root's MFA, with the line that declares it, for a root not declared yet. */
  rootMfaSeen?: { said: string; mfa: string },
): Note[] {
  const path: YamlPath = ['accounts', index];
  const notes: Note[] = [];
  const ask = (at: YamlPath, question: string, write: string[]): void => {
    notes.push({ kind: 'question', path: at, ask: question, write });
  };
  if (account.root === undefined) {
    ask(
      path,
      "What is root's email address, where is its password kept, and which MFA devices does it have? Declare the mailbox, the password store and each device's holder under factors and name them here." +
        (rootMfaSeen === undefined ? '' : ` ${rootMfaSeen.said}`),
      [
        'root:',
        '  email: MAILBOX-ID',
        `  password: { storedIn: PASSWORD-STORE-ID, verified: YYYY-MM-DD }`,
        `  ${rootMfaSeen?.mfa ?? 'mfa: [{ type: fido, heldBy: DEVICE-ID, verified: YYYY-MM-DD }]'}`,
      ],
    );
  } else if (hasRootCredentials(account)) {
    const root = [...path, 'root'];
    // A scan sees root's MFA in any account, its address only from a management account.
    if (account.root.email === undefined) {
      ask(
        root,
        "What is root's email address? Every recovery of root goes through it. Declare its mailbox under factors.mailboxes (its address, and its domain or provider) and name it here.",
        ['email: MAILBOX-ID'],
      );
    }
    if (account.root.password === undefined) {
      ask(
        root,
        "Where is root's password kept: a password manager, a device, a person who remembers it? Declare it under factors.passwordStores (or devices, people) and name it here.",
        [`password: { storedIn: PASSWORD-STORE-ID, verified: YYYY-MM-DD }`],
      );
    }
    if (account.root.mfa === undefined) {
      ask(
        root,
        'Which MFA devices does root have (up to 8), and what holds each: the phone with the authenticator app, the security key itself, the account that syncs the passkey? Declare each holder under factors and list the devices here; [] if root has none.',
        [`mfa: [{ type: fido, heldBy: DEVICE-ID, verified: YYYY-MM-DD }]`],
      );
    }
  }
  if (account.contactPhone === undefined && hasRootCredentials(account)) {
    ask(
      path,
      "Which number is the account's contact phone (Account settings, Contact information)? AWS calls it when root loses its MFA. Declare it under factors.phoneNumbers with who holds it.",
      ['contactPhone: PHONE-NUMBER-ID'],
    );
  }
  const pays = account.organization !== 'member' && account.payment?.transferredTo === undefined;
  if (pays && account.payment?.cards === undefined) {
    ask(
      path,
      'Which cards are on file (Billing and Cost Management, Payment preferences), the default first? Declare each under factors.cards: the last four digits only, the expiry month, what the issuer says (ok, revoked, expired), who holds it.',
      [`payment: { cards: [CARD-ID], verified: YYYY-MM-DD }`],
    );
  }
  if (pays && account.iamBillingAccess === undefined) {
    ask(
      path,
      'Is "IAM user and role access to Billing information" activated (as root: Account settings)? No API shows it; without it only root can change the payment method.',
      [`iamBillingAccess: { activated: true, verified: YYYY-MM-DD }`],
    );
  }
  if (pays && account.billingPrincipals === undefined) {
    ask(
      path,
      'Who besides root may change the payment method: an IAM user or role, an Identity Center user with payments permissions? Give how each signs in (the factors) and what it may do; [] if nobody.',
      [
        "billingPrincipals: [{ name: NAME, signIn: [PASSWORD-STORE-ID, DEVICE-ID], permissions: ['payments:*'] }]",
      ],
    );
  }
  if (account.workloads === undefined) {
    ask(path, 'What runs in this account: what would a suspension take down?', [
      'workloads: [WHAT RUNS HERE]',
    ]);
  }
  return notes;
}

/**
 * The questions about what the owner holds beyond any one account: the photo ID that identity verification
 * needs, and the people and places the devices and cards are kept by.
 */
export function ownerQuestions(inventory: Inventory): Note[] {
  const notes: Note[] = [];
  const factors = inventory.factors ?? {};
  if (factors.identityDocuments === undefined) {
    notes.push({
      kind: 'question',
      path: ['factors'],
      ask: "Which valid photo ID would you show a notary? Identity verification by AWS Support, the last way back into root, needs one. Give each document's kind, expiry, holder and where it is kept (never its number).",
      write: ['identityDocuments: [{ id: passport, kind: passport, expires: YYYY-MM-DD, country: XX }]'],
    });
  }
  if (factors.people === undefined) {
    notes.push({
      kind: 'question',
      path: ['factors'],
      ask: 'Who holds the MFA devices, cards and phones (you, a colleague)? Declare each person once and name them as holder.',
      write: ['people: [{ id: PERSON-ID, name: YOUR NAME }]'],
    });
  }
  if (factors.places === undefined) {
    notes.push({
      kind: 'question',
      path: ['factors'],
      ask: 'Where are security keys, papers and cards kept (a home, an office, a safe)? What is kept in one place is lost with it.',
      write: ['places: [{ id: PLACE-ID, kind: home }]'],
    });
  }
  return notes;
}

/** Comment lines are wrapped to stay readable in an editor at the deepest indentation used. */
const WIDTH = 96;

/** Words into lines of at most WIDTH characters, the first after `first`, the others after `rest`. */
export function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    const start = line === first || line === rest;
    if (!start && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else {
      line += start ? word : ` ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
