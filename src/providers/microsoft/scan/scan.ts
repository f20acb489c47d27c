/**
 * A read-only scan of a Microsoft Entra tenant: the members of the Global Administrator role and, for each,
 * whether multifactor authentication is registered and with which methods, through the Microsoft Graph client
 * (whose retry handler waits out a Retry-After). Credentials come from @azure/identity's
 * DefaultAzureCredential (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, a managed identity, the Azure
 * CLI); the token is never stored or printed.
 *
 * Sources (checked 2026-12-04): https://learn.microsoft.com/graph/api/directoryrole-list-members
 * (RoleManagement.Read.Directory least privileged; GET /directoryRoles(roleTemplateId='{id}')/members);
 * https://learn.microsoft.com/graph/api/authenticationmethodsroot-list-userregistrationdetails
 * (address derived from microsoftgraph/microsoft-graph-docs-contrib's path; the permission table checked on
 * https://learn.microsoft.com/en-us/graph/api/userregistrationdetails-get)
 * (AuditLog.Read.All; isMfaRegistered, methodsRegistered; an Entra ID P1 or P2 licence is required, per
 * https://learn.microsoft.com/graph/api/resources/authenticationmethods-usage-insights-overview).
 */

import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import {
  failedCall,
  MalformedAnswer,
  seen,
  unknown,
  type OutsideCall,
  type OutsideFact,
  type OutsideScanFacts,
  type ScanRequestBounds,
  type SeenMember,
} from '../../outside/scan/facts.js';

/** The Global Administrator role's template id, the same in every tenant. */
export const globalAdministratorTemplateId = '62e90394-69f5-4237-9190-012177145e10';

export const graphCalls = {
  globalAdmins: {
    call: `GET /directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members`,
    scope: 'RoleManagement.Read.Directory',
  },
  registration: {
    call: 'GET /reports/authenticationMethods/userRegistrationDetails',
    scope: 'AuditLog.Read.All (and an Entra ID P1 or P2 licence)',
  },
} as const satisfies Record<string, OutsideCall>;

/**
 * Graph's methodsRegistered values whose second step the inventory names without doubt; the others (e-mail
 * and security questions serve password reset only, Windows Hello is a device sign-in) are kept as Graph says.
 */
const methodTypes: Record<string, string[]> = {
  microsoftAuthenticatorPush: ['prompt'],
  softwareOneTimePasscode: ['authenticator'],
  fido2SecurityKey: ['security-key'],
  passKeyDeviceBound: ['passkey'],
  passKeyDeviceBoundAuthenticator: ['passkey'],
  // A mobile phone method answers by text or by call.
  mobilePhone: ['sms', 'voice'],
};

/** Graph's methodsRegistered as the inventory's second-step types, where the mapping is clear. */
export function secondFactorTypesOf(methods: readonly string[]): string[] {
  return [...new Set(methods.flatMap((method) => methodTypes[method] ?? []))];
}

export interface EntraScanOptions {
  /** https://graph.microsoft.com by default; tests point it at 127.0.0.1. */
  baseUrl?: string | undefined;
  /** Returns a bearer token for Graph; default DefaultAzureCredential's for https://graph.microsoft.com/.default. */
  token?: (() => Promise<string>) | undefined;
  requestTimeoutMs?: ScanRequestBounds['requestTimeoutMs'];
}

interface DirectoryObject {
  '@odata.type'?: string;
  id?: string;
  userPrincipalName?: string | null;
}

interface RegistrationDetails {
  userPrincipalName?: string;
  isMfaRegistered?: boolean | null;
  methodsRegistered?: string[] | null;
}

