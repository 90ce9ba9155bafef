// The room's guards: headers every answer carries, the Origin and Host checks on writes, and
// a per-seat rate limit. Pages load only the package's own script and style (no CDN), and
// the policy forbids everything else, inline script included.

import type { IncomingMessage, ServerResponse } from "node:http";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Largest request body a seat may send. */
export const MAX_BODY_BYTES = 16 * 1024;

export function secureHeaders(res: ServerResponse): void {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  // The token is in the path: never send it on as a referrer.
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost";
}

/**
 * Whether a write comes from the room's own pages: its Origin is this server as the Host
 * header names it, and on a loopback server that Host is a loopback name (so a page of
 * another site cannot reach it by DNS rebinding).
 */
export function sameOrigin(req: IncomingMessage, port: number, loopback: boolean): boolean {
  const host = req.headers.host;
  const origin = req.headers.origin;
  if (!host || !origin) return false;
  let hostname: string;
  let hostPort: string;
  try {
    const url = new URL(`http://${host}`);
    hostname = url.hostname;
    hostPort = url.port || "80";
  } catch {
    return false;
  }
  if (hostPort !== String(port)) return false;
  if (loopback && !LOOPBACK_NAMES.has(hostname)) return false;
  return origin === `http://${host}`;
}

/** A token bucket per seat: `burst` posts at once, then `perSecond`. */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  take(key: string, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = nowMs;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }
}
