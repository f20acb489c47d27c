/**
 * The store as a dry run of `lockout watch` reads it: identified first like any store (another application's
 * file is refused), then opened read-only, so neither the schema nor a WAL file is created. A store whose
 * schema predates the watch tables holds no rounds: it reads as absent.
 */
import Sqlite from 'better-sqlite3';
import { checkStorePath, withStoreErrors, type Store } from './database.js';
import { currentVersion, schemaVersion } from './migrations.js';
import { StoreError } from './errors.js';

/** The first schema version with the watch tables (migration 2). */
const watchSchemaVersion = 2;

export function openStoreReadOnly(path: string): Store | undefined {
  checkStorePath(path);
  return withStoreErrors(path, () => {
    const db = new Sqlite(path, { readonly: true, fileMustExist: true });
    const version = currentVersion(db);
    if (version > schemaVersion) {
      db.close();
      throw new StoreError(
        'newer-schema',
        `${path}: the database has schema version ${version}, newer than this Lockout knows (${schemaVersion})`,
        'Upgrade Lockout, or point LOCKOUT_HOME at another folder to start a new history.',
      );
    }
    if (version < watchSchemaVersion) {
      db.close();
      return undefined;
    }
    return {
      path,
      db,
      close: () => {
        db.close();
      },
    };
  });
}
