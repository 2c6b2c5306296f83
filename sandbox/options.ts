/**
 * The sandbox's public options (the interface the app and the tests code against) and their defaults.
 */
export const DEMO_ACCOUNT = { email: 'agent@demo.2way.test', password: 'sandbox-demo' };

export interface LifeOptions {
  /** Chance that a customer answers an agent's message. */
  replyProbability?: number;
  /** Typical delay before that answer (jittered by up to half either way). */
  replyDelayMs?: number;
  /** Unprompted inbound messages per minute, across all customers. */
  inboundPerMinute?: number;
  /** Time between status steps SENT -> DELIVERED -> READ. */
  statusStepMs?: number;
}

export interface SandboxOptions {
  port?: number;
  seed?: number;
  customers?: number;
  messagesPerCustomer?: number;
  accounts?: { email: string; password: string }[];
  control?: boolean;
  dataFile?: string;
  tokenLifetimeSeconds?: number;
  life?: boolean | LifeOptions;
  faults?: FaultSpec[];
}

export const faultKinds = [
  'latency',
  'status',
  'rate-limit',
  'reset-before',
  'reset-after',
  'malformed-json',
  'html-200',
  'wrong-type',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultSpec {
  method?: string;
  /** A route as in the reference ('/api/agents/sms/{agent_id}/send' or ':agent_id'), a concrete path, or '*'. */
  path: string;
  kind: FaultKind;
  probability?: number;
  times?: number;
  status?: number;
  latencyMs?: number;
  jitterMs?: number;
  retryAfter?: string;
}

export interface ResolvedOptions {
  port: number;
  seed: number;
  customers: number | undefined;
  messagesPerCustomer: number | undefined;
  accounts: { email: string; password: string }[];
  control: boolean;
  dataFile: string | undefined;
  tokenLifetimeSeconds: number;
  life: Required<LifeOptions> | undefined;
  faults: FaultSpec[];
}

export const DEFAULT_LIFE: Required<LifeOptions> = {
  replyProbability: 0.6,
  replyDelayMs: 4000,
  inboundPerMinute: 2,
  statusStepMs: 2500,
};

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const life = options.life === true ? DEFAULT_LIFE : options.life ? { ...DEFAULT_LIFE, ...options.life } : undefined;
  return {
    port: options.port ?? 0,
    seed: options.seed ?? 1,
    customers: options.customers,
    messagesPerCustomer: options.messagesPerCustomer,
    accounts: options.accounts && options.accounts.length > 0 ? options.accounts : [DEMO_ACCOUNT],
    control: options.control ?? false,
    dataFile: options.dataFile,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    life,
    faults: options.faults ?? [],
  };
}
