/**
 * An AWS SDK error as the scan says it: one clean line (the SDK's deserialisation failures carry the raw
 * answer and a note about a hidden field over many lines), and whether it means AWS could not be reached at
 * all — a refused connection or an unknown host is not a credentials problem.
 */

/** Node's codes for an endpoint that cannot be reached, in words. */
const unreachableCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
};

/** Why AWS could not be reached, in a few words, or undefined when it answered (even with an error). */
export function unreachable(error: unknown): string | undefined {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code in unreachableCodes) return unreachableCodes[code];
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/** An SDK error in one line of at most 300 characters: its name and the first line of what it says. */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
  const status = (error as { $response?: { statusCode?: number } }).$response?.statusCode;
  if (/Deserialization error/i.test(error.message)) {
    // The SDK puts the answer's raw body in the message: say what it was, not what it said.
    const page = /<!doctype|<html/i.test(error.message) ? 'an HTML page' : 'a body';
    return `the endpoint answered${status === undefined ? '' : ` HTTP ${status} with`} ${page} that is not the API's`;
  }
  return oneLine(`${error.name}: ${error.message}`);
}

function oneLine(text: string): string {
  const line = text.split('\n')[0]!.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
