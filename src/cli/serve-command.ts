/**
 * `lockout serve`: the dashboard on 127.0.0.1 only, behind an access token printed as part of its address.
 * Loads the inventory, serves the page and its API until closed, and loads the inventory again whenever the
 * file changes (the page follows; a mistake in the file keeps the last good version on screen).
 */

import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../server/app.js';
import { newToken } from '../server/auth.js';
import { LiveDashboard, type DashboardStatus } from '../server/dashboard.js';
import { parseDay } from './inventory-input.js';

export interface ServeOptions {
  /** The inventory file (default: ./lockout.yaml unless an example is named). */
  inventory?: string;
  example?: 'incident' | 'small-team';
  /** Port on 127.0.0.1; 0 or absent: a free port. */
  port?: number;
  /** The scan database for the history (default: the documented location). */
  store?: string;
  deadline?: string;
  asOf?: string;
  /** Open the address in the default browser. */
  open?: boolean;
  /** Told after each load that follows a change of the file (the terminal says what happened). */
  onReload?: ((status: DashboardStatus) => void) | undefined;
}

export interface ServeHandle {
  /** The address to open, token included. */
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Never anything but the loopback interface: the dashboard shows what could lock the owner out. */
const HOST = '127.0.0.1';

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const deadline = options.deadline === undefined ? undefined : parseDay(options.deadline, '--deadline');
  const asOf = options.asOf === undefined ? undefined : parseDay(options.asOf, '--as-of');
  const data = await LiveDashboard.load({
    inventory: options.inventory,
    example: options.example,
    asOf,
    deadline,
  });
  data.watch(options.onReload, (error) => {
    console.error(error);
  });
  const token = newToken();
  const allowedHosts: string[] = [];
  const app = createApp({ data, token, store: options.store, allowedHosts });

  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: HOST, port: options.port ?? 0 }, () => {
      resolve(started);
    });
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  // Only now is the port known; the Host check uses the list the app holds.
  allowedHosts.push(`${HOST}:${port}`, `localhost:${port}`);
  const url = `http://${HOST}:${port}/?token=${token}`;
  if (options.open) openInBrowser(url);

  return {
    url,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        data.close();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the address is printed anyway.
  }
}
