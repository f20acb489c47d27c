/**
 * `lockout serve`: the dashboard on 127.0.0.1 only, behind an access token printed as part of its address.
 * Loads the inventory, serves the page and its API until closed, and loads the inventory again whenever the
 * file changes (the page follows; a mistake in the file keeps the last good version on screen).
 */

import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../server/app.js';
import { newToken } from '../server/auth.js';
import { LiveDashboard, type DashboardStatus } from '../server/dashboard.js';
import { UserError } from './errors.js';
import { parseDay } from './inventory-input.js';
import type { ExampleName } from './options.js';

export interface ServeOptions {
  /** The inventory file (default: ./lockout.yaml unless an example is named). */
  inventory?: string;
  example?: ExampleName;
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
  const wanted = options.port ?? 0;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > MAX_PORT) {
    throw new UserError(`--port ${wanted}: expected a port from 0 to ${MAX_PORT} (0: a free one)`);
  }
  const deadline = options.deadline === undefined ? undefined : parseDay(options.deadline, '--deadline');
  const asOf = options.asOf === undefined ? undefined : parseDay(options.asOf, '--as-of');
  const data = await LiveDashboard.load({
    inventory: options.inventory,
    example: options.example,
    asOf,
    deadline,
  });
  const token = newToken();
  const allowedHosts: string[] = [];
  const app = createApp({ data, token, store: options.store, allowedHosts });

  const server = await listen(app.fetch, wanted);
  const port = (server.address() as AddressInfo).port;
  // Only now is the port known; the Host check uses the list the app holds.
  allowedHosts.push(`${HOST}:${port}`, `localhost:${port}`);
  // Watched only once the server is up: a watcher left by a failed start would keep the process alive.
  data.watch(options.onReload, (error) => {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(
      `lockout: internal error loading the inventory again — please report it with the command you ran:\n${stack}\n` +
        'The dashboard keeps the last good version and tries again on the next save.',
    );
  });
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

const MAX_PORT = 65_535;

/** Listens on 127.0.0.1; a port that is taken or not ours to use is the user's mistake, said in one line. */
async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
): Promise<ServerType> {
  try {
    return await new Promise<ServerType>((resolve, reject) => {
      const started = serve({ fetch, hostname: HOST, port }, () => {
        resolve(started);
      });
      started.once('error', reject);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    const other = await freePortAfter(port);
    const instead = other === undefined ? '--port 0' : `--port ${other} or 0`;
    throw new UserError(
      code === 'EADDRINUSE'
        ? `port ${port} is in use; try ${instead}`
        : `port ${port} needs privileges this user does not have; try ${instead}`,
    );
  }
}

/** The first of the next few ports that 127.0.0.1 can listen on now, for the message; undefined if none. */
async function freePortAfter(port: number): Promise<number | undefined> {
  const first = Math.max(port + 1, 1024);
  for (let candidate = first; candidate < first + 20 && candidate <= MAX_PORT; candidate += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => {
        resolve(false);
      });
      probe.listen(candidate, HOST, () => {
        probe.close(() => {
          resolve(true);
        });
      });
    });
    if (free) return candidate;
  }
  return undefined;
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
