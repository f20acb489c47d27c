// Test support shared by the scan builders of the check tests (test/checks/scan-fixtures.ts) and the store tests
// (test/store/scan-builder.ts): facts seen with the IAM action they came from, or unknown with the reason.
import type { SeenFact, UnknownFact, UnknownReason } from '../../src/providers/aws/scan/facts.js';

export function seen<T>(value: T, action: string): SeenFact<T> {
  return { status: 'seen', value, action };
}

export function unknownFact(reason: UnknownReason, action: string, message: string): UnknownFact {
  return { status: 'unknown', reason, action, message };
}
