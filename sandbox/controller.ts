/**
 * One running sandbox: starts the server, seeds or loads the data, runs life and persistence, and offers the
 * operations the in-process handle and the control API share.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Clock } from './clock';
import { registerControlRoutes } from './control';
import { FaultTable } from './faults';
import { Api, createApp } from './http';
import { injectInbound, type InboundInput } from './inbound';
import { startLife, stopLife } from './life';
import { resolveOptions, type FaultSpec, type SandboxOptions } from './options';
import { Random } from './random';
import { registerAuthRoutes } from './routes/auth';
import { registerChannelRoutes } from './routes/channels';
import { registerCustomerRoutes } from './routes/customers';
import { registerKeywordEventRoutes } from './routes/keyword-events';
import { registerLinkAndSettingsRoutes } from './routes/links-settings';
import { registerMediaRoutes } from './routes/media';
import { registerSendRoutes } from './routes/sends';
import { registerTemplateRoutes } from './routes/templates';
import { registerWhatsappTemplateRoutes } from './routes/whatsapp-templates';
import type { RequestLogEntry, SandboxRuntime } from './runtime';
import { Scheduler } from './scheduler';
import { seedFiles, type SeedFile } from './seed/assets';
import { seedStoreWith } from './seed/demo';
import { loadSnapshot, saveSnapshot } from './snapshot';
import { Store } from './store';

export interface StoredMessage {
  message_id: string;
  customer_id: string;
  agent_id: string;
  payload: unknown;
  origin: string;
  status: string;
  sent: string;
}

const SAVE_INTERVAL_MS = 1000;

export class SandboxController {
  private saveTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly app: FastifyInstance,
    private readonly runtime: SandboxRuntime,
    private readonly files: SeedFile[],
    private options: SandboxOptions,
  ) {}

  static async start(options: SandboxOptions = {}): Promise<SandboxController> {
    const resolved = resolveOptions(options);
    const runtime: SandboxRuntime = {
      options: resolved,
      store: new Store(),
      clock: new Clock(),
      random: new Random(resolved.seed).fork('requests'),
      faults: new FaultTable(new Random(resolved.seed).fork('faults')),
      scheduler: new Scheduler(),
      requestLog: [],
      secret: randomBytes(32).toString('hex'),
      tokens: { next: 1, firstValidToken: 1 },
      baseUrl: '',
      onOutbound: undefined,
      onTemplateSubmitted: undefined,
    };
    for (const fault of resolved.faults) runtime.faults.add(fault);
    let markReady = (): void => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const app = await createApp(runtime, ready);
    const api = new Api(app, runtime);
    registerAuthRoutes(api);
    registerChannelRoutes(api);
    registerCustomerRoutes(api);
    registerKeywordEventRoutes(api);
    registerLinkAndSettingsRoutes(api);
    registerMediaRoutes(api);
    registerSendRoutes(api);
    registerTemplateRoutes(api);
    registerWhatsappTemplateRoutes(api);
    const files = await seedFiles();
    const controller = new SandboxController(app, runtime, files, options);
    if (resolved.control) registerControlRoutes(app, controller);
    await app.listen({ port: resolved.port, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : resolved.port;
    runtime.baseUrl = `http://127.0.0.1:${port}`;
    try {
      controller.loadOrSeed();
    } catch (error) {
      await app.close();
      throw error;
    }
    markReady();
    controller.startBackground();
    return controller;
  }

  get baseUrl(): string {
    return this.runtime.baseUrl;
  }

  get accounts(): { email: string; password: string }[] {
    return this.runtime.options.accounts.map((account) => ({ ...account }));
  }

  private loadOrSeed(): void {
    const file = this.runtime.options.dataFile;
    const loaded = file === undefined ? undefined : loadSnapshot(this.runtime, file);
    if (loaded !== undefined) this.runtime.store = loaded;
    else seedStoreWith(this.runtime, this.files);
  }

  private startBackground(): void {
    const { life, dataFile } = this.runtime.options;
    if (life !== undefined) startLife(this.runtime, life);
    if (dataFile !== undefined) {
      this.saveTimer = setInterval(() => {
        if (this.runtime.store.dirty) saveSnapshot(this.runtime, dataFile);
      }, SAVE_INTERVAL_MS);
      this.saveTimer.unref();
    }
  }

  summary(): { email: string; enterprise_id: string; customers: number; messages: number }[] {
    return [...this.runtime.store.enterprises.values()].map((enterprise) => ({
      email: enterprise.email,
      enterprise_id: enterprise.id,
      customers: enterprise.customers.size,
      messages: enterprise.messages.size,
    }));
  }

  addFault(fault: FaultSpec): string {
    return this.runtime.faults.add(fault);
  }

  removeFault(id: string): boolean {
    return this.runtime.faults.remove(id);
  }

  clearFaults(): void {
    this.runtime.faults.clear();
  }

  faults() {
    return this.runtime.faults.list();
  }

  expireTokens(): void {
    this.runtime.tokens.firstValidToken = this.runtime.tokens.next;
  }

  advanceClock(ms: number): void {
    this.runtime.clock.advance(ms);
  }

  now(): string {
    return this.runtime.clock.iso();
  }

  async injectInbound(input: InboundInput): Promise<{ message_id: string }> {
    return { message_id: injectInbound(this.runtime, input).message_id };
  }

  requestLog(): RequestLogEntry[] {
    return this.runtime.requestLog.map((entry) => ({ ...entry }));
  }

  clearRequestLog(): void {
    this.runtime.requestLog.length = 0;
  }

  messages(email?: string): StoredMessage[] {
    const enterprise = this.runtime.store.enterpriseByEmail(email ?? this.runtime.options.accounts[0]?.email ?? '');
    if (enterprise === undefined) return [];
    return [...enterprise.messages.values()].map((message) => ({
      message_id: message.message_id,
      customer_id: message.customer_id,
      agent_id: message.agent_id,
      payload: message.payload,
      origin: message.origin,
      status: message.status,
      sent: message.sent,
    }));
  }

  /** Throw the data away and seed again, with these options changed. Faults, the log and tokens stay. */
  reset(changes: Partial<SandboxOptions> = {}): void {
    stopLife(this.runtime);
    this.options = { ...this.options, ...changes };
    const resolved = resolveOptions(this.options);
    this.runtime.options = { ...resolved, port: this.runtime.options.port };
    this.runtime.random = new Random(resolved.seed).fork('requests');
    this.runtime.store = new Store();
    seedStoreWith(this.runtime, this.files);
    if (resolved.life !== undefined) startLife(this.runtime, resolved.life);
  }

  async close(): Promise<void> {
    this.runtime.scheduler.stop();
    if (this.saveTimer !== undefined) clearInterval(this.saveTimer);
    const file = this.runtime.options.dataFile;
    if (file !== undefined && this.runtime.store.dirty) saveSnapshot(this.runtime, file);
    await this.app.close();
  }
}
