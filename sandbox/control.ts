/**
 * The control API under /__sandbox/ (only with `control: true` / `--control`): what tests and demos steer the
 * sandbox with. No token; the server only listens on 127.0.0.1, and the routes answer only requests that name it as
 * 127.0.0.1 or localhost in Host and, when present, Origin: a web page the user visits cannot reach them, neither
 * through a DNS name rebound to 127.0.0.1 (its Host is that name) nor by posting across sites (its Origin is its own).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { describeIssues } from '../common/parse';
import { ApiError, errorBody } from './api-error';
import { FaultSpecSchema } from './faults';
import type { SandboxController } from './controller';

const InboundSchema = z.object({ email: z.string().optional(), customer: z.string().min(1), text: z.string().min(1), channelType: z.string().optional() });
const ResetSchema = z
  .object({
    seed: z.number().int().optional(),
    customers: z.number().int().nonnegative().optional(),
    messagesPerCustomer: z.number().int().nonnegative().optional(),
    accounts: z.array(z.object({ email: z.email(), password: z.string().min(1) })).min(1).optional(),
  })
  .optional();
const ClockSchema = z.object({ advanceSeconds: z.number() });

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'Invalid body', describeIssues(parsed.error));
  return parsed.data;
}

export const controlRoutes = [
  'GET    /__sandbox/                    this summary',
  'POST   /__sandbox/inbound             {customer: id|phone, text, channelType?, email?} -> 201 {message_id}',
  'GET    /__sandbox/faults              -> {faults}',
  'POST   /__sandbox/faults              FaultSpec -> 201 {id}',
  'DELETE /__sandbox/faults/:id          -> 204',
  'DELETE /__sandbox/faults              -> 204 (all)',
  'GET    /__sandbox/requests?since=MS   -> {requests: [{method, path, url, status, at, faults?}]}',
  'DELETE /__sandbox/requests            -> 204',
  'GET    /__sandbox/messages?email=     -> {messages}',
  'POST   /__sandbox/reset               {seed?, customers?, messagesPerCustomer?, accounts?} -> 204',
  'POST   /__sandbox/expire-tokens       -> 204',
  'POST   /__sandbox/clock               {advanceSeconds} -> {now}',
];

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost']);

/** `http://127.0.0.1:4010`, `http://localhost` and the like; a Host header is checked as `http://` + itself. */
function isLoopbackOrigin(candidate: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  return url.protocol === 'http:' && LOOPBACK_NAMES.has(url.hostname) && url.pathname === '/' && url.username === '';
}

/** Whether a control request comes from this machine's own programs rather than from a web page. */
export function isLocalControlRequest(headers: { host?: string | undefined; origin?: string | undefined }): boolean {
  if (headers.host === undefined || !isLoopbackOrigin(`http://${headers.host}`)) return false;
  return headers.origin === undefined || isLoopbackOrigin(headers.origin);
}

export function registerControlRoutes(app: FastifyInstance, controller: SandboxController): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/__sandbox/')) return;
    if (!isLocalControlRequest({ host: request.headers.host, origin: request.headers.origin })) {
      return reply.code(403).send(errorBody(403, 'Forbidden', 'The control API answers programs on this machine only (Host and Origin must name 127.0.0.1 or localhost)'));
    }
  });
  const noContent = (reply: FastifyReply) => reply.code(204).send();
  app.get('/__sandbox/', async () => ({
    baseUrl: controller.baseUrl,
    accounts: controller.summary(),
    routes: controlRoutes,
  }));
  app.post('/__sandbox/inbound', async (request, reply) => reply.code(201).send(await controller.injectInbound(parse(InboundSchema, request.body))));
  app.get('/__sandbox/faults', async () => ({ faults: controller.faults() }));
  app.post('/__sandbox/faults', async (request, reply) => reply.code(201).send({ id: controller.addFault(parse(FaultSpecSchema, request.body)) }));
  app.delete('/__sandbox/faults', async (_request, reply) => {
    controller.clearFaults();
    return noContent(reply);
  });
  app.delete('/__sandbox/faults/:id', async (request, reply) => {
    const { id } = z.object({ id: z.string() }).parse(request.params);
    if (!controller.removeFault(id)) return reply.code(404).send(errorBody(404, 'Unknown fault', `No fault ${id}`));
    return noContent(reply);
  });
  app.get('/__sandbox/requests', async (request) => {
    const since = Number(z.object({ since: z.string().optional() }).parse(request.query).since ?? 0);
    return { requests: controller.requestLog().filter((entry) => entry.at >= since) };
  });
  app.delete('/__sandbox/requests', async (_request, reply) => {
    controller.clearRequestLog();
    return noContent(reply);
  });
  app.get('/__sandbox/messages', async (request) => ({ messages: controller.messages(z.object({ email: z.string().optional() }).parse(request.query).email) }));
  app.post('/__sandbox/reset', async (request, reply) => {
    controller.reset(parse(ResetSchema, request.body) ?? {});
    return noContent(reply);
  });
  app.post('/__sandbox/expire-tokens', async (_request, reply) => {
    controller.expireTokens();
    return noContent(reply);
  });
  app.post('/__sandbox/clock', async (request) => {
    controller.advanceClock(parse(ClockSchema, request.body).advanceSeconds * 1000);
    return { now: controller.now() };
  });
}
