// Test support: a local HTTP server on 127.0.0.1 that answers AWS API calls with faults, operation by operation.
//
//   const server = await startFaultServer((call) => (call.operation === 'GetCallerIdentity' ? callerIdentity() : { kind: 'silent' }));
//   ... scan with endpoint server.url ...
//   await server.stop();
//
// It recognises the operation of every protocol the scanner's clients speak: awsQuery (Action= in the form body:
// STS, IAM, SNS), awsJson (X-Amz-Target: Organizations, Budgets, Route 53 Domains, CloudWatch, BCM), restJson
// (Account: POST /getContactInformation) and restXml (Route 53: GET /2013-04-01/hostedzone).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface FaultCall {
  /** The operation, e.g. "GetCallerIdentity", "ListAccounts", "GetContactInformation". */
  operation: string;
  /** The SigV4 signing name of the service (iam, sts, organizations, account...), or "" when unsigned. */
  service: string;
  /** The request body as text (form fields, JSON). */
  body: string;
  /** How many calls of this operation came before this one. */
  index: number;
}

export type Fault =
  /** Accept the connection and never send a byte. */
  | { kind: 'silent' }
  /** Send a valid status line and headers slowly, then one byte of body every `intervalMs`, never ending. */
  | { kind: 'trickle'; intervalMs: number }
  /** HTTP 200 with an empty body. */
  | { kind: 'empty' }
  /** HTTP 200 with an HTML page (a captive portal, a proxy's error page). */
  | { kind: 'html' }
  /** HTTP 200 with bytes that are neither XML nor JSON. */
  | { kind: 'garbage' }
  /** Reset the connection (TCP RST) as soon as the request arrives. */
  | { kind: 'reset' }
  /** An AWS error in the operation's protocol: 403 AccessDenied, 500 InternalFailure, 400 Throttling. */
  | { kind: 'error'; status: number; code: string; message?: string }
  /** A given answer (status 200 unless said). */
  | { kind: 'answer'; body: string; contentType: string; status?: number };

export interface FaultServer {
  url: string;
  /** Every call received, in order. */
  calls: FaultCall[];
  /** Calls received per operation. */
  count(operation: string): number;
  /** Connections still open: a client that gave up on a call must close its connection too. */
  openConnections(): number;
  stop(): Promise<void>;
}

export type FaultRoute = (call: FaultCall) => Fault;

type Protocol = 'query' | 'json' | 'rest-json' | 'rest-xml';

export async function startFaultServer(route: FaultRoute): Promise<FaultServer> {
  const calls: FaultCall[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { operation, protocol } = recognise(request, body);
      const call: FaultCall = {
        operation,
        service: signingService(request),
        body,
        index: calls.filter((c) => c.operation === operation).length,
      };
      calls.push(call);
      respond(route(call), protocol, request, response, timers);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fault server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    count: (operation) => calls.filter((call) => call.operation === operation).length,
    openConnections: () => sockets.size,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

function recognise(request: IncomingMessage, body: string): { operation: string; protocol: Protocol } {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return { operation: target.split('.').pop() ?? target, protocol: 'json' };
  const action = new URLSearchParams(body).get('Action');
  if (action) return { operation: action, protocol: 'query' };
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path.startsWith('/2013-04-01/hostedzone'))
    return { operation: 'ListHostedZones', protocol: 'rest-xml' };
  // restJson operations by path: /getContactInformation → GetContactInformation.
  if (path.endsWith('/federation/credentials'))
    return { operation: 'GetRoleCredentials', protocol: 'rest-json' };
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return { operation: last.charAt(0).toUpperCase() + last.slice(1), protocol: 'rest-json' };
}

function signingService(request: IncomingMessage): string {
  const authorization = request.headers.authorization ?? '';
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1] ?? '';
}

function respond(
  fault: Fault,
  protocol: Protocol,
  request: IncomingMessage,
  response: ServerResponse,
  timers: Set<NodeJS.Timeout>,
): void {
  switch (fault.kind) {
    case 'silent':
      return;
    case 'reset':
      request.socket.resetAndDestroy();
      return;
    case 'trickle': {
      response.writeHead(200, {
        'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'text/xml',
      });
      response.flushHeaders();
      const timer = setInterval(() => {
        if (response.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
          return;
        }
        response.write(protocol === 'json' || protocol === 'rest-json' ? ' ' : '<');
      }, fault.intervalMs);
      timers.add(timer);
      return;
    }
    case 'empty':
      response.writeHead(200, { 'content-length': '0' }).end();
      return;
    case 'html':
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><html><head><title>Sign in</title></head><body><p>Welcome to the hotel network</p></body></html>',
        );
      return;
    case 'garbage':
      response
        .writeHead(200, { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'text/xml' })
        .end(Buffer.from([0x8b, 0x1f, 0x00, 0xff, 0x7b, 0x22, 0xfe, 0x3c, 0x00, 0x41]));
      return;
    case 'error':
      errorAnswer(fault, protocol, response);
      return;
    case 'answer':
      response.writeHead(fault.status ?? 200, { 'content-type': fault.contentType }).end(fault.body);
      return;
  }
}

