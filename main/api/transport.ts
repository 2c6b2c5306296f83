/**
 * One HTTP exchange over node:http(s). We use node:http rather than fetch because the client must know how far a
 * request got when the connection fails (not connected, partly written, fully sent: only the last can have been
 * carried out), needs separate connect and response timeouts, and streams uploads with progress without holding
 * the body in memory (Node 20's fetch keeps a streamed body alive until the response; ARCHITECTURE.md).
 */
import http from 'node:http';
import https from 'node:https';
import type { Writable } from 'node:stream';
import type { HttpMethod } from './operations';
import type { TransportFailure } from './errors';

export interface TransportBody {
  length: number;
  /** Writes the whole body (without ending the request), afresh for each attempt; rejects when it cannot. */
  writeTo: (destination: Writable) => Promise<void>;
}

export interface TransportRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer | TransportBody;
  connectTimeoutMs: number;
  /** The longest the connection may stay silent once connected: while sending, waiting, and reading. */
  responseTimeoutMs: number;
  signal?: AbortSignal;
}

export type TransportOutcome =
  | { ok: true; response: http.IncomingMessage; failureOf: () => TransportFailure | undefined }
  | { ok: false; failure: TransportFailure };

export interface Transport {
  send(request: TransportRequest): Promise<TransportOutcome>;
  close(): void;
}

/**
 * Reads keep connections alive; writes get a fresh connection each, so a reset can only come from the service
 * dropping this very request, never from a pooled socket it had already closed.
 */
export function createTransport(): Transport {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 8 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 8 }),
  };
  return {
    send: (request) => send(request, agents),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function send(request: TransportRequest, agents: { http: http.Agent; https: https.Agent }): Promise<TransportOutcome> {
  return new Promise((resolve) => {
    const secure = request.url.protocol === 'https:';
    const lib = secure ? https : http;
    const keepAlive = request.method === 'GET';
    const bodyLength = request.body?.length ?? 0;
    // A body-less GET says nothing about length; every other request states it, even when it is 0.
    const headers =
      request.body === undefined && request.method === 'GET'
        ? request.headers
        : { ...request.headers, 'content-length': String(bodyLength) };

    let connected = false;
    let written = false;
    let failure: TransportFailure | undefined;
    let settled = false;
    const phase = () => (!connected ? 'connect' : !written ? 'send' : 'response');

    const req = lib.request(request.url, {
      method: request.method,
      headers,
      agent: keepAlive ? (secure ? agents.https : agents.http) : false,
    });

    const cutOff = (kind: TransportFailure['kind'], message: string, bodyIncomplete = false) => {
      failure ??= { phase: phase(), kind, message, ...(bodyIncomplete ? { bodyIncomplete } : {}) };
      req.destroy(new Error(message));
    };
    const connectTimer = setTimeout(
      () => cutOff('timeout', `no connection within ${request.connectTimeoutMs} ms`),
      request.connectTimeoutMs,
    );
    const onAbort = () => cutOff('cancelled', 'cancelled by the caller');
    if (request.signal?.aborted) onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(connectTimer);
      request.signal?.removeEventListener('abort', onAbort);
    };

    const onConnected = () => {
      connected = true;
      clearTimeout(connectTimer);
      req.setTimeout(request.responseTimeoutMs, () =>
        cutOff('timeout', `no answer for ${request.responseTimeoutMs} ms`),
      );
    };
    req.on('socket', (socket) => {
      if (!socket.connecting) onConnected();
      else socket.once(secure ? 'secureConnect' : 'connect', onConnected);
    });
    req.on('finish', () => {
      written = true;
    });

    req.on('response', (response) => {
      written = true;
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbort);
      clearTimeout(connectTimer);
      // A failure while the body is read (timeout, reset) surfaces as a stream error; this says what it was.
      response.once('close', cleanup);
      resolve({ ok: true, response, failureOf: () => failure });
    });
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve({ ok: false, failure: failure ?? { phase: phase(), kind: 'network', message: describe(error) } });
    });

    if (request.body === undefined) {
      req.end();
    } else if (Buffer.isBuffer(request.body)) {
      req.end(request.body);
    } else {
      request.body.writeTo(req).then(
        () => {
          if (!req.destroyed) req.end();
        },
        (error: unknown) => cutOff('network', `reading the upload failed: ${describe(error)}`, true),
      );
    }
  });
}
