/**
 * A conversation as the eye reads it: oldest first, under one heading per local calendar day, with the sender's
 * label shown once at the start of each run of messages from the same side and origin.
 */
import type { Message, MessageOrigin } from '../../../common/domain';
import { localDayKey } from '../../lib/time';

export interface MessageEntry {
  message: Message;
  /** First of a run from the same origin: show who sent it. */
  startsRun: boolean;
}

export interface DayGroup {
  key: string;
  /** Any instant of that day, to write its heading. */
  time: number;
  entries: MessageEntry[];
}

/** Who sent an outgoing message, in words; the customer's side needs no label. */
export function originLabel(message: Message): string | undefined {
  const labels: Record<MessageOrigin, string | undefined> = {
    CUSTOMER: undefined,
    AGENT: message.clientId === null ? 'Agent' : 'You',
    BOT: 'Bot',
    BROADCAST: 'Broadcast',
  };
  return labels[message.origin];
}

export function groupByDay(messages: readonly Message[]): DayGroup[] {
  const days: DayGroup[] = [];
  let previous: Message | undefined;
  for (const message of messages) {
    const key = localDayKey(message.sent);
    let day = days.at(-1);
    if (day === undefined || day.key !== key) {
      day = { key, time: message.sent, entries: [] };
      days.push(day);
      previous = undefined;
    }
    const startsRun = previous === undefined || originLabel(previous) !== originLabel(message) || previous.origin !== message.origin;
    day.entries.push({ message, startsRun });
    previous = message;
  }
  return days;
}
