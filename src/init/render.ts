/**
 * Writes a starter inventory as YAML with the `yaml` library's Document API, so that what was seen is plain
 * values and every note is a real YAML comment at its place: above what it is about, or, for a question, inside
 * the map the answer belongs in, after its fields, with the line to write.
 */

import { Document, isCollection, type Node } from 'yaml';
import type { Inventory } from '../model/inventory.js';
import { QUESTION_MARK, wrap, type Note, type Starter } from './starter.js';

export function renderStarter(starter: Starter): string {
  const document = new Document(withoutEmptyLists(starter.inventory));
  document.commentBefore = starter.header
    .flatMap((line) => (line.startsWith(' ') ? [` ${line}`] : wrap(line, ' ', ' ')))
    .join('\n');
  const seen = new Set<string>();
  for (const note of starter.notes) {
    const key = JSON.stringify(note);
    if (seen.has(key)) continue;
    seen.add(key);
    const node = document.getIn(note.path, true) as Node | undefined;
    const text = noteText(note);
    if (note.path.length === 0 || node === undefined) {
      // Nothing to hang it on (a template without accounts): it goes at the end of the file.
      document.comment = append(document.comment, text);
    } else if (note.kind === 'question' && isCollection(node)) {
      node.comment = append(node.comment, text);
    } else {
      node.commentBefore = append(node.commentBefore, text);
    }
  }
  return document.toString({ lineWidth: 0 });
}

function noteText(note: Note): string {
  if (note.kind === 'about')
    return note.text
      .split('\n')
      .flatMap((line) => wrap(line, ' ', '   '))
      .join('\n');
  return [...wrap(note.ask, ` ${QUESTION_MARK} `, '   '), ...note.write.map((line) => ` ${line}`)].join('\n');
}

function append(existing: string | null | undefined, text: string): string {
  return existing ? `${existing}\n${text}` : text;
}

/** Factor lists left empty (a scan that found no domain) are left out of the file rather than written as []. */
function withoutEmptyLists(inventory: Inventory): Inventory {
  const factors = Object.fromEntries(
    Object.entries(inventory.factors ?? {}).filter(([, list]) => Array.isArray(list) && list.length > 0),
  );
  return {
    ...inventory,
    ...(Object.keys(factors).length > 0 || inventory.factors !== undefined ? { factors } : {}),
  };
}
