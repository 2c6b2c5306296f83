/**
 * `npm run sandbox`: the help a new user reads, flags turned into options, the URL and sign-in printed at start,
 * and a clean stop on SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Client, expectError, field } from './client';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cliArgs = ['--import', 'tsx', 'sandbox/cli.ts'];

describe('the sandbox command', () => {
  it('explains the flags, the demo credentials and the control API in --help', () => {
    const result = spawnSync(process.execPath, [...cliArgs, '--help'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const text of ['agent@demo.2way.test', 'sandbox-demo', '--account EMAIL:PASSWORD', '--inbound-per-minute', '--fault JSON', 'POST   /__sandbox/inbound', 'curl']) {
      expect(result.stdout).toContain(text);
    }
  });

  it('refuses a malformed flag with a message and exit code 2', () => {
    const result = spawnSync(process.execPath, [...cliArgs, '--customers', 'lots'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--customers must be an integer/);
  });

  it('starts with the given accounts, token lifetime, control API and faults, and stops on SIGTERM', async () => {
    const fault = JSON.stringify({ path: '/api/settings', kind: 'status', status: 503, times: 1 });
    const child = spawn(
      process.execPath,
      [...cliArgs, '--port', '0', '--customers', '5', '--no-life', '--control', '--account', 'ops@example.test:pw', '--account', 'two@example.test:pw2', '--token-lifetime', '60', '--fault', fault],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let output = '';
    const baseUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    try {
      expect(output).toContain('sign in: ops@example.test / pw');
      expect(output).toContain('sign in: two@example.test / pw2');
      const client = new Client(baseUrl);
      const login = await client.post('/api/auth', { email: 'ops@example.test', password: 'pw' });
      expect(field(login.json, 'expires_at', 'number') - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(60);
      client.token = field(login.json, 'token', 'string');
      expectError(await client.get('/api/settings'), 503);
      expect((await client.get('/api/settings')).status).toBe(200);
      expect((await client.get('/__sandbox/')).status).toBe(200);
      expectError(await client.post('/api/auth', { email: 'agent@demo.2way.test', password: 'sandbox-demo' }), 401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await expect(fetch(baseUrl)).rejects.toThrow();
  });
});
