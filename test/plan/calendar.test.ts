/**
 * The calendar export, read back with a real ICS parser (Mozilla's ical.js): the events for both examples,
 * all-day dates, reminders before card expiries, Route 53 auto-renewal, documents, recurring drills, stable
 * UIDs across runs and date changes, and the CLI writing a file.
 */

import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { runCalendar } from '../../src/cli/calendar-command.js';
import { runExport } from '../../src/cli/export-command.js';
import { examplePath } from '../../src/cli/inventory-input.js';
import { loadInventory, parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { stringify } from 'yaml';
import { addMonths, buildCalendar, calendarItems, inventoryNamespace } from '../../src/plan/calendar.js';

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  start: string;
  end: string;
  allDay: boolean;
  rrule?: { freq: string; interval: number } | undefined;
  occurrences: string[];
}

function parse(ics: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const rrule = component.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    const occurrences: string[] = [];
    if (event.isRecurring()) {
      const iterator = event.iterator();
      // The drills repeat forever: the first four occurrences.
      for (let n = 0; n < 4; n++) occurrences.push(iterator.next().toString());
    }
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: String(component.getFirstPropertyValue('url')),
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      rrule: rrule ? { freq: rrule.freq, interval: rrule.interval } : undefined,
      occurrences,
    };
  });
}

async function example(name: 'incident' | 'small-team'): Promise<Inventory> {
  const loaded = await loadInventory(examplePath(name));
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return structuredClone(loaded.inventory);
}

/** Events of a kind; reminders carry their lead time in the UID (`card-reminder-60d.…`). */
const byKind = (events: ParsedEvent[], kind: string): ParsedEvent[] =>
  events.filter((event) => event.uid.startsWith(`${kind}.`) || event.uid.startsWith(`${kind}-`));

