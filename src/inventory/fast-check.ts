/**
 * The fast path's check of a read inventory, compiled once from the zod schema: it accepts what
 * `inventorySchema.safeParse` accepts, and gives the same data, without zod's new copy of every object and list
 * (about 200 ms at 10,000 accounts, most of it collecting that garbage). The same walk looks for secrets in each
 * key and value as read (as `valuesHoldSecrets` does) and gathers the ids named at each reference site (as
 * `checkReferences` walks to them). It answers only "valid, here it is" or "not sure": anything else is read
 * again the located way, where zod words every error.
 *
 * Exact by construction: each scalar is judged by its own zod schema (its checks, refinements and messages stay
 * there), once per distinct value; objects, lists, optional fields and discriminated unions are walked as zod
 * walks them, and the checks zod runs on an object or a list (refine, superRefine, min, max) are run by zod on
 * the value. The data keeps zod's key order (its shape's): an object written in another order is rebuilt. What
 * it does not compile (defaults, transforms, pipes, records, plain unions…) leaves the whole check to zod.
 */
import { z } from 'zod';
import type { Inventory } from '../model/inventory.js';
import { namedAtSites, referencePatterns, type PathPattern } from './references.js';
import { inventorySchema } from './schema.js';
import { scalarText, shortestSecret, valueHoldsSecret, valuesHoldSecrets } from './secrets.js';

export interface CheckedInventory {
  inventory: Inventory;
  /** The ids named at each reference site, each once: `named[i]` for `referencePatterns[i]`. */
  named: readonly ReadonlySet<string>[];
}

/** What a walk returns for a value it does not accept. */
const REFUSED: unique symbol = Symbol('refused');

/** The state of one check: nothing is kept from one inventory to the next. */
interface Run {
  /** For each scalar schema, the values it already accepted. */
  accepted: (Set<unknown> | undefined)[];
  named: Set<string>[];
}

/** The value as zod would give it back (the same object when nothing differs), or REFUSED. */
type Walk = (value: unknown, run: Run) => unknown;

/** A reference site still to be reached: what is left of its pattern below this schema. */
interface Pending {
  site: number;
  rest: PathPattern;
}

/** A compiled check: the data as zod gives it back with the ids named at each site, or undefined. */
export type CompiledCheck = (data: unknown) => { data: unknown; named: Set<string>[] } | undefined;

/**
 * Whether `data` is a valid inventory without secrets in its values, with the ids it names; undefined when it is
 * not, or not surely (the located read then says what is wrong).
 */
export function checkRead(data: unknown): CheckedInventory | undefined {
  compiled ??= compileCheck(inventorySchema, referencePatterns) ?? null;
  if (compiled === null) return checkWithZod(data);
  const checked = compiled(data);
  return checked === undefined ? undefined : { inventory: checked.data as Inventory, named: checked.named };
}

let compiled: CompiledCheck | null | undefined;

/**
 * The check of `schema`, gathering the string values at each of `patterns` (`'*'` for any key or item), or
 * undefined when the schema uses anything this does not compile.
 */
export function compileCheck(
  schema: z.core.$ZodType,
  patterns: readonly PathPattern[],
): CompiledCheck | undefined {
  const scalars = { count: 0 };
  const sites = patterns.map((pattern, site) => ({ site, rest: pattern }));
  const walk = compile(schema, '', sites, scalars);
  if (walk === undefined) return undefined;
  return (data) => {
    const run: Run = { accepted: [], named: patterns.map(() => new Set()) };
    const checked = walk(data, run);
    return checked === REFUSED ? undefined : { data: checked, named: run.named };
  };
}

/** The check as zod does it, for a schema the compiler does not know. */
function checkWithZod(data: unknown): CheckedInventory | undefined {
  if (valuesHoldSecrets(data)) return undefined;
  const parsed = inventorySchema.safeParse(data);
  return parsed.success ? { inventory: parsed.data, named: namedAtSites(data) } : undefined;
}

/**
 * The walk for `schema`, whose values sit in the field `field` (a list's items in the list's field), or
 * undefined when it uses anything this does not compile.
 */
function compile(
  schema: z.core.$ZodType,
  field: string,
  pending: readonly Pending[],
  scalars: { count: number },
): Walk | undefined {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  let walk: Walk | undefined;
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'literal':
    case 'enum':
      // Their checks are part of their own parse.
      return scalar(
        schema,
        field,
        pending.filter(({ rest }) => rest.length === 0).map(({ site }) => site),
        scalars.count++,
      );
    case 'optional': {
      const inner = compile(def.innerType, field, pending, scalars);
      if (inner === undefined) return undefined;
      walk = (value, run) => (value === undefined ? value : inner(value, run));
      break;
    }
    case 'array':
      walk = list(compile(def.element, field, below(pending, undefined), scalars));
      break;
    case 'object':
      // Only strict objects: zod drops (or passes on) the unknown keys of the others.
      if (def.catchall === undefined || (def.catchall as z.core.$ZodTypes)._zod.def.type !== 'never')
        return undefined;
      walk = strictObject(def.shape, pending, scalars);
      break;
    case 'union':
      walk =
        'discriminator' in def && typeof def.discriminator === 'string'
          ? discriminated(def as z.core.$ZodDiscriminatedUnionDef, field, pending, scalars)
          : textOrObject(def.options, field, pending, scalars);
      break;
    default:
      return undefined;
  }
  return walk === undefined ? undefined : withChecks(walk, def.checks ?? []);
}

/** The pending sites that go on below this value: into the field `key`, or into a list's items. */
function below(pending: readonly Pending[], key: string | undefined): Pending[] {
  return pending
    .filter(({ rest }) => rest.length > 0 && (rest[0] === '*' || rest[0] === key))
    .map(({ site, rest }) => ({ site, rest: rest.slice(1) }));
}

