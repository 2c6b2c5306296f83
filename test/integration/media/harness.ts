/**
 * The media pipeline against a real sandbox on 127.0.0.1: a typed client signed in with a token the test can see
 * (to prove it never reaches the renderer), the media service over an in-memory cache, and every progress event.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaProgress } from '../../../common/contract/media';
import type { SessionStatus } from '../../../common/contract/session';
import { fail, ok } from '../../../common/result';
import { ApiClient } from '../../../main/api/client';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { EventBus } from '../../../main/ipc/event-bus';
import { createMediaService, type MediaService } from '../../../main/media/media-service';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';

export interface MediaHarness {
  sandbox: RunningSandbox;
  token: string;
  api: ApiClient;
  cache: Cache;
  service: MediaService;
  events: EventBus;
  progress: MediaProgress[];
  folder: string;
  /** Writes a file into the test's folder and answers its path. */
  file(name: string, bytes: Buffer): Promise<string>;
  /** Requests the sandbox logged for `method path`, the path as sent (ids filled in). */
  requests(method: string, pathPrefix: string): number;
  close(): Promise<void>;
}

export async function signInToken(baseUrl: string): Promise<string> {
  const login = new ApiClient({ baseUrl });
  const answer = await login.call('auth.login', { body: DEMO_ACCOUNT });
  login.close();
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.token;
}

export async function startMediaHarness(
  options: { mode?: 'electron' | 'browser'; responseTimeoutMs?: number; signedIn?: boolean } = {},
): Promise<MediaHarness> {
  const sandbox = await startSandbox({ customers: 3, messagesPerCustomer: 2 });
  const token = await signInToken(sandbox.baseUrl);
  const api = new ApiClient({
    baseUrl: sandbox.baseUrl,
    authenticator: { currentToken: async () => ok(token), renewAfterRejection: async () => fail('UNAUTHENTICATED', 'expired') },
    ...(options.responseTimeoutMs ? { responseTimeoutMs: options.responseTimeoutMs } : {}),
  });
  const opened = openCache({ file: inMemory });
  if (!opened.ok) throw new Error(opened.error.message);
  const folder = await mkdtemp(join(tmpdir(), 'media-'));
  const events = new EventBus();
  const progress: MediaProgress[] = [];
  events.subscribe((event, payload) => {
    if (event === 'media:progress') progress.push(payload as MediaProgress);
  });
  const status: SessionStatus =
    options.signedIn === false
      ? { state: 'signed-out' }
      : { state: 'signed-in', email: DEMO_ACCOUNT.email, baseUrl: sandbox.baseUrl, isSandbox: true };
  const service = createMediaService({
    api,
    status: () => status,
    events,
    mode: options.mode ?? 'electron',
    index: opened.value,
    dataDir: join(folder, 'user-data'),
  });
  return {
    sandbox,
    token,
    api,
    cache: opened.value,
    service,
    events,
    progress,
    folder,
    file: async (name, bytes) => {
      const path = join(folder, name);
      await writeFile(path, bytes);
      return path;
    },
    requests: (method, pathPrefix) =>
      sandbox.requestLog().filter((entry) => entry.method === method && entry.path.startsWith(pathPrefix)).length,
    close: async () => {
      await service.close();
      opened.value.close();
      api.close();
      await sandbox.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A PDF of `size` bytes: a real header, then filler the service stores as it is. */
export function pdfOfSize(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.4\n', 0, 'latin1');
  for (let index = 16; index < size; index += 4096) bytes.writeUInt32BE(index, index);
  return bytes;
}
