/**
 * The HTTP layer: a fastify app whose routes come from the operations table, with the token check, the documented
 * error shape for every failure (including fastify's own), the request log, and fault injection around handlers.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { MAX_MEDIA_BYTES } from '../common/api-decisions';
import { ApiError, errorBody } from './api-error';
import { afterFaultKinds, changeOneFieldType, faultDelay, truncateJson, type ActiveFault } from './faults';
import { readToken } from './jwt';
import { QuerySchema, type Query } from './listing';
import { operations, routePattern, type Operation, type OperationId } from './operations';
import type { SandboxRuntime } from './runtime';
import type { Enterprise } from './store';

export interface HandlerResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A file answer instead of JSON. */
  file?: { bytes: Buffer; mime: string };
}

export interface RouteContext {
  op: Operation;
  runtime: SandboxRuntime;
  params: Record<string, string>;
  query: Query;
  body: unknown;
  request: FastifyRequest;
}

export interface AuthedContext extends RouteContext {
  enterprise: Enterprise;
}

export interface OptionalAuthContext extends RouteContext {
  enterprise: Enterprise | undefined;
}

type Handler<C> = (context: C) => Promise<HandlerResult | undefined> | HandlerResult | undefined;

interface RequestState {
  afterFaults: ActiveFault[];
  faultKinds: string[];
  logged: boolean;
}

const requestStates = new WeakMap<FastifyRequest, RequestState>();
const ParamsSchema = z.record(z.string(), z.string());
const CONTROL_PREFIX = '/__sandbox';

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function logRequest(runtime: SandboxRuntime, request: FastifyRequest, status: number): void {
  const state = requestStates.get(request);
  if (state?.logged === true || request.url.startsWith(CONTROL_PREFIX)) return;
  if (state !== undefined) state.logged = true;
  const body = loggedBody(request);
  runtime.requestLog.push({
    method: request.method,
    path: pathOf(request.url),
    url: request.url,
    status,
    at: Date.now(),
    ...(state !== undefined && state.faultKinds.length > 0 ? { faults: state.faultKinds } : {}),
    ...(body === undefined ? {} : { body }),
  });
}

/** A request's JSON body as the log keeps it: none for files, none for `auth.login` (a password), no secret. */
function loggedBody(request: FastifyRequest): unknown {
  const isJson = String(request.headers['content-type'] ?? '').startsWith('application/json');
  if (!isJson || pathOf(request.url) === operations['auth.login'].path) return undefined;
  return withoutSecrets(request.body ?? undefined);
}

/** Fields holding a secret (a chatbot provider's token or credentials, lines 3839, 3842): logged as sent, not shown. */
const secretFields: ReadonlySet<string> = new Set(['password', 'access_token', 'credentials']);
const LOGGED_SECRET = '[secret]';

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, secretFields.has(key) && inner !== null ? LOGGED_SECRET : withoutSecrets(inner)]),
  );
}

/** Drop the connection without an answer. */
function resetConnection(runtime: SandboxRuntime, request: FastifyRequest, reply: FastifyReply): void {
  logRequest(runtime, request, 0);
  reply.hijack();
  request.raw.socket.destroy();
}

