/**
 * Shared fixtures for the cache tests: customers and messages as sync would store them, caches in temp folders
 * (removed after each test), and `unwrap` for results a test expects to succeed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { AppNotice } from '../../../common/contract/app';
import type { CustomerRecord, MessageRecord } from '../../../common/domain';
import type { Result } from '../../../common/result';
import { inMemory, openCache, type Cache, type OpenCacheOptions } from '../../../main/cache/cache';

export const t0 = Date.UTC(2024, 4, 1, 9, 0, 0);
export const minute = 60_000;

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function customer(index: number, overrides: Partial<CustomerRecord> = {}): CustomerRecord {
  return {
    id: `customer-${String(index).padStart(4, '0')}`,
    name: `Customer ${index}`,
    phone: `1555000${String(index).padStart(4, '0')}`,
    country: 'US',
    subscriptions: { 'agent-sms': true },
    chatbotEnabled: {},
    created: t0,
    modified: t0,
    lastMessageTime: t0 + index * minute,
    ...overrides,
  };
}

export function message(customerId: string, id: string, sent: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    messageId: id,
    customerId,
    agentId: 'agent-sms',
    origin: 'CUSTOMER',
    status: 'DELIVERED',
    sent,
    modified: null,
    payload: { type: 'TEXT', text: `message ${id}` },
    ...overrides,
  };
}

const tempDirs: string[] = [];

afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-cache-test-'));
  tempDirs.push(dir);
  return dir;
}

export interface TestCache {
  cache: Cache;
  file: string;
  notices: AppNotice[];
}

/** A cache in a fresh temp folder (or in memory), collecting its notices; a fixed clock unless `now` is given. */
export function testCache(options: Partial<OpenCacheOptions> & { memory?: boolean } = {}): TestCache {
  const notices: AppNotice[] = [];
  const file = options.file ?? (options.memory ? inMemory : path.join(tempDir(), 'cache.sqlite'));
  const cache = unwrap(
    openCache({ now: () => t0, ...options, file, onNotice: (notice) => notices.push(notice) }),
  );
  return { cache, file, notices };
}

/** Two channels: SMS with one agent, WhatsApp with another. */
export function seedChannels(cache: Cache): void {
  unwrap(
    cache.replaceChannels(
      [
        { id: 'channel-sms', type: 'SMS', name: 'SMS USA', status: 'ACTIVE', created: t0, modified: t0 },
        { id: 'channel-wa', type: 'WA', name: 'WhatsApp', status: 'ACTIVE', created: t0, modified: t0 },
      ],
      [
        { id: 'agent-sms', channelId: 'channel-sms', label: '145044111206', created: t0, modified: t0 },
        { id: 'agent-wa', channelId: 'channel-wa', label: null, created: t0, modified: t0 },
      ],
    ),
  );
}
