/**
 * `npm run api` without TWOWAY_EMAIL/TWOWAY_PASSWORD uses the account the app last signed in with and its password
 * from the OS keychain. Run by the orchestrator with a real Secret Service (INBOX_EXPECT_KEYCHAIN=1) and without.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { writeSessionPrefs } from '../../../main/session/prefs';
import { createVault } from '../../../main/vault/create-vault';
import { vaultAccount } from '../../../main/vault/vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';

const expectKeychain = process.env.INBOX_EXPECT_KEYCHAIN === '1';
let userData: string;
let sandbox: RunningSandbox;

beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'inbox-cli-keychain-'));
  sandbox = await startSandbox({ port: 0, customers: 5 });
  await writeSessionPrefs(join(userData, 'session.json'), {
    lastAccount: { email: DEMO_ACCOUNT.email, baseUrl: sandbox.baseUrl },
  });
});
afterEach(async () => {
  await sandbox.close();
  await rm(userData, { recursive: true, force: true });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli(argv, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: { INBOX_USER_DATA: userData },
  });
  return { code, stdout, stderr };
}

describe('npm run api with the app\'s saved account', () => {
  if (expectKeychain) {
    it('signs in with the password the app keeps in the keychain', async () => {
      const vault = await createVault({ dataDir: userData, timeoutMs: 3_000 });
      expect(vault.status().backend).toBe('keychain');
      const account = vaultAccount(DEMO_ACCOUNT.email, sandbox.baseUrl);
      await vault.set(account, DEMO_ACCOUNT.password);
      try {
        const result = await run(['customers.list', '--query', 'limit=2']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({ limit: 2 });
        const elsewhere = await run(['customers.list', '--base-url', 'https://omni.mmdsmart.com']);
        expect(elsewhere.code).toBe(1);
        expect(elsewhere.stderr).toContain(`saved account is on ${sandbox.baseUrl}`);
      } finally {
        await vault.delete(account);
      }
    });
  } else {
    it('says the keychain is unavailable and how to give credentials instead', async () => {
      const result = await run(['customers.list']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('No credentials');
      expect(result.stderr).toContain('TWOWAY_EMAIL');
    });
  }
});
