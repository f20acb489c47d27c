/**
 * The calendar of an Organization (issue 15): one root MFA device per member account made one drill event per
 * device — 11,090 events at 10,000 accounts, nearly all on one day, and contact-phone drills naming thousands of
 * accounts. Drills due the same day and held by the same person in the same place are one event, which counts
 * its devices and names the first few with their accounts; long lists of accounts are shortened. Read back with a
 * real ICS parser (Mozilla's ical.js), on the benchmark's generated Organization.
 */

import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseInventory } from '../../src/inventory/index.js';
import type { Inventory } from '../../src/model/inventory.js';
import { buildCalendar, calendarItems, type CalendarItem } from '../../src/plan/calendar.js';

async function organization(accounts: number): Promise<Inventory> {
  const generator = new URL('../../bench/org-inventory.mjs', import.meta.url).href;
  const { organizationInventory } = (await import(generator)) as {
    organizationInventory: (accounts: number) => unknown;
  };
  const parsed = parseInventory(stringify(organizationInventory(accounts)), 'organization.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.inventory;
}

/** Every root MFA device of the inventory, with where it is kept: what the drills must cover, each once. */
function rootDevices(inventory: Inventory): Map<string, { day: string | undefined; keeper: string }> {
  const devices = new Map((inventory.factors?.devices ?? []).map((device) => [device.id, device]));
  const held = new Map<string, { day: string | undefined; keeper: string }>();
  for (const account of inventory.accounts)
    for (const mfa of account.root?.mfa ?? []) {
      const device = devices.get(mfa.heldBy);
      held.set(mfa.heldBy, {
        day: device?.verified,
        keeper: `${device?.holder ?? ''}/${device?.location ?? ''}`,
      });
    }
  return held;
}

const drills = (items: CalendarItem[], kind: string): CalendarItem[] =>
  items.filter((item) => item.kind === kind);

describe('the calendar of an Organization', () => {
  it('drills the devices one person keeps in one place, due the same day, as one event naming each device once', async () => {
    const inventory = await organization(400);
    const asOf = inventory.asOf!;
    const items = calendarItems(inventory, { asOf });
    const devices = rootDevices(inventory);
    const mfaDrills = drills(items, 'mfa-drill');

    // Every device drilled, in exactly one event.
    const drilled = mfaDrills.flatMap((item) => item.factorIds);
    expect(new Set(drilled).size).toBe(drilled.length);
    expect(new Set(drilled)).toEqual(new Set(devices.keys()));
    // One event per keeper and day: the 441 devices of 400 accounts are held by a few admins in two safes.
    const groups = new Set(mfaDrills.map((item) => `${item.day} ${devices.get(item.factorId)!.keeper}`));
    expect(groups.size).toBe(mfaDrills.length);
    expect(mfaDrills.length).toBeLessThan(20);
    // The devices of one event share their keeper.
    for (const item of mfaDrills)
      expect(new Set(item.factorIds.map((id) => devices.get(id)!.keeper)).size).toBe(1);

    const big = mfaDrills.find((item) => item.factorIds.length > 20)!;
    // …and names who does it, and where.
    const device = inventory.factors!.devices!.find((d) => d.id === big.factorId)!;
    const holder = inventory.factors!.people!.find((person) => person.id === device.holder)!;
    const place = inventory.factors!.places!.find((p) => p.id === device.location)!;
    expect(big.summary).toBe(
      `Drill: sign in as root with ${big.factorIds.length} MFA devices — ${holder.name}, ${place.label}`,
    );
    // The first 20 devices named with their accounts, the rest counted.
    const first = big.factorIds[0]!;
    const account = inventory.accounts.find((a) => a.root?.mfa?.some((mfa) => mfa.heldBy === first))!;
    expect(big.description).toContain(`${first} (${account.name})`);
    expect(big.description).toContain(`and ${big.factorIds.length - 20} more`);
    expect(big.description).not.toContain(big.factorIds[20]!);
    expect(big.uid).toBe(`mfa-drill.${first}.${big.uid.split('.').slice(2).join('.')}`);
  });

  it('keeps the 10,000-account calendar to a few dozen events and short descriptions', async () => {
    const inventory = await organization(10_000);
    const asOf = inventory.asOf!;
    const ics = buildCalendar(inventory, { asOf, stamp: new Date('2026-12-05T00:00:00Z') });
    const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.length).toBeLessThan(150);
    // No description lists thousands of accounts: at most 20 named, the rest counted.
    for (const event of events) expect(event.description.length).toBeLessThan(4_000);
    const phone = events.find((event) => event.uid.startsWith('contact-phone-drill.office-line.'))!;
    expect(phone.description).toMatch(/ and [\d,]+ more, check /);
    expect(ics.length).toBeLessThan(200_000);
  });

  it('leaves one device to a person and place as its own event, as before', async () => {
    const inventory = await organization(3);
    const asOf = inventory.asOf!;
    const single = drills(calendarItems(inventory, { asOf }), 'mfa-drill').filter(
      (item) => item.factorIds.length === 1,
    );
    expect(single.length).toBeGreaterThan(0);
    for (const item of single) {
      expect(item.summary).toMatch(/^Drill: sign in as root with key-/);
      expect(item.uid.startsWith(`mfa-drill.${item.factorId}.`)).toBe(true);
    }
  });

  it('drills two numbers nobody holds as one event, and names a device of many accounts by its first few', () => {
    const accounts = Array.from({ length: 30 }, (_, n) => ({
      id: String(200000000000 + n),
      name: `team-${String(n).padStart(2, '0')}`,
      organization: 'standalone',
      root: { mfa: [{ type: 'fido', heldBy: n === 0 ? 'key-b' : 'key-a' }] },
      contactPhone: n % 2 === 0 ? 'front-desk' : 'back-office',
    }));
    const parsed = parseInventory(
      stringify({
        version: 1,
        asOf: '2026-12-05',
        factors: {
          people: [{ id: 'yu', name: 'Yu' }],
          devices: [
            { id: 'key-a', kind: 'security-key', holder: 'yu', verified: '2026-10-01' },
            { id: 'key-b', kind: 'security-key', holder: 'yu', verified: '2026-10-01' },
          ],
          phoneNumbers: [
            { id: 'front-desk', number: '+81 3-0000-0001', verified: '2026-09-01' },
            { id: 'back-office', number: '+81 3-0000-0002', verified: '2026-09-01' },
          ],
        },
        accounts,
      }),
      'team.yaml',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const items = calendarItems(parsed.inventory, { asOf: '2026-12-05' });

    const [phones, ...otherPhones] = drills(items, 'contact-phone-drill');
    expect(otherPhones).toEqual([]);
    expect(phones!.factorIds).toEqual(['back-office', 'front-desk']);
    expect(phones!.day).toBe('2027-03-01');
    expect(phones!.summary).toBe('Drill: check 2 contact phone numbers');
    expect(phones!.description).toContain('+81 3-0000-0002 (team-01, team-03, team-05 and 12 more)');
    expect(phones!.description).toContain('+81 3-0000-0001 (team-00, team-02, team-04 and 12 more)');

    const [keys, ...otherKeys] = drills(items, 'mfa-drill');
    expect(otherKeys).toEqual([]);
    expect(keys!.summary).toBe('Drill: sign in as root with 2 MFA devices — Yu');
    expect(keys!.description).toContain('key-a (team-01, team-02, team-03 and 26 more), key-b (team-00)');
    expect(keys!.description).not.toContain('spread them');
  });

  it('replaces the keys of a safe that is lost in one event per person, not one per key', async () => {
    const inventory = await organization(400);
    inventory.factors!.places!.find((place) => place.id === 'safe-tokyo')!.state = 'lost';
    const items = calendarItems(inventory, { asOf: inventory.asOf! });
    const inTokyo = inventory.factors!.devices!.filter(
      (device) => device.location === 'safe-tokyo' && rootDevices(inventory).has(device.id),
    );
    const replaced = drills(items, 'mfa-replace');
    expect(new Set(replaced.flatMap((item) => item.factorIds))).toEqual(new Set(inTokyo.map((d) => d.id)));
    expect(replaced.length).toBeLessThan(10);
    const big = replaced.find((item) => item.factorIds.length > 20)!;
    expect(big.summary).toMatch(/^Replace \d+ lost root MFA devices — .+, Safe in the Tokyo office$/);
    expect(big.description).toContain(
      'These root MFA devices are lost with Safe in the Tokyo office (declared lost)',
    );
    // None of them is drilled any more.
    const drilled = new Set(drills(items, 'mfa-drill').flatMap((item) => item.factorIds));
    expect(inTokyo.filter((device) => drilled.has(device.id))).toEqual([]);
  });
});
