// What most watch tests set up around each test: a temporary folder, a SQLite store in it, and a signed
// webhook receiver on 127.0.0.1; with `opsWebhookEnv`, the channel `--webhook ops` points at the receiver
// through the environment, as a user would set it. Everything is made before each test and removed after.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { startReceiver, type Receiver } from './receiver.js';

export interface WatchSandbox {
  /** The test's temporary folder. */
  readonly dir: string;
  /** The path of the store's file in it (`--store`). */
  readonly storeFile: string;
  /** The store, opened on `storeFile` when the sandbox was asked to open it. */
  readonly store: Store;
  readonly receiver: Receiver;
  /** The path `writeInventory` writes. */
  readonly inventoryFile: string;
  /** Writes `lockout.yaml` in the folder and returns its path. */
  writeInventory(text: string): string;
  /** A new receiver on the closed one's port: the endpoint is back. */
  reopenReceiver(): Promise<void>;
}

export function useWatchSandbox(
  prefix: string,
  key: string,
  options: { openStore?: boolean; opsWebhookEnv?: boolean } = {},
): WatchSandbox {
  let current: { dir: string; store: Store | undefined; receiver: Receiver } | undefined;
  const now = () => {
    if (!current) throw new Error('the watch sandbox exists only inside a test');
    return current;
  };

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const store = options.openStore ? openStore(join(dir, 'lockout.db')) : undefined;
    const receiver = await startReceiver(key);
    current = { dir, store, receiver };
    if (options.opsWebhookEnv) {
      process.env.LOCKOUT_WEBHOOK_OPS_URL = receiver.url;
      process.env.LOCKOUT_WEBHOOK_OPS_KEY = key;
    }
  });

  afterEach(async () => {
    const { dir, store, receiver } = now();
    if (options.opsWebhookEnv) {
      delete process.env.LOCKOUT_WEBHOOK_OPS_URL;
      delete process.env.LOCKOUT_WEBHOOK_OPS_KEY;
    }
    store?.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
    current = undefined;
  });

  return {
    get dir() {
      return now().dir;
    },
    get storeFile() {
      return join(now().dir, 'lockout.db');
    },
    get store() {
      const { store } = now();
      if (!store) throw new Error('this watch sandbox was made without opening its store');
      return store;
    },
    get receiver() {
      return now().receiver;
    },
    get inventoryFile() {
      return join(now().dir, 'lockout.yaml');
    },
    writeInventory(text) {
      const file = join(now().dir, 'lockout.yaml');
      writeFileSync(file, text);
      return file;
    },
    async reopenReceiver() {
      const state = now();
      state.receiver = await startReceiver(key, Number(new URL(state.receiver.url).port));
    },
  };
}
