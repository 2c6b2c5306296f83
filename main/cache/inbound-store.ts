/** When a customer last wrote through an agent: what WhatsApp's 24-hour window counts from. */
import { z } from 'zod';
import { Timestamp } from '../../common/domain';
import { ok, type Result } from '../../common/result';
import { inConversation, parseRow } from './rows';
import type { Sql } from './sql';

const LastInbound = z.object({ sent: Timestamp.nullable() });

/**
 * The newest customer message through `agentId` among every message the cache holds for the customer, however far
 * back the thread's loaded window reaches; null when they never wrote through it.
 */
export function lastInboundAt(sql: Sql, customerId: string, agentId: string): Result<number | null> {
  const row = parseRow(
    LastInbound,
    sql
      .statement(`SELECT max(m.sent) AS sent FROM messages m WHERE ${inConversation} AND m.agent_id = @agentId AND m.origin = 'CUSTOMER'`)
      .get({ customerId, agentId }),
    'message',
  );
  return row.ok ? ok(row.value?.sent ?? null) : row;
}
