/**
 * The sandbox on a shared machine: its control API answers only programs on this machine (no DNS-rebinding page,
 * no cross-site post), and `dataFile`, which holds every account's password, is its owner's only.
 */
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

let sandbox: RunningSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A raw POST, so the test sets Host and Origin as a browser visiting another site would. */
function post(baseUrl: string, path: string, headers: Record<string, string>): Promise<number> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the control API', () => {
  it('refuses a request naming another host, as a DNS-rebinding page sends, and a foreign Origin', async () => {
    sandbox = await startSandbox({ port: 0, control: true, customers: 2 });
    const { port } = new URL(sandbox.baseUrl);
    expect(await post(sandbox.baseUrl, '/__sandbox/expire-tokens', { host: `rebound.example:${port}` })).toBe(403);
    expect(await post(sandbox.baseUrl, '/__sandbox/expire-tokens', { host: `127.0.0.1:${port}`, origin: 'http://evil.example' })).toBe(403);
    expect(await post(sandbox.baseUrl, '/__sandbox/expire-tokens', { host: `127.0.0.1:${port}` })).toBe(204);
    expect(await post(sandbox.baseUrl, '/__sandbox/expire-tokens', { host: `localhost:${port}`, origin: `http://localhost:${port}` })).toBe(204);
  });
});

describe('dataFile', () => {
  it('is written 0600, with its media folder 0700, even over files an earlier release left readable', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
    const dataFile = join(directory, 'state.json');
    mkdirSync(`${dataFile}.media`);
    chmodSync(`${dataFile}.media`, 0o755);
    writeFileSync(`${dataFile}.tmp`, 'left over by a crash');
    chmodSync(`${dataFile}.tmp`, 0o644);
    sandbox = await startSandbox({ port: 0, customers: 2, dataFile });
    await sandbox.close();
    sandbox = undefined;
    expect(statSync(dataFile).mode & 0o777).toBe(0o600);
    expect(statSync(`${dataFile}.media`).mode & 0o777).toBe(0o700);
  });
});