/**
 * A scalar, judged by its own schema once per distinct value, and looked at for a secret with its field's name.
 * `sites` are the reference sites it is at.
 */
function scalar(schema: z.core.$ZodType, field: string, sites: readonly number[], id: number): Walk {
  const shortest = shortestSecret(field);
  return (value, run) => {
    let accepted = run.accepted[id];
    if (accepted === undefined) accepted = run.accepted[id] = new Set();
    if (!accepted.has(value)) {
      const parsed = z.safeParse(schema, value);
      if (!parsed.success || parsed.data !== value) return REFUSED;
      const read = scalarText(value);
      if (read !== undefined && valueHoldsSecret(read, field, shortest)) return REFUSED;
      accepted.add(value);
    }
    if (typeof value === 'string') for (const site of sites) run.named[site]!.add(value);
    return value;
  };
}

function list(element: Walk | undefined): Walk | undefined {
  if (element === undefined) return undefined;
  return (value, run) => {
    if (!Array.isArray(value)) return REFUSED;
    const items: unknown[] = value;
    let copy: unknown[] | undefined;
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      const checked = element(item, run);
      if (checked === REFUSED) return REFUSED;
      if (copy === undefined && checked !== item) copy = items.slice(0, index);
      copy?.push(checked);
    }
    return copy ?? items;
  };
}

interface CompiledField {
  key: string;
  /** Its place in the shape: zod gives the fields back in this order. */
  order: number;
  walk: Walk;
  optional: boolean;
  /** The key itself reads as a secret (never for a real schema; looked at as `valuesHoldSecrets` does). */
  secret: boolean;
}

function strictObject(
  shape: z.core.$ZodShape,
  pending: readonly Pending[],
  scalars: { count: number },
): Walk | undefined {
  const fields = new Map<string, CompiledField>();
  for (const [order, key] of Object.keys(shape).entries()) {
    const fieldSchema = shape[key]!;
    const walk = compile(fieldSchema, key, below(pending, key), scalars);
    if (walk === undefined) return undefined;
    const optional = (fieldSchema as z.core.$ZodTypes)._zod.def.type === 'optional';
    fields.set(key, { key, order, walk, optional, secret: valueHoldsSecret(key, '') });
  }
  const inShapeOrder = [...fields.values()];
  const required = inShapeOrder.filter((entry) => !entry.optional).length;
  return (value, run) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return REFUSED;
    const record = value as Record<string, unknown>;
    let present = 0;
    let last = -1;
    let ordered = true;
    // The fields whose value zod would give back as a new object or list, by their order.
    let changed: unknown[] | undefined;
    for (const key in record) {
      const entry = fields.get(key);
      if (entry === undefined || entry.secret) return REFUSED;
      const item = record[key];
      const checked = entry.walk(item, run);
      if (checked === REFUSED) return REFUSED;
      if (checked !== item) (changed ??= [])[entry.order] = checked;
      if (entry.order < last) ordered = false;
      last = entry.order;
      if (!entry.optional) present++;
    }
    if (present !== required) return REFUSED;
    if (ordered && changed === undefined) return record;
    const rebuilt: Record<string, unknown> = {};
    for (const { key, order } of inShapeOrder) {
      if (Object.hasOwn(record, key)) rebuilt[key] = changed?.[order] ?? record[key];
    }
    return rebuilt;
  };
}

function discriminated(
  def: z.core.$ZodDiscriminatedUnionDef,
  field: string,
  pending: readonly Pending[],
  scalars: { count: number },
): Walk | undefined {
  if (def.unionFallback === true) return undefined;
  const options = new Map<unknown, Walk>();
  for (const option of def.options) {
    const walk = compile(option, field, pending, scalars);
    const values = (option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[
      def.discriminator
    ];
    if (walk === undefined || values === undefined) return undefined;
    for (const tag of values) {
      // Two options for one tag: zod's choice is not this one's to guess.
      if (options.has(tag) || tag === undefined) return undefined;
      options.set(tag, walk);
    }
  }
  return (value, run) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return REFUSED;
    const walk = options.get((value as Record<string, unknown>)[def.discriminator]);
    return walk === undefined ? REFUSED : walk(value, run);
  };
}

/**
 * A union of one string and one strict object (a phone number's carrier: a name, or its kind and name): told
 * apart by the value's own type, so each value has one option to walk, as zod would choose it.
 */
function textOrObject(
  options: readonly z.core.$ZodType[],
  field: string,
  pending: readonly Pending[],
  scalars: { count: number },
): Walk | undefined {
  if (options.length !== 2) return undefined;
  const types = options.map((option) => (option as z.core.$ZodTypes)._zod.def.type);
  const text = types.indexOf('string');
  const object = types.indexOf('object');
  if (text === -1 || object === -1) return undefined;
  const textWalk = compile(options[text]!, field, pending, scalars);
  const objectWalk = compile(options[object]!, field, pending, scalars);
  if (textWalk === undefined || objectWalk === undefined) return undefined;
  return (value, run) => {
    if (typeof value === 'string') return textWalk(value, run);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return REFUSED;
    return objectWalk(value, run);
  };
}

/** The checks zod runs on an object or a list once its parts passed, run by zod on the value itself. */
function withChecks(walk: Walk, checks: readonly z.core.$ZodCheck[]): Walk {
  if (checks.length === 0) return walk;
  const checker = z.unknown().check(...(checks as unknown as z.core.$ZodCheck<unknown>[]));
  return (value, run) => {
    const checked = walk(value, run);
    return checked === REFUSED || !checker.safeParse(checked).success ? REFUSED : checked;
  };
}
