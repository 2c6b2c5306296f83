/** `npm run api` as a support engineer uses it: listing, help, a call, an error, and the missing-credentials hint. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { operationIds } from '../../../main/api/operations';
import { sendError, sendJson, startFakeServer, type FakeHandler, type FakeServer } from './fake-server';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const credentials = { TWOWAY_EMAIL: 'agent@demo.2way.test', TWOWAY_PASSWORD: 'sandbox-demo' };

async function run(argv: string[], handler: FakeHandler = () => {}, env: Record<string, string> = credentials) {
  server = await startFakeServer((request, response) => {
    if (request.url.pathname === '/api/auth') return sendJson(response, 200, { token: 't', expires_at: 4_102_444_800 });
    return handler(request, response);
  });
  const stdout = sink();
  const stderr = sink();
  const code = await runCli([...argv, '--base-url', server.baseUrl], { stdout: stdout.stream, stderr: stderr.stream, env });
  return { code, stdout: stdout.text(), stderr: stderr.text(), server };
}

describe('npm run api', () => {
  it('--list prints every operation id with its method and path', async () => {
    const { code, stdout } = await run(['--list']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    // The reference's 50, and the two media URL forms of its examples (api-decisions' mediaUrlForms).
    expect(lines).toHaveLength(52);
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(operationIds);
    expect(stdout).toMatch(/customers\.list\s+GET\s+\/api\/customers\n/);
  });

  it('--help explains the options', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--query name=value');
  });

  it('calls an operation, turning --query values into the types the operation takes, and prints the JSON', async () => {
    const page = { customers: [{ _id: 'c1', phone: '145044111206' }], total: 1, offset: 0, limit: 2 };
    const { code, stdout, server } = await run(['customers.list', '--query', 'limit=2', '--query', 'order=-1'], (_request, response) =>
      sendJson(response, 200, page),
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(page);
    expect(server.requestsTo('/api/customers')[0]?.url.search).toBe('?limit=2&order=-1');
  });

  it('sends --path and a --body read from a file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cli-'));
    const bodyFile = join(folder, 'body.json');
    await writeFile(bodyFile, JSON.stringify({ customerNumber: '145044111206', payload: { type: 'TEXT', text: 'Hi' } }));
    const { code, stdout, server } = await run(['sms.send', '--path', 'agent_id=a1', '--body', `@${bodyFile}`], (_request, response) =>
      sendJson(response, 200, { message_id: 'm1' }),
    );
    await rm(folder, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ message_id: 'm1' });
    expect(server.requestsTo('/api/agents/sms/a1/send')).toHaveLength(1);
  });

  it('prints CODE: message on stderr and exits 1 when the service refuses', async () => {
    const { code, stdout, stderr } = await run(['customers.get', '--path', 'identifier=nobody'], (_request, response) =>
      sendError(response, 404, 'Entity not found'),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('NOT_FOUND: Entity not found\n');
  });

  it('reports a misspelt query parameter instead of dropping it', async () => {
    const { code, stderr, server } = await run(['customers.list', '--query', 'limt=2']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^VALIDATION: .*limt/);
    expect(server.requestsTo('/api/customers')).toHaveLength(0);
  });

  it('says how to give credentials when they are missing, and names an unknown operation', async () => {
    // An empty user-data folder: no account saved by the app to fall back on.
    const missing = await run(['customers.list'], () => {}, { INBOX_USER_DATA: await mkdtemp(join(tmpdir(), 'cli-no-account-')) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('TWOWAY_EMAIL');
    const unknown = await run(['customers.lst']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No operation "customers.lst"');
  });
});
