/**
 * A plain-fetch client for the sandbox tests, and helpers to start a sandbox and sign in.
 */
import { expect } from 'vitest';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | string[]>;
  headers?: Record<string, string>;
  /** Overrides the client's token; null sends none. */
  token?: string | null;
  form?: FormData;
}

export class Client {
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token !== undefined && token !== null) headers['authorization'] = token;
    let body: string | FormData | undefined;
    if (options.form !== undefined) body = options.form;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  get(path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('GET', path, options);
  }

  post(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
    return this.request('POST', path, { ...options, body });
  }

  patch(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
    return this.request('PATCH', path, { ...options, body });
  }

  put(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
    return this.request('PUT', path, { ...options, body });
  }

  delete(path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('DELETE', path, options);
  }
}

export const OTHER_ACCOUNT = { email: 'other@demo.2way.test', password: 'other-secret' };

export async function signIn(baseUrl: string, account = DEMO_ACCOUNT): Promise<Client> {
  const client = new Client(baseUrl);
  const response = await client.post('/api/auth', account);
  expect(response.status).toBe(200);
  client.token = field(response.json, 'token', 'string');
  return client;
}

export async function startWithClients(options: SandboxOptions = {}): Promise<{ sandbox: RunningSandbox; demo: Client; other: Client }> {
  const sandbox = await startSandbox({ port: 0, accounts: [DEMO_ACCOUNT, OTHER_ACCOUNT], ...options });
  return { sandbox, demo: await signIn(sandbox.baseUrl), other: await signIn(sandbox.baseUrl, OTHER_ACCOUNT) };
}

type JsonKind = 'string' | 'number' | 'boolean' | 'object' | 'array';
type KindType<K extends JsonKind> = K extends 'string'
  ? string
  : K extends 'number'
    ? number
    : K extends 'boolean'
      ? boolean
      : K extends 'array'
        ? unknown[]
        : Record<string, unknown>;

/** A field of a JSON object, checked to be of `kind` (fails the test otherwise). */
export function field<K extends JsonKind>(value: unknown, key: string, kind: K): KindType<K> {
  expect(value, `expected an object with "${key}"`).toBeTypeOf('object');
  const found = (value as Record<string, unknown> | null)?.[key];
  if (kind === 'array') expect(Array.isArray(found), `"${key}" should be an array`).toBe(true);
  else expect(typeof found, `"${key}" should be a ${kind}`).toBe(kind);
  return found as KindType<K>;
}

/** The items of a list answer `{<key>: [...], total, offset, limit}`. */
export function items(response: ApiResponse, key: string): Record<string, unknown>[] {
  expect(response.status, response.text).toBe(200);
  return field(response.json, key, 'array') as Record<string, unknown>[];
}

/** Asserts the documented error shape and status. */
export function expectError(response: ApiResponse, status: number): void {
  expect(response.status, response.text).toBe(status);
  expect(response.json).toMatchObject({ success: false, statusCode: status });
  field(response.json, 'reason', 'string');
  field(response.json, 'error', 'string');
  field(response.json, 'message', 'string');
}

/** The ids tests need from the demo data, found through the API itself. */
export async function demoIds(client: Client) {
  const channels = items(await client.get('/api/channels', { query: { limit: 100 } }), 'channels');
  const channel = (name: string) => {
    const found = channels.find((candidate) => (candidate['config'] as { name?: string }).name === name);
    if (found === undefined) throw new Error(`no channel ${name}`);
    const agents = found['agents'] as { _id: string }[];
    return { id: String(found['_id']), agentId: agents[0]?._id ?? '', agentIds: agents.map((agent) => agent._id) };
  };
  const customers = items(await client.get('/api/customers', { query: { limit: 5, sort: 'last_message_time', order: -1 } }), 'customers');
  const customer = customers[0] ?? {};
  const history = items(await client.get(`/api/messages/${String(customer['_id'])}`), 'messages');
  const templates = items(await client.get('/api/templates'), 'templates');
  const events = items(await client.get('/api/keyword_events'), 'keyword_events');
  const media = items(await client.get('/api/media'), 'media');
  const whatsapp = channel('WhatsApp Support');
  const waTemplates = items(await client.get(`/api/agents/whatsapp/${whatsapp.agentId}/templates`, { query: { limit: 100 } }), 'templates');
  return {
    sms: channel('SMS USA'),
    smsUk: channel('SMS UK'),
    whatsapp,
    whatsappPending: channel('WhatsApp Marketing'),
    viber: channel('Viber Promotions'),
    telegram: channel('Telegram Helpdesk'),
    rcs: channel('Acme RCS'),
    wechat: channel('WeChat Service'),
    customerId: String(customer['_id']),
    customerPhone: String(customer['phone']),
    messageId: String(history[0]?.['message_id']),
    templateId: String(templates[0]?.['_id']),
    keywordEventId: String(events[0]?.['_id']),
    mediaId: String(media.find((entry) => entry['type'] === 'image')?.['_id']),
    mediaUrl: String(media.find((entry) => entry['type'] === 'image')?.['url']),
    waTemplates,
    approvedWaTemplate: waTemplates.find((template) => template['status'] === 'APPROVED' && template['category'] !== 'AUTHENTICATION') ?? {},
  };
}

export type DemoIds = Awaited<ReturnType<typeof demoIds>>;
