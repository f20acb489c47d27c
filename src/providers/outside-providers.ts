/** The models of providers outside AWS, by the `provider` an outside account declares. */
import type { OutsideProvider } from '../model/inventory.js';
import type { OutsideAccountProvider } from '../recovery/provider.js';
import { googleProvider } from './google/recovery-graph.js';
import { googleWorkspaceProvider } from './google-workspace/recovery-graph.js';
import { microsoftEntraProvider, microsoftProvider } from './microsoft/recovery-graph.js';
import { otherProvider } from './other/recovery-graph.js';
// Issue 16: GitHub, registrars and password managers.
import { bitwardenProvider } from './bitwarden/recovery-graph.js';
import { githubOrganizationProvider, githubProvider } from './github/recovery-graph.js';
import { onePasswordProvider } from './1password/recovery-graph.js';
import { registrarProvider } from './registrar/recovery-graph.js';
// The Apple Account that syncs passkeys through iCloud Keychain (issue 16).
import { appleProvider } from './apple/recovery-graph.js';

export const outsideProviders: Readonly<Record<OutsideProvider, OutsideAccountProvider>> = {
  google: googleProvider,
  github: githubProvider,
  'github-organization': githubOrganizationProvider,
  registrar: registrarProvider,
  '1password': onePasswordProvider,
  bitwarden: bitwardenProvider,
  apple: appleProvider,
  other: otherProvider,
  // Identity providers (issue 16).
  'google-workspace': googleWorkspaceProvider,
  microsoft: microsoftProvider,
  'microsoft-entra': microsoftEntraProvider,
};
