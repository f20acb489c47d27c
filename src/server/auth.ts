/**
 * Who may read the dashboard: whoever has the access token printed at start, presented as a bearer token or
 * as the cookie set when the page is opened with `?token=`. Also refuses requests whose Host is not the
 * server's own, so a web page that rebinds its name to 127.0.0.1 cannot talk to it.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** A fresh access token: 32 random bytes, hex. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Cookies are shared by every port of a host: the name carries the port so two dashboards do not clash. */
export function tokenCookieName(url: string): string {
  const port = new URL(url).port;
  return `lockout-token${port ? `-${port}` : ''}`;
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token the request carries, from the Authorization header or the cookie. */
export function presentedToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  return bearer ?? getCookie(c, tokenCookieName(c.req.url));
}

export function isAuthorized(c: Context, token: string): boolean {
  return sameToken(presentedToken(c), token);
}

/** Sets the token cookie: HTTP only, this site only, for the whole dashboard. */
export function rememberToken(c: Context, token: string): void {
  setCookie(c, tokenCookieName(c.req.url), token, { httpOnly: true, sameSite: 'Strict', path: '/' });
}

/** 401 for API requests without the token. */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    if (!isAuthorized(c, token)) {
      return c.json(
        { error: 'unauthorized', message: 'open the address `lockout serve` printed: it carries the token' },
        401,
        { 'WWW-Authenticate': 'Bearer realm="lockout"' },
      );
    }
    await next();
  };
}

/**
 * 403 for a Host header that is not one of ours (DNS rebinding); any host while the list is empty. The list
 * is read at each request: the server fills it once it knows its port.
 */
export function requireHost(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    if (allowed.length > 0 && !allowed.some((each) => each.toLowerCase() === host)) {
      return c.text('This dashboard only answers at the address it printed.', 403);
    }
    await next();
  };
}