export async function scanEntra(options: EntraScanOptions = {}): Promise<OutsideScanFacts> {
  const baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  const token = options.token ?? (await defaultToken());
  // One token for the scan's few calls; a failure to get one makes every fact unknown below.
  let bearer: string | undefined;
  let tokenError: unknown;
  try {
    bearer = await token();
  } catch (error) {
    tokenError = error;
  }
  // Graph's own chain sends the token only to https Graph hosts; this one sends it to the base the scan was
  // given (Graph itself unless --graph-api-url), keeps the retry handler that waits out Retry-After, and
  // follows no redirect, so the token goes nowhere else.
  const retry = new RetryHandler(new RetryHandlerOptions(1, 2));
  const bearerMiddleware = bearerToken(() => bearer);
  retry.setNext(bearerMiddleware);
  bearerMiddleware.setNext(new HTTPMessageHandler());
  const client = Client.initWithMiddleware({ baseUrl, defaultVersion: 'v1.0', middleware: retry });
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const getAll = async <T>(path: string): Promise<T[]> => {
    const items: T[] = [];
    for (let next: string | undefined = path; next;) {
      // An empty body parses to undefined: that is not an answer.
      if (bearer === undefined) throw tokenError;
      const page = (await client.api(next).option('signal', AbortSignal.timeout(timeoutMs)).get()) as
        { value?: T[]; '@odata.nextLink'?: string } | undefined;
      if (!Array.isArray(page?.value)) throw new MalformedAnswer('the answer has no value list');
      items.push(...page.value);
      const link = page['@odata.nextLink'];
      // The client reads an absolute https link itself; a link under the base given here is made relative.
      next = link?.startsWith(`${baseUrl}/v1.0/`) ? link.slice(`${baseUrl}/v1.0`.length) : link;
    }
    return items;
  };

  let registration: OutsideFact<Map<string, RegistrationDetails>>;
  try {
    const details = await getAll<RegistrationDetails>(
      `/reports/authenticationMethods/userRegistrationDetails?$filter=isAdmin eq true`,
    );
    registration = seen(
      graphCalls.registration,
      new Map(
        details.flatMap((row) => (row.userPrincipalName ? [[row.userPrincipalName.toLowerCase(), row]] : [])),
      ),
    );
  } catch (error) {
    registration = failedCall(graphCalls.registration, error);
  }

  let admins: OutsideFact<SeenMember[]>;
  try {
    const members = await getAll<DirectoryObject>(
      `/directoryRoles(roleTemplateId='${globalAdministratorTemplateId}')/members`,
    );
    // Service principals can hold the role too; only users sign in with a second step.
    const users = members.filter((member) => typeof member.userPrincipalName === 'string');
    // Without the right to read users, Graph returns them "with limited information" (no userPrincipalName).
    const limited = members.some(
      (member) =>
        member['@odata.type'] === '#microsoft.graph.user' && typeof member.userPrincipalName !== 'string',
    );
    admins = limited
      ? unknown(
          graphCalls.globalAdmins,
          'access-denied',
          'users returned with limited information (no userPrincipalName): the permission to read them is missing',
        )
      : users.length === 0
        ? unknown(
            graphCalls.globalAdmins,
            'malformed-answer',
            'no Global Administrator listed: a tenant keeps at least one, so the caller cannot see them',
          )
        : seen(
            graphCalls.globalAdmins,
            users.map((user) => memberOf(user.userPrincipalName!, registration)),
          );
  } catch (error) {
    admins = failedCall(graphCalls.globalAdmins, error);
  }
  return {
    provider: 'microsoft-entra',
    memberProvider: 'microsoft',
    login: process.env.AZURE_TENANT_ID ?? '(tenant of the credentials)',
    admins,
    calls: [graphCalls.registration, graphCalls.globalAdmins],
  };
}

function memberOf(login: string, registration: OutsideFact<Map<string, RegistrationDetails>>): SeenMember {
  if (registration.status !== 'seen') {
    return { login, twoStepVerification: registration, secondFactorTypes: registration };
  }
  const row = registration.value.get(login.toLowerCase());
  const call = graphCalls.registration;
  if (!row) {
    // The report lists every admin; one missing from it is not "no second step".
    const missing = unknown(call, 'malformed-answer', `${login} is not in the registration report`);
    return { login, twoStepVerification: missing, secondFactorTypes: missing };
  }
  return {
    login,
    twoStepVerification:
      typeof row.isMfaRegistered === 'boolean'
        ? seen(call, row.isMfaRegistered ? 'on' : 'off')
        : unknown(call, 'malformed-answer', 'the answer has no isMfaRegistered'),
    secondFactorTypes: Array.isArray(row.methodsRegistered)
      ? seen(call, secondFactorTypesOf(row.methodsRegistered))
      : unknown(call, 'malformed-answer', 'the answer has no methodsRegistered'),
  };
}

/** Adds the bearer token to every request of the chain, and refuses anything but GET before it is sent. */
export function bearerToken(
  token: () => string | undefined,
): Middleware & { setNext: (next: Middleware) => void } {
  let next: Middleware | undefined;
  return {
    async execute(context: Context) {
      const method = context.options?.method ?? 'GET';
      if (method !== 'GET') throw new Error(`refused ${method}: the scan only reads`);
      const headers = new Headers(context.options?.headers);
      const value = token();
      if (value !== undefined) headers.set('Authorization', `Bearer ${value}`);
      context.options = { ...context.options, headers };
      await next?.execute(context);
    },
    setNext(middleware: Middleware) {
      next = middleware;
    },
  };
}

/** DefaultAzureCredential, loaded only when no token function is given (tests give one). */
async function defaultToken(): Promise<() => Promise<string>> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const credential = new DefaultAzureCredential();
  return async () => {
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    return token.token;
  };
}
