/**
 * A read-only scan of a Google Workspace: its super administrators (Directory API users.list with
 * query isAdmin=true, paged) and, for each, whether 2-Step Verification is on (isEnrolledIn2Sv) and enforced
 * (isEnforcedIn2Sv). Credentials are google-auth-library's Application Default Credentials
 * (GOOGLE_APPLICATION_CREDENTIALS, gcloud's) with the read-only user scope; nothing is stored or printed.
 *
 * Sources (checked 2026-12-04, through the research notes' stored copies): users.list — customer, query,
 * pageToken/nextPageToken; scopes admin.directory.user, admin.directory.user.readonly — at
 * https://developers.google.cn/admin-sdk/directory/v1/reference/users/list.html (Google's page, served from
 * its .cn host; the developers.google.com copy was not among the stored pages); the User fields isAdmin
 * ("super administrator privileges"), isEnrolledIn2Sv and isEnforcedIn2Sv (read-only) as Google's discovery
 * document describes them, e.g. https://pub.dev/documentation/googleapis/latest/admin_directory_v1/User-class.html.
 */

import { admin, auth as googleAuth, type admin_directory_v1 } from '@googleapis/admin';
import {
  failedCall,
  onOff,
  seen,
  unknown,
  type OutsideCall,
  type OutsideFact,
  type OutsideScanFacts,
  type ScanRequestBounds,
  type SeenMember,
} from '../../outside/scan/facts.js';

export const directoryUserReadonlyScope = 'https://www.googleapis.com/auth/admin.directory.user.readonly';

export const googleWorkspaceCalls = {
  superAdmins: {
    call: 'GET /admin/directory/v1/users?customer=my_customer&query=isAdmin=true',
    scope: directoryUserReadonlyScope,
  },
} as const satisfies Record<string, OutsideCall>;

/** What the Directory client accepts as `auth`: ADC's GoogleAuth by default, a test's client otherwise. */
type DirectoryAuth = NonNullable<admin_directory_v1.Options['auth']>;

export interface GoogleWorkspaceScanOptions extends ScanRequestBounds {
  /** https://admin.googleapis.com/ by default; tests point it at 127.0.0.1. */
  rootUrl?: string | undefined;
  /** Default: Application Default Credentials with the read-only user scope. */
  auth?: DirectoryAuth | undefined;
  /** For a service account with domain-wide delegation: the admin it acts as. */
  subject?: string | undefined;
}

/** A service account's key, as its JSON file holds it (for credentials given in-process). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
}

/**
 * Application Default Credentials (or the key given) with the read-only user scope; with `subject`, a service
 * account with domain-wide delegation acts as that admin (google-auth-library's JWT `subject`), which the
 * Directory API needs of a service account. Builds the client only: nothing is asked of Google until a call.
 */
export function workspaceAuth(options: {
  subject?: string | undefined;
  credentials?: ServiceAccountKey | undefined;
}): InstanceType<typeof googleAuth.GoogleAuth> {
  return new googleAuth.GoogleAuth({
    scopes: [directoryUserReadonlyScope],
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.subject ? { clientOptions: { subject: options.subject } } : {}),
  });
}

export async function scanGoogleWorkspace(
  options: GoogleWorkspaceScanOptions = {},
): Promise<OutsideScanFacts> {
  const auth = options.auth ?? workspaceAuth({ subject: options.subject });
  const directory = admin({
    version: 'directory_v1',
    auth,
    ...(options.rootUrl ? { rootUrl: ensureSlash(options.rootUrl) } : {}),
    timeout: options.requestTimeoutMs ?? 30_000,
    // The retries below honour Retry-After; gaxios's own would not.
    retry: false,
  });
  const call = googleWorkspaceCalls.superAdmins;
  const retries = options.rateLimitRetries ?? 2;
  const baseMs = options.retryAfterBaseMs ?? 1000;

  let users: admin_directory_v1.Schema$User[] = [];
  let admins: OutsideFact<SeenMember[]>;
  let twoStepRequired: OutsideFact<'on' | 'off'>;
  try {
    let pageToken: string | undefined;
    do {
      const page = await withRetryAfter(retries, baseMs, () =>
        directory.users.list({
          customer: 'my_customer',
          query: 'isAdmin=true',
          maxResults: 500,
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      users = users.concat(page.data.users ?? []);
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    // The query is the filter, but an answer is read for what it says: only users marked super admin count.
    const superAdmins = users.filter(
      (user) => user.isAdmin === true && typeof user.primaryEmail === 'string',
    );
    if (superAdmins.length === 0) {
      // Every Workspace has a super admin: none listed means the caller cannot see them.
      const none = unknown(call, 'malformed-answer', 'no super admin listed: every Workspace has one');
      admins = none;
      twoStepRequired = none;
    } else {
      admins = seen(
        call,
        superAdmins.map((user): SeenMember => ({
          login: user.primaryEmail!,
          twoStepVerification: twoStep(call, user.isEnrolledIn2Sv, 'isEnrolledIn2Sv'),
        })),
      );
      const enforced = superAdmins.map((user) => onOff(user.isEnforcedIn2Sv));
      twoStepRequired = enforced.includes('off')
        ? seen(call, 'off')
        : enforced.includes('unknown')
          ? unknown(call, 'malformed-answer', 'a super admin without isEnforcedIn2Sv in the answer')
          : seen(call, 'on');
    }
  } catch (error) {
    const failure = failedCall(call, error);
    admins = failure;
    twoStepRequired = failure;
  }
  return {
    provider: 'google-workspace',
    memberProvider: 'google',
    login: 'my_customer',
    admins,
    twoStepRequired,
    calls: [call],
  };
}

function twoStep(
  call: OutsideCall,
  value: boolean | null | undefined,
  field: string,
): OutsideFact<'on' | 'off'> {
  const state = onOff(value);
  return state === 'unknown'
    ? unknown(call, 'malformed-answer', `the answer has no ${field}`)
    : seen(call, state);
}

function ensureSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Runs a request again after a 429 once its Retry-After has passed, up to `retries` times. */
async function withRetryAfter<T>(retries: number, baseMs: number, request: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const response = (error as { response?: { status?: number; headers?: unknown } }).response;
      if (response?.status !== 429 || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds(response.headers) * baseMs));
    }
  }
}

function retryAfterSeconds(headers: unknown): number {
  const raw =
    headers instanceof Headers
      ? headers.get('retry-after')
      : (headers as Record<string, string | undefined> | undefined)?.['retry-after'];
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) : 1;
}
