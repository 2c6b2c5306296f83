/**
 * The client against a scripted server on 127.0.0.1: what it sends, and what the caller gets back for each fault
 * (4xx, 429 in both Retry-After forms, 5xx, timeouts, resets, malformed or mistyped answers, HTML pages).
 */
import { mkdtemp, rm, writeFile, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, type Authenticator } from '../../../main/api/client';
import { ok } from '../../../common/result';
import { fakeClock, sendError, sendJson, startFakeServer, type FakeHandler, type FakeServer } from './fake-server';

const TOKEN = 'eyJ.token.sig';
const staticToken: Authenticator = {
  currentToken: async () => ok(TOKEN),
  renewAfterRejection: async () => ok(TOKEN),
};

const customer = {
  _id: '4762e0fe-1780-bac2-dccf-b03fc9409a1d',
  name: 'John Smith',
  phone: '145044111206',
  country: 'US',
  created: '2020-07-01T13:22:05.409Z',
};

let server: FakeServer | undefined;
let client: ApiClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function setup(handler: FakeHandler, options: { responseTimeoutMs?: number; maxAttempts?: number } = {}) {
  server = await startFakeServer(handler);
  const clock = fakeClock();
  client = new ApiClient({
    baseUrl: server.baseUrl,
    authenticator: staticToken,
    clock,
    responseTimeoutMs: options.responseTimeoutMs ?? 5_000,
    retry: { maxAttempts: options.maxAttempts ?? 4 },
  });
  return { server, client, clock };
}

describe('requests', () => {
  it('sends the raw token, path parameters, query and JSON body as the reference shows', async () => {
    const { server, client } = await setup((_request, response) => sendJson(response, 200, { message_id: 'm1' }));
    const result = await client.call('whatsapp.send', {
      path: { agent_id: 'agent/1' },
      body: { customerNumber: '145044111206', payload: { type: 'TEXT', text: 'Hello world' } },
    });
    expect(result).toEqual({ ok: true, value: { message_id: 'm1' } });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/api/agents/whatsapp/agent%2F1/send');
    expect(request?.headers.authorization).toBe(TOKEN);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body.toString() ?? '')).toEqual({
      customerNumber: '145044111206',
      payload: { type: 'TEXT', text: 'Hello world' },
    });
  });

  it('writes numbers as query values and an array as one pair per item', async () => {
    const { server, client } = await setup((_request, response) => sendJson(response, 200, {}));
    await client.call('customers.list', { query: { limit: 2, offset: 10, order: '-1', sort: 'last_message_time' } });
    await client.call('media.delete', { query: { media_ids: ['a', 'b'] } });
    expect(server.requests[0]?.url.search).toBe('?offset=10&limit=2&sort=last_message_time&order=-1');
    expect(server.requests[1]?.url.searchParams.getAll('media_ids')).toEqual(['a', 'b']);
  });

  it('refuses input that breaks the operation schema before anything is sent, naming the field', async () => {
    const { server, client } = await setup((_request, response) => sendJson(response, 200, {}));
    const result = await client.call('sms.send', {
      path: { agent_id: 'a1' },
      // @ts-expect-error an SMS agent takes text only; the runtime check must catch what the types would
      body: { customerNumber: '1450', payload: { type: 'IMAGE', text: 'x' } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.field).toBe('payload.type');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('parses a good answer whole and keeps fields the reference does not list', async () => {
    const { client } = await setup((_request, response) =>
      sendJson(response, 200, { customers: [{ ...customer, vip: true }], total: 1, offset: 0, limit: 50 }),
    );
    const result = await client.call('customers.list');
    expect(result.ok && result.value.customers[0]).toEqual({ ...customer, vip: true });
  });

  it('answers a 204 as success with no value', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    expect(await client.call('customers.update', { path: { customer_id: 'c1' }, body: { name: 'Ann' } })).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('hands media files back as a stream with their content type', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const { server, client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(bytes.length) });
      response.end(bytes);
    });
    const result = await client.call('media.getVariant', {
      path: { enterprise_id: 'e1', media_id: 'm1', size_type: 'thumbnail' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const chunks: Buffer[] = [];
    for await (const chunk of result.value.body) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks)).toEqual(bytes);
    expect(result.value.contentType).toBe('image/png');
    expect(result.value.contentLength).toBe(bytes.length);
    expect(server.requests[0]?.url.pathname).toBe('/api/media/e1/m1/thumbnail');
  });
});

