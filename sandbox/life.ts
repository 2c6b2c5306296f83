/**
 * Simulated customers: statuses move SENT -> DELIVERED -> READ (some end ERROR or UNDELIVERABLE; SMS has no read
 * receipts and stops at DELIVERED), customers answer agents now and then, others write in unprompted (sometimes a
 * STOP, HELP or START keyword), and pending WhatsApp templates get approved. Nothing here runs with life off.
 */
import type { LifeOptions } from './options';
import { injectInbound } from './inbound';
import { receiveFromCustomer, setStatus } from './messaging';
import { Random } from './random';
import type { SandboxRuntime } from './runtime';
import { customerReplies, customerOpeners } from './seed/conversations';

function jittered(random: Random, ms: number): number {
  return Math.max(0, Math.round(ms * (0.5 + random.next())));
}

export function startLife(runtime: SandboxRuntime, life: Required<LifeOptions>): void {
  const random = new Random(runtime.options.seed).fork('life');
  const { scheduler } = runtime;

  runtime.onOutbound = (enterprise, channel, message) => {
    scheduler.after(jittered(random, life.statusStepMs), () => {
      if (enterprise.messages.get(message.message_id) !== message || message.status !== 'SENT') return;
      const outcome = random.weighted([['DELIVERED', 93], ['ERROR', 4], ['UNDELIVERABLE', 3]] as const);
      setStatus(runtime, message, outcome);
      if (outcome !== 'DELIVERED' || channel.type === 'SMS') return;
      scheduler.after(jittered(random, life.statusStepMs), () => {
        if (enterprise.messages.get(message.message_id) === message && message.status === 'DELIVERED') setStatus(runtime, message, 'READ');
      });
    });
    if (message.origin !== 'AGENT' || !random.chance(life.replyProbability)) return;
    scheduler.after(jittered(random, life.replyDelayMs), () => {
      const customer = enterprise.customers.get(message.customer_id);
      const agent = channel.agents.find((candidate) => candidate._id === message.agent_id);
      if (customer === undefined || agent === undefined || !enterprise.channels.has(channel._id)) return;
      const text = random.pick(customerReplies).replace('{order}', `#${random.int(1000, 9999)}`);
      receiveFromCustomer(runtime, { enterprise, channel, agent, customer }, { type: 'TEXT', text });
    });
  };

  runtime.onTemplateSubmitted = (template) => {
    scheduler.after(jittered(random, life.statusStepMs * 4), () => {
      if (template.status === 'PENDING') {
        template.status = random.chance(0.85) ? 'APPROVED' : 'REJECTED';
        runtime.store.dirty = true;
      }
    });
  };

  if (life.inboundPerMinute > 0) {
    scheduler.every(Math.max(50, 60_000 / life.inboundPerMinute), () => {
      const enterprises = [...runtime.store.enterprises.values()];
      const enterprise = enterprises.length === 0 ? undefined : random.pick(enterprises);
      const customers = enterprise?.customers.sorted('last_message_time') ?? [];
      if (enterprise === undefined || customers.length === 0) return;
      // Recent conversations are the likeliest to continue.
      const index = customers.length - 1 - Math.floor(customers.length * random.next() ** 3);
      const customer = customers[index]?.item.customer;
      if (customer === undefined) return;
      const text = random.weighted([
        [random.pick(customerOpeners).replace('{order}', `#${random.int(1000, 9999)}`).replace('{city}', 'Lisbon'), 85],
        [random.pick(customerReplies).replace('{order}', `#${random.int(1000, 9999)}`), 8],
        ['STOP', 3],
        ['HELP', 2],
        ['START', 2],
      ]);
      injectInbound(runtime, { email: enterprise.email, customer: customer._id, text });
    });
  }
}

export function stopLife(runtime: SandboxRuntime): void {
  runtime.scheduler.clear();
  runtime.onOutbound = undefined;
  runtime.onTemplateSubmitted = undefined;
}