describe('calendar of the incident example (as of 2022-06-09)', () => {
  it('holds what is coming, each an all-day event ending the next day', async () => {
    const inventory = await example('incident');
    const events = parse(buildCalendar(inventory, { asOf: '2022-06-09' }));
    const summary = events.map((event) => [event.start, event.summary]);
    expect(summary).toEqual([
      ['2022-06-09', 'Update the contact phone number of personal'],
      ['2022-06-09', 'Replace a lost root MFA device (Google Authenticator on the 2016 phone)'],
      ['2023-02-07', 'Route 53 auto-renews example.net today'],
      ['2023-03-14', 'example.net expires'],
      // Route 53 renews late until day 44 and restores until day 74 (generic TLDs): 2023-03-14 + 74 days.
      ['2023-05-27', 'Last day to get example.net back if it was not renewed'],
      ['2025-08-01', 'Renew Driving licence (also proves the address): it expires in 60 days'],
      ['2025-09-30', 'Driving licence (also proves the address) expires'],
      ['2029-07-02', 'Renew passport: it expires in 60 days'],
      ['2029-08-31', 'passport expires'],
    ]);
    for (const event of events) {
      expect(event.allDay).toBe(true);
      const next = new Date(`${event.start}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(event.end).toBe(next.toISOString().slice(0, 10));
      expect(event.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(event.description).toContain(`Docs: ${event.url}`);
      expect(event.uid).toMatch(/@lockout$/);
    }
    // The revoked card has nothing coming; the outdated number and the lost phone are due now.
    expect(events.some((event) => event.uid.includes('visa-card'))).toBe(false);
    const renew = byKind(events, 'domain-auto-renew')[0]!;
    expect(renew.description).toContain('35 days before it expires (2023-03-14)');
    expect(renew.description).toContain('charges personal (111122223333)');
    expect(byKind(events, 'contact-phone-update')[0]!.description).toContain(
      '+81 90-0000-0001 (Mobile number of 2016) is declared outdated',
    );
  });

  it('leaves out what is past', async () => {
    const inventory = await example('incident');
    const events = parse(buildCalendar(inventory, { asOf: '2025-09-01' }));
    expect(events.map((event) => event.start)).toEqual([
      '2025-09-01',
      '2025-09-01',
      '2025-09-30',
      '2029-07-02',
      '2029-08-31',
    ]);
  });
});

describe('calendar of the small-team example (as of 2025-06-01)', () => {
  it('reminds 60, 30 and 7 days before the end of a card’s expiry month, then on its last day', async () => {
    const inventory = await example('small-team');
    const events = parse(buildCalendar(inventory, { asOf: '2025-06-01' }));
    const corporate = events.filter((event) => event.uid.includes('.corporate-card.'));
    expect(corporate.map((event) => [event.start, event.summary])).toEqual([
      ['2025-06-01', 'Replace the card ending 1881 in AWS: it expires in 60 days'],
      ['2025-07-01', 'Replace the card ending 1881 in AWS: it expires in 30 days'],
      ['2025-07-24', 'Replace the card ending 1881 in AWS: it expires in 7 days'],
      ['2025-07-31', 'Last day of the card ending 1881'],
    ]);
    expect(corporate[0]!.description).toContain('It is on file for acme-management (444455556666).');
    expect(corporate[0]!.description).toContain('Payment preferences');
    const backup = events.filter((event) => event.uid.includes('.backup-card.')).map((event) => event.start);
    expect(backup).toEqual(['2028-01-31', '2028-03-01', '2028-03-24', '2028-03-31']);
  });

  it('repeats the drills every 6 months from the last verification', async () => {
    const inventory = await example('small-team');
    const events = parse(buildCalendar(inventory, { asOf: '2025-06-01' }));
    const drills = [...byKind(events, 'mfa-drill'), ...byKind(events, 'contact-phone-drill')];
    expect(drills.map((event) => [event.summary, event.occurrences.slice(0, 3)])).toEqual([
      ['Drill: sign in as root with YubiKey 5 NFC (Mika)', ['2025-11-12', '2026-05-12', '2026-11-12']],
      ['Drill: sign in as root with YubiKey 5C (Ren)', ['2025-11-12', '2026-05-12', '2026-11-12']],
      [
        'Drill: check the contact phone number +81 3-0000-0003 (Office line (reception forwards calls to Mika or Ren))',
        ['2025-10-01', '2026-04-01', '2026-10-01'],
      ],
    ]);
    for (const drill of drills) expect(drill.rrule).toEqual({ freq: 'MONTHLY', interval: 6 });
    const mika = drills[0]!;
    expect(mika.description).toContain('acme-management (444455556666), acme-staging (123456789012)');
    expect(mika.description).toContain('If it fails, register a new MFA device now');
    expect(drills[2]!.description).toContain(
      'acme-management (444455556666), acme-production (777788889999)',
    );
  });

  it('checks a domain renewed elsewhere, and the passport to renew', async () => {
    const inventory = await example('small-team');
    const events = parse(buildCalendar(inventory, { asOf: '2025-06-01' }));
    expect(byKind(events, 'domain-reminder').map((event) => [event.start, event.summary])).toEqual([
      ['2026-01-02', 'Check that gandi has renewed acme.example'],
    ]);
    expect(byKind(events, 'domain-expiry')[0]!.start).toBe('2026-02-01');
    expect(byKind(events, 'document-reminder')[0]!.start).toBe('2030-12-02');
    // …and the last day acme.example can be got back from Gandi (ICANN's floor: 30 days of redemption).
    expect(byKind(events, 'domain-released')[0]!.start).toBe('2026-03-03');
    expect(events).toHaveLength(4 + 4 + 2 + 2 + 3 + 1);
  });

  it('drills follow --drill-months, and an overdue drill falls on today', async () => {
    const inventory = await example('small-team');
    const events = parse(buildCalendar(inventory, { asOf: '2025-12-20', drillMonths: 3 }));
    const drills = byKind(events, 'mfa-drill');
    expect(drills.map((event) => event.start)).toEqual(['2025-12-20', '2025-12-20']);
    expect(drills[0]!.rrule).toEqual({ freq: 'MONTHLY', interval: 3 });
    expect(drills[0]!.occurrences.slice(0, 2)).toEqual(['2025-12-20', '2026-03-20']);
  });

  it('keeps an overdue drill on the 29th to 31st, on the first of the next month (found by running it on the 30th)', async () => {
    // A monthly repeat on the 29th to 31st skips the months without that day, so drills sit on the 28th at the
    // latest; today's overdue drill was moved back to the 28th, before today, and so left out of the calendar.
    const inventory = await example('small-team');
    for (const asOf of ['2025-12-29', '2025-12-30', '2025-12-31']) {
      const events = parse(buildCalendar(inventory, { asOf, drillMonths: 3 }));
      const drills = [...byKind(events, 'mfa-drill'), ...byKind(events, 'contact-phone-drill')];
      expect(drills.map((event) => event.start)).toEqual(['2026-01-01', '2026-01-01', '2026-01-01']);
      expect(drills[0]!.occurrences.slice(0, 2)).toEqual(['2026-01-01', '2026-04-01']);
    }
    // Due on the 30th, seen on the 29th: not the 28th behind it either.
    const mika = inventory.factors!.devices!.find((device) => device.id === 'key-mika')!;
    const due = structuredClone(inventory);
    due.factors!.devices!.find((device) => device.id === mika.id)!.verified = '2025-10-30';
    for (const mfa of due.accounts.flatMap((account) => account.root?.mfa ?? []))
      if (mfa.heldBy === mika.id) mfa.verified = '2025-10-30';
    const events = parse(buildCalendar(due, { asOf: '2026-01-29', drillMonths: 3 }));
    expect(byKind(events, 'mfa-drill').find((event) => event.summary.includes('Mika'))!.start).toBe(
      '2026-02-01',
    );
  });
});

describe('stable UIDs', () => {
  it('the same item keeps its UID across runs and when its date moves; other inventories differ', async () => {
    const inventory = await example('small-team');
    const first = parse(
      buildCalendar(inventory, { asOf: '2025-06-01', stamp: new Date('2025-06-01T00:00:00Z') }),
    );
    const again = parse(
      buildCalendar(inventory, { asOf: '2025-06-01', stamp: new Date('2025-06-02T00:00:00Z') }),
    );
    expect(again.map((event) => event.uid)).toEqual(first.map((event) => event.uid));
    expect(new Set(first.map((event) => event.uid)).size).toBe(first.length);

    // The renewed card: same UIDs, new dates.
    inventory.factors!.cards![0]!.expires = '2030-07';
    const renewed = parse(buildCalendar(inventory, { asOf: '2025-06-01' }));
    const expiry = (events: ParsedEvent[]) =>
      events.find((event) => event.uid.startsWith('card-expiry.corporate-card.'))!;
    expect(expiry(renewed).uid).toBe(expiry(first).uid);
    expect(expiry(renewed).start).toBe('2030-07-31');

    const incident = await example('incident');
    expect(inventoryNamespace(incident)).not.toBe(inventoryNamespace(inventory));
    expect(expiry(first).uid).toBe(`card-expiry.corporate-card.${inventoryNamespace(inventory)}@lockout`);
  });

  it('adds months the way a calendar does', () => {
    expect(addMonths('2025-05-12', 6)).toBe('2025-11-12');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
  });
});

describe('lockout calendar', () => {
  it('prints the ICS, or writes it with -o', async () => {
    const ics = await runCalendar(undefined, { example: 'small-team' });
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'lockout-calendar-'));
    const file = path.join(dir, 'lockout.ics');
    const message = await runCalendar(undefined, { example: 'incident', output: file, drillMonths: 6 });
    expect(message).toBe(`wrote 9 events to ${file}\n`);
    expect(parse(readFileSync(file, 'utf8'))).toHaveLength(9);
  });

  it('refuses to write over the inventory it reads, and leaves it as it was (found by a fault probe)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockout-calendar-'));
    const inventory = path.join(dir, 'lockout.yaml');
    copyFileSync(examplePath('small-team'), inventory);
    const before = readFileSync(inventory, 'utf8');
    // Named as given, and through another spelling of the same path.
    for (const output of [inventory, path.join(dir, '.', 'lockout.yaml')]) {
      await expect(runCalendar(inventory, { output })).rejects.toThrow(
        `--output ${output}: that is the inventory this command reads, and writing there would replace it`,
      );
      await expect(runExport(inventory, { format: 'mef', output })).rejects.toThrow(/would replace it/);
    }
    expect(readFileSync(inventory, 'utf8')).toBe(before);
    // Another file is written as asked.
    expect(await runCalendar(inventory, { output: path.join(dir, 'lockout.ics') })).toMatch(
      /^wrote \d+ events? to /,
    );
  });

  it('refuses a drill period that is not a whole number of months', async () => {
    await expect(runCalendar(undefined, { example: 'incident', drillMonths: 0 })).rejects.toThrow(
      /drill-months/,
    );
  });
});

describe('names in the calendar (issue 13, small things)', () => {
  it('names each factor once, by its number or its kind, never by its id', () => {
    const loaded = parseInventory(
      `
version: 1
asOf: 2026-12-03
factors:
  phoneNumbers:
    - { id: ph1, number: '+33 6 12 34 56 78' }
  domains:
    - { id: dom1, name: corp.example, registrar: gandi, dns: gandi, expires: 2027-01-10 }
  cards:
    - { id: card1, lastFour: '1234', expires: 2027-01, status: ok }
  identityDocuments:
    - { id: doc1, kind: passport, expires: 2027-06-01 }
accounts:
  - id: '111122223333'
    name: solo
    organization: standalone
    contactPhone: ph1
    payment: { cards: [card1] }
`,
      'inline.yaml',
    );
    if (!loaded.ok) throw new Error(loaded.errors.map((error) => error.message).join('; '));
    const events = parse(buildCalendar(loaded.inventory, { asOf: '2026-12-03' }));
    const text = events.map((event) => `${event.summary}\n${event.description}`).join('\n');
    for (const id of ['ph1', 'dom1', 'card1', 'doc1']) expect(text).not.toMatch(new RegExp(`\\b${id}\\b`));
    expect(text).not.toContain('card ending 1234 (card ending 1234)');
    expect(text).not.toContain('corp.example (corp.example)');
    // The drill says which number to check: the owner's own calendar.
    expect(text).toContain('+33 6 12 34 56 78');
    expect(text).toContain('passport expires');
  });
});

describe('what nobody has confirmed (a starter inventory from a scan)', () => {
  // `lockout init` writes what a scan saw as `state: unknown`: counted as lost until the owner confirms it, but
  // never worded as an emergency. The calendar asks to confirm it today, and keeps "replace" for what is gone.
  function starter(): Inventory {
    const parsed = parseInventory(
      stringify({
        version: 1,
        asOf: '2026-12-05',
        factors: {
          devices: [
            { id: 'seen-key', kind: 'security-key', state: 'unknown' },
            { id: 'seen-token', kind: 'phone', state: 'unknown' },
            { id: 'old-phone', kind: 'phone', state: 'lost' },
          ],
          phoneNumbers: [{ id: 'seen-number', number: '+81 3-0000-0009', state: 'unknown' }],
        },
        accounts: [
          {
            id: '300000000001',
            name: 'scanned-one',
            organization: 'standalone',
            root: { mfa: [{ type: 'fido', heldBy: 'seen-key' }] },
            contactPhone: 'seen-number',
          },
          {
            id: '300000000002',
            name: 'scanned-two',
            organization: 'standalone',
            root: {
              mfa: [
                { type: 'virtual', heldBy: 'seen-token' },
                { type: 'virtual', heldBy: 'old-phone' },
              ],
            },
          },
        ],
      }),
      'starter.yaml',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.inventory;
  }

  it('asks to confirm an unknown device or number today, and to replace only what is gone', () => {
    const items = calendarItems(starter(), { asOf: '2026-12-05' });
    const about = (id: string) => items.filter((item) => item.factorIds.includes(id));

    const [keys, ...others] = about('seen-key');
    expect(others).toEqual([]);
    expect(keys!.kind).toBe('mfa-drill');
    expect(keys!.factorIds).toEqual(['seen-key', 'seen-token']);
    expect(keys!.day).toBe('2026-12-05');
    expect(keys!.summary).toBe('Confirm 2 root MFA devices');
    expect(keys!.description).toContain('Nobody has confirmed this yet (`state: unknown`)');
    expect(keys!.description).toContain('with `state: ok`');
    expect(keys!.description).not.toMatch(/Replace|and is unknown/);

    const [number] = about('seen-number');
    expect(number!.kind).toBe('contact-phone-drill');
    expect(number!.day).toBe('2026-12-05');
    expect(number!.description).toContain('Nobody has confirmed');
    expect(number!.summary).toBe('Confirm the contact phone number +81 3-0000-0009');
    expect(`${number!.summary} ${number!.description}`).not.toMatch(/Replace|Update the contact/);

    // A card nobody has confirmed still expires on the day declared: reminded, not dropped as if gone.
    const card = structuredClone(starter());
    card.factors!.cards = [
      { id: 'seen-card', lastFour: '4444', expires: '2027-03', status: 'ok', state: 'unknown' },
    ];
    card.accounts[0]!.payment = { cards: ['seen-card'] };
    const cardItems = calendarItems(card, { asOf: '2026-12-05' }).filter(
      (item) => item.factorId === 'seen-card',
    );
    expect(cardItems.map((item) => item.day)).toEqual([
      '2027-01-30',
      '2027-03-01',
      '2027-03-24',
      '2027-03-31',
    ]);

    const [gone] = about('old-phone');
    expect(gone!.kind).toBe('mfa-replace');
    expect(gone!.description).toContain('declared lost');
  });
});

describe('what is lost with what it depends on', () => {
  it('replaces the keys kept in a safe that is lost, instead of drilling them (found on a fire in the office safe)', async () => {
    // The check already says root's MFA sign-in is lost with the safe; the calendar read only each device's own state.
    const inventory = await example('small-team');
    inventory.factors!.places!.find((place) => place.id === 'office-safe')!.state = 'lost';
    const items = calendarItems(inventory, { asOf: '2025-06-01' });
    for (const key of ['key-mika', 'key-ren']) {
      const about = items.filter((item) => item.factorIds.includes(key));
      expect(about.map((item) => item.kind)).toEqual(['mfa-replace']);
      expect(about[0]!.description).toContain('lost with Office safe (declared lost)');
    }
    // What is not kept there is drilled as before.
    expect(items.filter((item) => item.kind === 'contact-phone-drill')).toHaveLength(1);
  });
});
