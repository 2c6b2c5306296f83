/**
 * `npm run sandbox -- [flags]`: the 2-Way Messaging Service on 127.0.0.1 with demo data and living customers,
 * until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { controlRoutes } from './control';
import { FaultSpecSchema } from './faults';
import { DEMO_ACCOUNT, startSandbox, type FaultSpec, type SandboxOptions } from './index';
import { DEFAULT_LIFE } from './options';

const HELP = `2-Way sandbox: the 2-Way Messaging Service API (all 50 operations) on 127.0.0.1, with demo data.

Usage: npm run sandbox -- [flags]

Sign in (POST /api/auth) with the demo account, unless --account is given:
  email ${DEMO_ACCOUNT.email}   password ${DEMO_ACCOUNT.password}
Send the token raw in the Authorization header (no "Bearer ").

Flags:
  --port N                   port to listen on (default 4010; 0 picks a free one)
  --seed N                   seed of the demo data (default 1; same seed, same data)
  --customers N              number of customers per account (default 300)
  --messages-per-customer M  messages in each conversation (default: 2 to 30, varied)
  --account EMAIL:PASSWORD   an account (each is its own enterprise); repeat for more
  --data FILE                keep the state in FILE across restarts
  --control                  mount the control API under /__sandbox/
  --no-life                  customers never answer, statuses never move, nothing arrives by itself
  --inbound-per-minute N     unprompted customer messages per minute (default ${DEFAULT_LIFE.inboundPerMinute})
  --reply-probability P      chance a customer answers an agent, 0..1 (default ${DEFAULT_LIFE.replyProbability})
  --reply-delay MS           typical delay before that answer (default ${DEFAULT_LIFE.replyDelayMs})
  --status-step MS           time between SENT, DELIVERED and READ (default ${DEFAULT_LIFE.statusStepMs})
  --token-lifetime S         token lifetime in seconds (default 3600)
  --fault JSON               inject a fault, repeatable, e.g. '{"path":"/api/customers","kind":"status","status":503,"probability":0.2}'
                             kinds: latency (latencyMs, jitterMs), status (status), rate-limit (retryAfter),
                             reset-before, reset-after, malformed-json, html-200, wrong-type; options method, times
  --help                     this text

Control API (with --control):
${controlRoutes.map((line) => `  ${line}`).join('\n')}

Examples:
  TOKEN=$(curl -s -X POST localhost:4010/api/auth -H 'content-type: application/json' \\
    -d '{"email":"${DEMO_ACCOUNT.email}","password":"${DEMO_ACCOUNT.password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
  curl -s 'localhost:4010/api/customers?sort=last_message_time&order=-1&limit=5' -H "authorization: $TOKEN"
  curl -s -X POST localhost:4010/__sandbox/inbound -H 'content-type: application/json' -d '{"customer":"12125550123","text":"Hi!"}'
  curl -s -X POST localhost:4010/__sandbox/faults -H 'content-type: application/json' -d '{"path":"/api/agents/sms/{agent_id}/send","kind":"reset-after","times":1}'
  curl -s -X DELETE localhost:4010/__sandbox/faults
  curl -s 'localhost:4010/__sandbox/requests?since=0'
  curl -s -X POST localhost:4010/__sandbox/reset -H 'content-type: application/json' -d '{"seed":2,"customers":50}'
`;

function numberFlag(name: string, value: string | undefined, range: { min: number; max?: number; integer?: boolean }): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  const valid = value.trim() !== '' && Number.isFinite(number) && number >= range.min && (range.max === undefined || number <= range.max) && (!range.integer || Number.isInteger(number));
  if (!valid) throw new Error(`--${name} must be a${range.integer ? 'n integer' : ' number'} >= ${range.min}${range.max === undefined ? '' : ` and <= ${range.max}`}, got "${value}"`);
  return number;
}

function account(value: string): { email: string; password: string } {
  const separator = value.indexOf(':');
  if (separator <= 0 || separator === value.length - 1) throw new Error(`--account must be EMAIL:PASSWORD, got "${value}"`);
  return { email: value.slice(0, separator), password: value.slice(separator + 1) };
}

function fault(value: string): FaultSpec {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error(`--fault must be JSON, got ${value}`);
  }
  const parsed = FaultSpecSchema.safeParse(json);
  if (!parsed.success) throw new Error(`--fault ${value}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function optionsFromArgs(args: string[]): SandboxOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      'messages-per-customer': { type: 'string' },
      account: { type: 'string', multiple: true },
      data: { type: 'string' },
      control: { type: 'boolean' },
      'no-life': { type: 'boolean' },
      'inbound-per-minute': { type: 'string' },
      'reply-probability': { type: 'string' },
      'reply-delay': { type: 'string' },
      'status-step': { type: 'string' },
      'token-lifetime': { type: 'string' },
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const life = {
    inboundPerMinute: numberFlag('inbound-per-minute', values['inbound-per-minute'], { min: 0 }) ?? DEFAULT_LIFE.inboundPerMinute,
    replyProbability: numberFlag('reply-probability', values['reply-probability'], { min: 0, max: 1 }) ?? DEFAULT_LIFE.replyProbability,
    replyDelayMs: numberFlag('reply-delay', values['reply-delay'], { min: 0 }) ?? DEFAULT_LIFE.replyDelayMs,
    statusStepMs: numberFlag('status-step', values['status-step'], { min: 1 }) ?? DEFAULT_LIFE.statusStepMs,
  };
  const options: SandboxOptions = {
    port: numberFlag('port', values.port, { min: 0, max: 65535, integer: true }) ?? 4010,
    seed: numberFlag('seed', values.seed, { min: 0, integer: true }) ?? 1,
    control: values.control === true,
    life: values['no-life'] === true ? false : life,
    faults: (values.fault ?? []).map(fault),
  };
  const customers = numberFlag('customers', values.customers, { min: 0, integer: true });
  if (customers !== undefined) options.customers = customers;
  const messages = numberFlag('messages-per-customer', values['messages-per-customer'], { min: 0, integer: true });
  if (messages !== undefined) options.messagesPerCustomer = messages;
  const lifetime = numberFlag('token-lifetime', values['token-lifetime'], { min: 1, integer: true });
  if (lifetime !== undefined) options.tokenLifetimeSeconds = lifetime;
  if (values.account !== undefined) options.accounts = values.account.map(account);
  if (values.data !== undefined) options.dataFile = values.data;
  return options;
}

async function main(): Promise<void> {
  let options: SandboxOptions | 'help';
  try {
    options = optionsFromArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}\nRun with --help for the flags.`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const sandbox = await startSandbox(options);
  const lines = [
    `2-Way sandbox running at ${sandbox.baseUrl}`,
    ...sandbox.accounts.map((entry) => `  sign in: ${entry.email} / ${entry.password}`),
    options.control === true ? `  control API: ${sandbox.baseUrl}/__sandbox/` : '  control API: off (start with --control)',
    options.life === false ? '  life: off' : '  life: on (customers answer, statuses move, new messages arrive)',
    options.dataFile === undefined ? '  data: in memory' : `  data: ${options.dataFile}`,
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