describe('error statuses', () => {
  it.each([
    [403, 'Forbidden', 'FORBIDDEN'],
    [404, 'Entity not found', 'NOT_FOUND'],
    [410, 'Entity was removed', 'GONE'],
    [409, 'Customer already exists', 'CONFLICT'],
    [406, 'Not Acceptable', 'VALIDATION'],
    [403, 'Customer opted out', 'OPTED_OUT'],
  ])('maps %i "%s" to %s with the server reason as message', async (status, reason, code) => {
    const { server, client } = await setup((_request, response) => sendError(response, status, reason));
    const result = await client.call('customers.get', { path: { identifier: '145044111206' } });
    expect(result).toMatchObject({ ok: false, error: { code, message: reason } });
    expect(server.requests).toHaveLength(1);
  });

  it('names the field of a 400 when the server does', async () => {
    const { client } = await setup((_request, response) =>
      sendJson(response, 400, { success: false, reason: 'Validation failed', statusCode: 400, error: 'Bad Request', message: 'customerNumber must be a phone number' }),
    );
    const result = await client.call('sms.send', {
      path: { agent_id: 'a1' },
      body: { customerNumber: 'abc', payload: { type: 'TEXT', text: 'hi' } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'customerNumber' } });
  });

  it('does not follow a redirect (it would carry the token elsewhere)', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(302, { location: 'https://elsewhere.example/api/customers' });
      response.end();
    });
    expect(await client.call('customers.list')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });

  it.each([301, 302, 303, 307, 308])('refuses a %i with a JSON body that would parse, for answers of every kind, once', async (status) => {
    const { server, client } = await setup((request, response) => {
      const body = request.url.pathname === '/api/scenarios' ? { stories: [] } : { success: true };
      response.writeHead(status, { 'content-type': 'application/json', location: 'https://elsewhere.example/login?session=s3cret' });
      response.end(JSON.stringify(body));
    });
    const answers = [
      await client.call('scenarios.list'),
      await client.call('templates.delete', { path: { template_id: 't1' } }),
      await client.call('media.get', { path: { enterprise_id: 'e1', media_id: 'm1' } }),
      await client.call('sms.send', { path: { agent_id: 'a1' }, body: { customerNumber: '1450', payload: { type: 'TEXT', text: 'hi' } } }),
    ];
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE', retryable: false } });
      if (!answer.ok) {
        expect(answer.error.message).toContain(`HTTP ${status}`);
        expect(answer.error.message).toContain('https://elsewhere.example');
        expect(answer.error.message).not.toContain('s3cret');
      }
    }
    expect(server.requests).toHaveLength(4);
  });

  it('refuses a redirect without reading its body: one that never ends does not hold the caller', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const { client } = await setup(
      (_request, response) => {
        response.socket?.once('close', () => closed());
        response.writeHead(302, { 'content-type': 'application/json', 'content-length': '1000000', location: '/elsewhere' });
        response.write('{"stories": [');
      },
      { responseTimeoutMs: 600_000 },
    );
    expect(await client.call('scenarios.list')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
    // The client dropped the connection rather than leaving the rest of the body unread on it.
    await connectionClosed;
  });
});