function errorAnswer(
  fault: { status: number; code: string; message?: string },
  protocol: Protocol,
  response: ServerResponse,
): void {
  const message = fault.message ?? `${fault.code} (fault server)`;
  if (protocol === 'json' || protocol === 'rest-json') {
    response
      .writeHead(fault.status, { 'content-type': 'application/json', 'x-amzn-errortype': fault.code })
      .end(JSON.stringify({ __type: fault.code, message }));
    return;
  }
  response
    .writeHead(fault.status, { 'content-type': 'text/xml' })
    .end(
      `<ErrorResponse><Error><Type>Sender</Type><Code>${fault.code}</Code><Message>${message}</Message></Error>` +
        '<RequestId>fault-server</RequestId></ErrorResponse>',
    );
}

/** awsQuery's answer envelope: <OperationResponse><OperationResult>…</OperationResult></OperationResponse>. */
export function queryAnswer(operation: string, result: string): Fault {
  return {
    kind: 'answer',
    contentType: 'text/xml',
    body:
      `<${operation}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${operation}Result>${result}` +
      `</${operation}Result><ResponseMetadata><RequestId>fault-server</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

/** An awsJson or restJson answer. */
export function jsonAnswer(value: unknown): Fault {
  return { kind: 'answer', contentType: 'application/x-amz-json-1.1', body: JSON.stringify(value) };
}

/** GetCallerIdentity answered for `account`. */
export function callerIdentity(account = '123456789012'): Fault {
  return queryAnswer(
    'GetCallerIdentity',
    `<Arn>arn:aws:iam::${account}:user/scanner</Arn><UserId>AIDAFAULTSERVER</UserId><Account>${account}</Account>`,
  );
}

export function summaryMap(entries: Record<string, number>): string {
  return `<SummaryMap>${Object.entries(entries)
    .map(([key, value]) => `<entry><key>${key}</key><value>${value}</value></entry>`)
    .join('')}</SummaryMap>`;
}

/** Every call answered as AWS would for a small standalone account (`account`, in no Organization). */
export function wellAnswered(account = '123456789012'): FaultRoute {
  const report = [
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_2_active,access_key_2_last_rotated',
    `<root_account>,arn:aws:iam::${account}:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,false,N/A`,
  ].join('\n');
  return (call) => {
    switch (call.operation) {
      case 'GetCallerIdentity':
        return callerIdentity(account);
      case 'DescribeOrganization':
        return {
          kind: 'error',
          status: 400,
          code: 'AWSOrganizationsNotInUseException',
          message: 'Your account is not a member of an organization.',
        };
      case 'GetAccountSummary':
        return queryAnswer(
          'GetAccountSummary',
          summaryMap({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }),
        );
      case 'GenerateCredentialReport':
        return queryAnswer('GenerateCredentialReport', '<State>COMPLETE</State>');
      case 'GetCredentialReport':
        return queryAnswer(
          'GetCredentialReport',
          `<Content>${Buffer.from(report).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat>`,
        );
      case 'ListVirtualMFADevices':
        return queryAnswer('ListVirtualMFADevices', '<VirtualMFADevices/><IsTruncated>false</IsTruncated>');
      case 'ListUsers':
        return queryAnswer('ListUsers', '<Users/><IsTruncated>false</IsTruncated>');
      case 'ListRoles':
        return queryAnswer('ListRoles', '<Roles/><IsTruncated>false</IsTruncated>');
      case 'GetContactInformation':
        return jsonAnswer({
          ContactInformation: {
            FullName: 'Example Owner',
            AddressLine1: '410 Terry Ave N',
            City: 'Seattle',
            CountryCode: 'US',
            PostalCode: '98109',
            PhoneNumber: '+1 206 555 0100',
          },
        });
      case 'GetAlternateContact':
        return jsonAnswer({
          AlternateContact: {
            AlternateContactType: 'BILLING',
            EmailAddress: 'billing@example.org',
            Name: 'Billing',
            PhoneNumber: '+1 206 555 0101',
            Title: 'Accounts',
          },
        });
      case 'ListRecommendedActions':
        return jsonAnswer({ recommendedActions: [] });
      case 'ListDomains':
        return jsonAnswer({ Domains: [] });
      case 'ListHostedZones':
        return {
          kind: 'answer',
          contentType: 'text/xml',
          body:
            '<?xml version="1.0"?><ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">' +
            '<HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>',
        };
      case 'DescribeBudgets':
        return jsonAnswer({ Budgets: [] });
      case 'DescribeAlarms':
        return jsonAnswer({ MetricAlarms: [], CompositeAlarms: [] });
      default:
        return {
          kind: 'error',
          status: 400,
          code: 'InvalidAction',
          message: `not answered: ${call.operation}`,
        };
    }
  };
}
