/**
 * Where the scan database lives when no path is given: `$LOCKOUT_HOME/lockout.db`, else
 * `$XDG_DATA_HOME/lockout/lockout.db`, else `~/.local/share/lockout/lockout.db` (the XDG default).
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const storeFileName = 'lockout.db';

/** The default database path for an environment and a home folder (both injectable for tests). */
export function defaultStorePath(
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  // Empty variables count as unset, as the XDG specification asks.
  const lockoutHome = env.LOCKOUT_HOME;
  if (lockoutHome !== undefined && lockoutHome !== '') return join(lockoutHome, storeFileName);
  const dataHome = env.XDG_DATA_HOME;
  // The XDG specification says relative paths are invalid and must be ignored.
  if (dataHome !== undefined && isAbsolute(dataHome)) return join(dataHome, 'lockout', storeFileName);
  return join(home, '.local', 'share', 'lockout', storeFileName);
}