describe('429 Too Many Requests', () => {
  it('waits the Retry-After seconds, then tries a GET again', async () => {
    let calls = 0;
    const { server, client, clock } = await setup((_request, response) => {
      calls += 1;
      if (calls === 1) sendError(response, 429, 'Too Many Requests', { 'retry-after': '7' });
      else sendJson(response, 200, { stories: [] });
    });
    expect(await client.call('scenarios.list')).toEqual({ ok: true, value: { stories: [] } });
    expect(clock.sleeps).toEqual([7_000]);
    expect(server.requests).toHaveLength(2);
  });

  it('reads an HTTP-date Retry-After against the clock', async () => {
    let calls = 0;
    const { client, clock } = await setup((_request, response) => {
      calls += 1;
      const at = new Date(Date.UTC(2025, 0, 1) + 12_000).toUTCString();
      if (calls === 1) sendError(response, 429, 'Too Many Requests', { 'retry-after': at });
      else sendJson(response, 200, { stories: [] });
    });
    expect((await client.call('scenarios.list')).ok).toBe(true);
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('tries a send again too, since a 429 says it was not processed', async () => {
    let calls = 0;
    const { server, client } = await setup((_request, response) => {
      calls += 1;
      if (calls === 1) sendError(response, 429, 'Too Many Requests', { 'retry-after': '1' });
      else sendJson(response, 200, { message_id: 'm1' });
    });
    const result = await client.call('sms.send', {
      path: { agent_id: 'a1' },
      body: { customerNumber: '1450', payload: { type: 'TEXT', text: 'hi' } },
    });
    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('gives a long Retry-After back to the caller instead of waiting it out', async () => {
    const { server, client, clock } = await setup((_request, response) =>
      sendError(response, 429, 'Too Many Requests', { 'retry-after': '3600' }),
    );
    const result = await client.call('scenarios.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 3600 } });
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the service clock', () => {
  it('measures the offset from every answer’s Date header, errors included, and follows it when it moves', async () => {
    let serverAheadMs = -600_000;
    const { client, clock } = await setup((request, response) => {
      const date = { date: new Date(clock.now() + serverAheadMs).toUTCString() };
      if (request.url.pathname === '/api/templates') sendError(response, 404, 'Entity not found', date);
      else sendJson(response, 200, { stories: [] }, date);
    });
    expect(client.serverClockOffsetMs()).toBeUndefined();
    await client.call('scenarios.list');
    expect(Math.abs((client.serverClockOffsetMs() ?? 0) - serverAheadMs)).toBeLessThanOrEqual(1_000);
    serverAheadMs = 600_000;
    await client.call('templates.list');
    expect(Math.abs((client.serverClockOffsetMs() ?? 0) - serverAheadMs)).toBeLessThanOrEqual(1_000);
  });
});

describe('503 Service Unavailable with Retry-After', () => {
  it('waits the Retry-After, in seconds or as an HTTP-date, before trying a GET again, as after a 429', async () => {
    const answers = [
      { 'retry-after': '9' },
      { 'retry-after': new Date(Date.UTC(2025, 0, 1) + 9_000 + 4_000).toUTCString() },
    ];
    const { server, client, clock } = await setup((_request, response) => {
      const headers = answers.shift();
      if (headers) sendError(response, 503, 'Down for maintenance', headers);
      else sendJson(response, 200, { stories: [] });
    });
    expect(await client.call('scenarios.list')).toEqual({ ok: true, value: { stories: [] } });
    expect(clock.sleeps).toEqual([9_000, 4_000]);
    expect(server.requests).toHaveLength(3);
  });

  it('reads a Retry-After date on the service’s clock, which may be 10 minutes off ours', async () => {
    for (const serverAheadMs of [-600_000, 600_000]) {
      let calls = 0;
      const { client, clock } = await setup((_request, response) => {
        calls += 1;
        const serverNow = clock.now() + serverAheadMs;
        const headers = { date: new Date(serverNow).toUTCString(), 'retry-after': new Date(serverNow + 6_000).toUTCString() };
        if (calls === 1) sendError(response, 503, 'Down for maintenance', headers);
        else sendJson(response, 200, { stories: [] }, { date: headers.date });
      });
      expect((await client.call('scenarios.list')).ok).toBe(true);
      // Whole seconds either way: the Date header's resolution.
      expect(clock.sleeps).toHaveLength(1);
      expect(Math.abs((clock.sleeps[0] ?? 0) - 6_000), `service ${serverAheadMs} ms off`).toBeLessThanOrEqual(1_000);
      client.close();
      await server?.close();
    }
  });

  it('gives a long Retry-After back to the caller, who waits it out (sync, outbox)', async () => {
    const { server, client, clock } = await setup((_request, response) =>
      sendError(response, 503, 'Down for maintenance', { 'retry-after': '120' }),
    );
    expect(await client.call('scenarios.list')).toMatchObject({ ok: false, error: { code: 'SERVER', retryAfterSeconds: 120 } });
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a send blindly, but hands its Retry-After to the outbox, which looks before sending again', async () => {
    const { server, client } = await setup((_request, response) => sendError(response, 503, 'Busy', { 'retry-after': '3' }));
    const result = await client.call('sms.send', { path: { agent_id: 'a1' }, body: { customerNumber: '1450', payload: { type: 'TEXT', text: 'hi' } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER', retryAfterSeconds: 3 } });
    expect(server.requests).toHaveLength(1);
  });
});

describe('5xx', () => {
  it('retries a GET after 500 and 502 with jittered backoff, then succeeds', async () => {
    const statuses = [500, 502];
    const { server, client, clock } = await setup((_request, response) => {
      const status = statuses.shift();
      if (status) sendError(response, status, 'Server trouble');
      else sendJson(response, 200, { stories: [] });
    });
    expect((await client.call('scenarios.list')).ok).toBe(true);
    expect(server.requests).toHaveLength(3);
    // Full jitter: random() (0.5 here) times the doubling ceiling 300, 600 ms.
    expect(clock.sleeps).toEqual([150, 300]);
  });

  it('gives up on a GET after the last attempt with UPSTREAM for 502', async () => {
    const { server, client } = await setup((_request, response) => sendError(response, 502, 'Bad Gateway'), { maxAttempts: 3 });
    const result = await client.call('whatsappTemplates.list', { path: { agent_id: 'a1' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM', retryable: true } });
    expect(server.requests).toHaveLength(3);
  });

  it('never repeats a POST after a 500 or 502', async () => {
    for (const status of [500, 502]) {
      const { server, client } = await setup((_request, response) => sendError(response, status, 'Server trouble'));
      const result = await client.call('customers.create', { body: { phone: '145044111206' } });
      expect(result).toMatchObject({ ok: false, error: { code: status === 502 ? 'UPSTREAM' : 'SERVER' } });
      expect(server.requests).toHaveLength(1);
      client.close();
      await server.close();
    }
  });
});

describe('broken answers', () => {
  it('refuses malformed JSON', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"customers": [');
    });
    expect(await client.call('customers.list')).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });

  it('refuses an HTML page answered with 200 (a captive portal or proxy)', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Please log in to the Wi-Fi</body></html>');
    });
    const result = await client.call('customers.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
    if (!result.ok) expect(result.error.message).toContain('text/html');
  });

  it('refuses an answer with a listed field of the wrong type, naming it', async () => {
    const { client } = await setup((_request, response) =>
      sendJson(response, 200, { customers: [{ ...customer, phone: 145044111206 }], total: 1, offset: 0, limit: 50 }),
    );
    const result = await client.call('customers.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE', field: 'customers.0.phone' } });
  });

  it('refuses a success answer that is not JSON even for operations that answer nothing', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>oops</html>');
    });
    const result = await client.call('messages.delete', { path: { messageID: 'm1' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });
});

describe('timeouts and dropped connections', () => {
  it('times a silent GET out, retrying it, and reports TIMEOUT', async () => {
    const { server, client } = await setup(() => {}, { responseTimeoutMs: 150, maxAttempts: 2 });
    const result = await client.call('scenarios.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', retryable: true } });
    expect(server.requests).toHaveLength(2);
  });

  it('reports a silent POST as UNKNOWN_OUTCOME and does not send it again', async () => {
    const { server, client } = await setup(() => {}, { responseTimeoutMs: 150 });
    const result = await client.call('sms.send', {
      path: { agent_id: 'a1' },
      body: { customerNumber: '1450', payload: { type: 'TEXT', text: 'hi' } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET whose connection was reset, and answers NETWORK when it keeps happening', async () => {
    const { server, client } = await setup((_request, response) => {
      response.socket?.destroy();
    }, { maxAttempts: 3 });
    const result = await client.call('customers.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK', retryable: true } });
    expect(server.requests).toHaveLength(3);
  });

  it('reports a POST reset after it was sent as UNKNOWN_OUTCOME, sent once', async () => {
    const { server, client } = await setup((_request, response) => {
      response.socket?.destroy();
    });
    const result = await client.call('customers.create', { body: { phone: '145044111206' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME', retryable: false } });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a POST cut off in the middle of its answer as UNKNOWN_OUTCOME', async () => {
    const { client } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"message_id":');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const result = await client.call('sms.send', {
      path: { agent_id: 'a1' },
      body: { customerNumber: '1450', payload: { type: 'TEXT', text: 'hi' } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } });
  });

  it('reports a refused connection as NETWORK even for a POST: nothing reached the service', async () => {
    const { server } = await setup(() => {});
    const deadUrl = server.baseUrl;
    await server.close();
    const lonely = new ApiClient({ baseUrl: deadUrl, authenticator: staticToken, clock: fakeClock() });
    const result = await lonely.call('customers.create', { body: { phone: '145044111206' } });
    lonely.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK', retryable: true } });
  });

  it('answers CANCELLED when the caller aborts a read', async () => {
    const { client } = await setup(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await client.call('customers.list', { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe('media.upload', () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
    folder = undefined;
  });

  function multipartFile(body: Buffer, contentType: string) {
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
    const start = body.indexOf('\r\n\r\n') + 4;
    const end = body.lastIndexOf(`\r\n--${boundary}--`);
    return { headerText: body.subarray(0, start).toString(), content: body.subarray(start, end) };
  }

  it('streams the file as multipart field "file" and reports progress up to every byte', async () => {
    folder = await mkdtemp(join(tmpdir(), 'upload-'));
    const path = join(folder, 'photo é.png');
    const content = Buffer.alloc(300_000, 7);
    await writeFile(path, content);
    const uploaded = {
      _id: 'm1',
      type: 'image',
      mime_type: 'image/png',
      full_size: content.length,
      url: 'http://127.0.0.1/api/media/e1/m1',
    };
    const { server, client } = await setup((_request, response) => sendJson(response, 200, uploaded));
    const progress: number[] = [];
    const result = await client.call('media.upload', {
      file: { path, mimeType: 'image/png' },
      onProgress: ({ sentBytes }) => progress.push(sentBytes),
    });
    expect(result).toEqual({ ok: true, value: uploaded });
    const [request] = server.requests;
    const part = multipartFile(request?.body ?? Buffer.alloc(0), String(request?.headers['content-type']));
    expect(part.headerText).toContain('name="file"');
    expect(part.headerText).toContain("filename*=UTF-8''photo%20%C3%A9.png");
    expect(part.headerText).toContain('Content-Type: image/png');
    expect(part.content.equals(content)).toBe(true);
    expect(progress.at(-1)).toBe(content.length);
  });

  it('refuses a file over 50 MB and a type outside the list without sending anything', async () => {
    folder = await mkdtemp(join(tmpdir(), 'upload-'));
    const big = join(folder, 'big.mp4');
    await writeFile(big, '');
    await truncate(big, 50 * 1024 * 1024 + 1);
    const { server, client } = await setup((_request, response) => sendJson(response, 200, {}));
    const tooBig = await client.call('media.upload', { file: { path: big, mimeType: 'video/mp4' } });
    const wrongType = await client.call('media.upload', { file: { path: big, mimeType: 'application/x-msdownload' } });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
    expect(server.requests).toHaveLength(0);
  });
});
