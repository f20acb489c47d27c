/** The models of providers outside AWS, by the `provider` an outside account declares. */
import type { OutsideProvider } from '../model/inventory.js';
import type { OutsideAccountProvider } from '../recovery/provider.js';
import { googleProvider } from './google/recovery-graph.js';
import { otherProvider } from './other/recovery-graph.js';

export const outsideProviders: Readonly<Record<OutsideProvider, OutsideAccountProvider>> = {
  google: googleProvider,
  other: otherProvider,
};
