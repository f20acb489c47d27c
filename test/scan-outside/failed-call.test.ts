/**
 * The scanners' shared handling of a failed call: the HTTP status read wherever each client puts it (Octokit's
 * `status`, gaxios's `response.status`, the Graph client's `statusCode`), the fact unknown with the same
 * reason and one-line message from every provider, an undocumented answer unknown as malformed.
 */
import { describe, expect, it } from 'vitest';
import { githubCalls } from '../../src/providers/github/scan/scan.js';
import { failedCall, httpStatus, MalformedAnswer } from '../../src/providers/outside/scan/facts.js';

const call = githubCalls.owners;

describe('failedCall', () => {
  it('reads the status as Octokit, gaxios and the Graph client give it, and no status as none', () => {
    expect(httpStatus(Object.assign(new Error('Bad credentials'), { status: 401 }))).toBe(401);
    expect(httpStatus(Object.assign(new Error('Forbidden'), { response: { status: 403 } }))).toBe(403);
    expect(httpStatus(Object.assign(new Error('Too Many Requests'), { statusCode: 429 }))).toBe(429);
    // The Graph client says -1 when no answer came.
    expect(httpStatus(Object.assign(new Error('socket hang up'), { statusCode: -1 }))).toBeUndefined();
    expect(httpStatus('a string')).toBeUndefined();
  });

  it('makes the same unknown fact of the same refusal from every client', () => {
    const octokit = failedCall(call, Object.assign(new Error('Forbidden\nrequest: …'), { status: 403 }));
    const gaxios = failedCall(
      call,
      Object.assign(new Error('Forbidden\nrequest: …'), { response: { status: 403 } }),
    );
    const graph = failedCall(call, Object.assign(new Error('Forbidden\nrequest: …'), { statusCode: 403 }));
    expect(octokit).toEqual({
      status: 'unknown',
      reason: 'access-denied',
      action: call.call,
      message: 'HTTP 403: Forbidden',
      scope: call.scope,
    });
    expect(gaxios).toEqual(octokit);
    expect(graph).toEqual(octokit);
  });

  it('says an undocumented answer is malformed, and a reset connection is one', () => {
    expect(failedCall(call, new MalformedAnswer('the answer has no value list'))).toMatchObject({
      reason: 'malformed-answer',
      message: 'the answer has no value list',
    });
    expect(failedCall(call, new Error('read ECONNRESET'))).toMatchObject({ reason: 'connection-reset' });
  });
});
