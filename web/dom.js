// Small DOM and wording helpers for the dashboard. Text always goes in as text nodes (never as HTML): labels
// come from the owner's inventory.
/* global document, Node, fetch */

/** Creates an element: props set attributes (class, text, dataset, on<event>), children are nodes or text. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** An SVG element with attributes and children. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') element.textContent = String(value);
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

/**
 * A deadline drawn across a chart: a vertical line at `at` from `top` to `bottom`, and its label above, anchored
 * at its end once it comes within `room` pixels of the chart's right edge `width`.
 */
export function deadlineMarker({ at, top, bottom, width, room, label, className }) {
  return [
    svg('line', { x1: at, x2: at, y1: top, y2: bottom, class: className }),
    svg('text', {
      x: at,
      y: 14,
      class: `${className}-label`,
      'text-anchor': at > width - room ? 'end' : 'middle',
      text: label,
    }),
  ];
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * The groups of `groupBy` in the order of the providers the server lists (AWS first, then each outside
 * provider as the inventory names them), whatever order the items came in; a provider not listed keeps its place
 * after those listed.
 */
export function inProviderOrder(groups, providers) {
  const listed = providers ?? [];
  const order = (id) => {
    const at = listed.findIndex((provider) => provider.id === id);
    return at < 0 ? listed.length : at;
  };
  return [...groups.entries()].sort(([a], [b]) => order(a) - order(b));
}

/** Items grouped by a key, each group in the items' order: one pass, where filtering per key would be quadratic. */
export function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A link only to documentation on the web; anything else becomes plain text. */
export function docsLink(url, text = 'docs') {
  return typeof url === 'string' && /^https:\/\//.test(url)
    ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text)
    : null;
}

/** Hours as the largest sensible unit: "15 min", "6 h", "9 days" (as the reports say it). */
export function formatHours(hours) {
  if (!Number.isFinite(hours)) return 'never';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = Math.round((hours / 24) * 10) / 10;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}

/** "about 9 days (4 days to 20 days)". */
export function formatRange(range) {
  if (!range || !Number.isFinite(range.typical)) return 'no way back';
  if (range.max === 0) return 'now';
  return `about ${formatHours(range.typical)} (${formatHours(range.min)} to ${formatHours(range.max)})`;
}

/** A day plus some hours, as YYYY-MM-DD. */
export function dayAfter(day, hours) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setTime(date.getTime() + hours * 3_600_000);
  return date.toISOString().slice(0, 10);
}

export class ApiError extends Error {}

/** Calls the dashboard's API (the token travels in the cookie set when the page was opened). */
export async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(
      response.status === 401
        ? 'The access token is missing or wrong: open the address lockout serve printed.'
        : (data.message ?? `${path}: HTTP ${response.status}`),
    );
  }
  return data;
}

/** The colour's words, shown beside every colour. */
export const colourWords = {
  red: 'Locked out for now',
  amber: 'One loss away',
  green: 'Holds',
};
