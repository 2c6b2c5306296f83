/**
 * Channels and their agents: the few rows that say which ways of reaching customers the account has. The server's
 * channel list is complete, so each sync replaces the set (a deleted channel takes its agents with it).
 */
import type { Agent, Channel } from '../../common/domain';
import { ok, type Result } from '../../common/result';
import { AgentRow, ChannelRow, parseRows } from './rows';
import type { Sql } from './sql';

export function replaceChannels(sql: Sql, channels: readonly Channel[], agents: readonly Agent[]): Result<void> {
  return sql.transaction(() => {
    const keep = JSON.stringify(channels.map((channel) => channel.id));
    sql.statement('DELETE FROM channels WHERE id NOT IN (SELECT value FROM json_each(?))').run(keep);
    const upsertChannel = sql.statement(
      `INSERT INTO channels (id, type, name, status, created, modified) VALUES (@id, @type, @name, @status, @created, @modified)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, status = excluded.status,
         created = excluded.created, modified = excluded.modified`,
    );
    for (const channel of channels) upsertChannel.run(channel);
    const keepAgents = JSON.stringify(agents.map((agent) => agent.id));
    sql.statement('DELETE FROM agents WHERE id NOT IN (SELECT value FROM json_each(?))').run(keepAgents);
    const upsertAgent = sql.statement(
      `INSERT INTO agents (id, channel_id, label, created, modified) VALUES (@id, @channelId, @label, @created, @modified)
       ON CONFLICT (id) DO UPDATE SET channel_id = excluded.channel_id, label = excluded.label,
         created = excluded.created, modified = excluded.modified`,
    );
    for (const agent of agents) upsertAgent.run(agent);
    return ok(undefined);
  });
}

export function listChannels(sql: Sql): Result<Channel[]> {
  return parseRows(ChannelRow, sql.statement('SELECT id, type, name, status, created, modified FROM channels ORDER BY name, id').all(), 'channel');
}

export function listAgents(sql: Sql): Result<Agent[]> {
  return parseRows(AgentRow, sql.statement('SELECT id, channel_id, label, created, modified FROM agents ORDER BY channel_id, id').all(), 'agent');
}