export function authenticate(runtime: SandboxRuntime, header: string | undefined): Enterprise {
  if (header === undefined || header === '') {
    throw new ApiError(401, 'Unauthorized', 'The Authorization header with the token from POST /api/auth is missing');
  }
  if (/^Bearer\s/i.test(header)) {
    throw new ApiError(401, 'Unauthorized', 'Send the raw token in the Authorization header, without "Bearer "');
  }
  const claims = readToken(header, runtime.secret);
  if (claims === undefined) throw new ApiError(401, 'Unauthorized', 'The token is malformed or its signature is wrong');
  if (claims.exp * 1000 <= runtime.clock.now() || claims.jti < runtime.tokens.firstValidToken) {
    throw new ApiError(401, 'Unauthorized', 'The token has expired; sign in again with POST /api/auth');
  }
  const enterprise = runtime.store.enterprises.get(claims.enterprise_id);
  if (enterprise === undefined) throw new ApiError(401, 'Unauthorized', 'The token belongs to an account that no longer exists');
  return enterprise;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function sendResult(runtime: SandboxRuntime, request: FastifyRequest, reply: FastifyReply, result: HandlerResult): Promise<void> {
  const state = requestStates.get(request);
  const after = state?.afterFaults[0];
  const status = result.status ?? 200;
  if (after?.kind === 'reset-after') {
    resetConnection(runtime, request, reply);
    return;
  }
  if (result.headers !== undefined) void reply.headers(result.headers);
  if (result.file !== undefined && after === undefined) {
    await reply.code(status).type(result.file.mime).send(result.file.bytes);
    return;
  }
  if (after?.kind === 'malformed-json') {
    const text = status === 204 || result.body === undefined ? '{}' : JSON.stringify(result.body);
    await reply.code(200).type('application/json; charset=utf-8').send(truncateJson(text));
    return;
  }
  let body = result.body;
  if (after?.kind === 'wrong-type') body = changeOneFieldType(body).value;
  if (status === 204) {
    await reply.code(204).send();
    return;
  }
  await reply.code(status).send(body);
}

export class Api {
  constructor(
    readonly app: FastifyInstance,
    readonly runtime: SandboxRuntime,
  ) {}

  /** An operation that requires the token. */
  route(id: OperationId, handler: Handler<AuthedContext>): void {
    this.register(id, async (context) => {
      const enterprise = authenticate(this.runtime, headerValue(context.request, 'authorization'));
      return handler({ ...context, enterprise });
    });
  }

  /** An operation whose token is optional (checked when sent) or not used at all. */
  publicRoute(id: OperationId, handler: Handler<OptionalAuthContext>): void {
    this.register(id, async (context) => {
      const header = headerValue(context.request, 'authorization');
      const enterprise =
        operations[id].auth === 'optional' && header !== undefined ? authenticate(this.runtime, header) : undefined;
      return handler({ ...context, enterprise });
    });
  }

  private register(id: OperationId, run: (context: RouteContext) => Promise<HandlerResult | undefined>): void {
    const op = operations[id];
    this.app.route({
      method: op.method,
      url: routePattern(op.path),
      handler: async (request, reply) => {
        const context: RouteContext = {
          op,
          runtime: this.runtime,
          params: ParamsSchema.parse(request.params ?? {}),
          query: QuerySchema.parse(request.query ?? {}),
          body: request.body,
          request,
        };
        let result: HandlerResult;
        try {
          result = (await run(context)) ?? {};
          result.status ??= op.success;
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result = { status: error.statusCode, body: error.toBody(), headers: error.headers };
        }
        if (result.status !== undefined && result.status < 400 && request.method !== 'GET') this.runtime.store.dirty = true;
        await sendResult(this.runtime, request, reply, result);
      },
    });
  }
}

/** Applied to every /api request before its handler: logging state, latency and the faults that answer first. */
function installFaultHooks(app: FastifyInstance, runtime: SandboxRuntime): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return;
    const fired = runtime.faults.take(request.method, request.routeOptions.url, pathOf(request.url));
    const state: RequestState = { afterFaults: [], faultKinds: fired.map((fault) => fault.kind), logged: false };
    requestStates.set(request, state);
    const delay = fired.filter((fault) => fault.kind === 'latency').reduce((sum, fault) => sum + faultDelay(fault, runtime.random), 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    state.afterFaults = fired.filter((fault) => afterFaultKinds.includes(fault.kind));
    const before = fired.find((fault) => fault.kind !== 'latency' && !afterFaultKinds.includes(fault.kind));
    if (before === undefined) return;
    if (before.kind === 'reset-before') {
      resetConnection(runtime, request, reply);
      return reply;
    }
    if (before.kind === 'html-200') {
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .send('<!DOCTYPE html><html><head><title>Service unavailable</title></head><body><h1>Please try again later</h1></body></html>');
    }
    if (before.kind === 'rate-limit') {
      return reply
        .code(429)
        .header('Retry-After', before.retryAfter ?? '1')
        .send(errorBody(429, 'Too Many Requests', 'Rate limit exceeded (injected fault)'));
    }
    const status = before.status ?? 500;
    return reply.code(status).send(errorBody(status, STATUS_CODES[status] ?? 'Error', `Injected fault: status ${status}`));
  });
  app.addHook('onResponse', async (request, reply) => {
    logRequest(runtime, request, reply.statusCode);
  });
}

function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
    const details = z.object({ statusCode: z.number().optional(), message: z.string(), code: z.string().optional() }).safeParse(error);
    const status = details.success ? (details.data.statusCode ?? 500) : 500;
    const message = details.success ? details.data.message : 'Unexpected error';
    if (status >= 500) {
      console.error(`sandbox: ${request.method} ${request.url} failed`, error);
      return reply.code(500).send(errorBody(500, 'Internal Server Error', message));
    }
    // The reference documents 400 for every malformed request; fastify's 413/415 become 400 too.
    return reply.code(400).send(errorBody(400, details.success && details.data.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Unsupported Content-Type' : 'Bad Request', message));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody(404, 'Not Found', `No route for ${request.method} ${pathOf(request.url)}`));
  });
}

/** JSON bodies, where an empty body (e.g. a DELETE sent with a JSON content type) counts as no body. */
function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    const source = typeof text === 'string' ? text : text.toString('utf8');
    if (source.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(source));
    } catch (error) {
      done(new ApiError(400, 'Malformed JSON', `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`), undefined);
    }
  });
}

/** `ready` resolves once the data is seeded or loaded; requests that arrive earlier wait for it. */
export async function createApp(runtime: SandboxRuntime, ready: Promise<void>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 5 * 1024 * 1024 });
  app.addHook('onRequest', async () => {
    await ready;
  });
  // The Date header tells the sandbox's time, moved by the control API like every time it writes (`sent`,
  // `expires_at`), so clients that measure the service's clock from it see the clock the data was written by.
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('date', new Date(runtime.clock.now()).toUTCString());
    return payload;
  });
  installJsonParser(app);
  installErrorHandling(app);
  installFaultHooks(app, runtime);
  await app.register(multipart, { limits: { fileSize: MAX_MEDIA_BYTES, files: 1, fields: 10 } });
  return app;
}
