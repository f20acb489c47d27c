/**
 * The page's static files: the dashboard's own scripts and styles from web/, and the browser builds of
 * cytoscape and cytoscape-dagre from the installed packages — never from a CDN. Only names of the plain
 * form `name.js` or `name.css` are served, so no path can climb out of the folder.
 */

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** web/ beside src/ (when run from the sources) or dist/ (when installed). */
export const defaultWebRoot = fileURLToPath(new URL('../../web/', import.meta.url));

const contentTypes = new Map<string, string>([
  ['js', 'text/javascript; charset=utf-8'],
  ['css', 'text/css; charset=utf-8'],
  ['svg', 'image/svg+xml'],
]);

export interface Asset {
  body: string;
  contentType: string;
}

const assetName = /^[a-z0-9][a-z0-9-]*\.(js|css|svg)$/;

/** A file of the web folder by its plain name, or undefined when there is none. */
export async function webAsset(root: string, name: string): Promise<Asset | undefined> {
  const match = assetName.exec(name);
  if (!match) return undefined;
  try {
    return { body: await readFile(join(root, name), 'utf8'), contentType: contentTypes.get(match[1]!)! };
  } catch {
    return undefined;
  }
}

const require = createRequire(import.meta.url);

/**
 * The browser builds the page loads, by the name the page asks for. A Map, not an object literal: the name
 * comes from the request, and `constructor` or `__proto__` must not find Object's own properties.
 */
const vendorModules = new Map<string, () => string>([
  // The UMD build defines window.cytoscape.
  ['cytoscape.js', () => require.resolve('cytoscape/dist/cytoscape.min.js')],
  // The UMD build bundles dagre and registers itself with window.cytoscape.
  ['cytoscape-dagre.js', () => require.resolve('cytoscape-dagre')],
]);

const vendorCache = new Map<string, Asset>();

export async function vendorAsset(name: string): Promise<Asset | undefined> {
  const known = vendorCache.get(name);
  if (known) return known;
  const locate = vendorModules.get(name);
  if (!locate) return undefined;
  const asset = { body: await readFile(locate(), 'utf8'), contentType: contentTypes.get('js')! };
  vendorCache.set(name, asset);
  return asset;
}
