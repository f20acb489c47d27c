/** The scan store: every scan saved in SQLite, the history, and the drift between two scans. */
export { checkStorePath, openStore, storeToRead, type Store } from './database.js';
export { defaultStorePath, storeFileName } from './location.js';
export { migrate, migrations, schemaVersion, type Migration } from './migrations.js';
export {
  saveScan,
  saveOutsideScan,
  listScans,
  loadScan,
  latestScans,
  type OutsideRunRecord,
  type SaveOptions,
  type ScanSummary,
  type StoredScan,
} from './scans.js';
export { findCredentials, type CredentialKind, type CredentialMatch } from './credentials.js';
export { maskPhone } from './phone.js';
export {
  diffScans,
  changeKinds,
  paymentWarnings,
  type Change,
  type ChangeKind,
  type DiffOptions,
} from './drift.js';
export { formatHistory, formatDiff } from './format.js';
export { StoreError, type StoreErrorCode } from './errors.js';
