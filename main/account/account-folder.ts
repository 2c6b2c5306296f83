/**
 * Where one account's data lives: `accounts/<hash>/` under the user-data folder, named by a hash of the account
 * (the vault's "email at address"), so the name is safe on every filesystem and the same for every start. An
 * `account.json` beside the data names the account for support, and marks a sandbox trial's throwaway folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LOCK_STALE_MS } from '../outbox/instance-lock';
import { vaultAccount } from '../vault/vault';

export interface AccountId {
  email: string;
  baseUrl: string;
}

export const ACCOUNTS_FOLDER = 'accounts';
export const CACHE_FILE = 'cache.sqlite';
/** The outbox and drafts, apart from the cache so that a damaged cache cannot take them (main/cache/durable.ts). */
export const OUTBOX_FILE = 'outbox.sqlite';
const INFO_FILE = 'account.json';
/** 128 bits of SHA-256: no two accounts of one machine meet, and the path stays short (Windows' 260 characters). */
const FOLDER_NAME_LENGTH = 32;

const AccountInfo = z.object({ email: z.string(), baseUrl: z.string(), sandboxTrial: z.boolean() });
export type AccountInfo = z.infer<typeof AccountInfo>;

/** One account, however its email was typed: the service treats addresses case-insensitively. */
export function accountKey(account: AccountId): string {
  return vaultAccount(account.email.trim().toLowerCase(), account.baseUrl);
}

export function sameAccount(a: AccountId, b: AccountId): boolean {
  return accountKey(a) === accountKey(b);
}

export function accountFolder(userDataDir: string, account: AccountId): string {
  const name = createHash('sha256').update(accountKey(account)).digest('hex').slice(0, FOLDER_NAME_LENGTH);
  return join(userDataDir, ACCOUNTS_FOLDER, name);
}

/** Creates the account's folder, owner-only (an earlier release's is narrowed), and (re)writes its `account.json`. */
export function prepareAccountFolder(folder: string, info: AccountInfo): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  fs.writeFileSync(join(folder, INFO_FILE), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(join(folder, INFO_FILE), 0o600);
}

function readAccountInfo(folder: string): AccountInfo | undefined {
  try {
    const parsed = AccountInfo.safeParse(JSON.parse(fs.readFileSync(join(folder, INFO_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether another app instance's outbox is working in this folder right now (its lock's heartbeat is fresh). */
function inUse(folder: string): boolean {
  try {
    return Date.now() - fs.statSync(join(folder, `${CACHE_FILE}.outbox-lock`)).mtimeMs < DEFAULT_LOCK_STALE_MS;
  } catch {
    return false;
  }
}

/**
 * Removes sandbox trial folders an earlier run left behind (it crashed or was killed before the trial ended): their
 * sandbox is gone with that run, so nothing in them can be reached again. A folder still in use is left alone.
 */
export function removeTrialLeftovers(userDataDir: string): string[] {
  const root = join(userDataDir, ACCOUNTS_FOLDER);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const folder = join(root, name);
    if (readAccountInfo(folder)?.sandboxTrial !== true || inUse(folder)) continue;
    fs.rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}
