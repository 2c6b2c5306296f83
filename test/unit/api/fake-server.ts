/**
 * A tiny scripted HTTP server on 127.0.0.1 for client tests: each request is recorded (with its whole body) and
 * answered by the test's handler, which can also misbehave (never answer, cut the connection, send HTML).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../main/api/retry';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type FakeHandler = (request: RecordedRequest, response: http.ServerResponse) => void | Promise<void>;

export interface FakeServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Requests whose path is `path`, in order. */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    // No Date header unless the test writes one: the client measures the service's clock from it, and a test's
    // clock is not the wall clock Node would stamp.
    res.sendDate = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.url.pathname === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

export function sendError(response: http.ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): void {
  sendJson(response, status, { success: false, reason, statusCode: status, error: http.STATUS_CODES[status], message: reason }, headers);
}

/** A clock whose sleeps return at once and are recorded; time moves only by those sleeps and `advance`. */
export function fakeClock(start = Date.UTC(2025, 0, 1), randomValue = 0.5): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => randomValue,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      return true;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
