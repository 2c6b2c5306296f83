/**
 * `npm run api -- <operationId> ...`: any of the 50 operations from a terminal, through the very client and session
 * the app uses, so support engineers can reproduce what the app does. Prints the answer's JSON on stdout; on
 * failure prints `CODE: message` on stderr and exits with 1.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_BASE_URL } from '../common/api-decisions';
import { fail, ok, type InboxError, type Result } from '../common/result';
import { isBinaryBody, type UntypedCallArgs } from './api/client';
import { isOperationId, operationIds, operations, type OperationSpec, type QueryValue } from './api/operations';
import { Session } from './session/session';
import { defaultUserDataDir } from './user-data';
import { createVault } from './vault/create-vault';
import { createMemoryVault } from './vault/memory-vault';

/** How long the command line waits for the OS keychain before saying it is unavailable. */
const KEYCHAIN_TIMEOUT_MS = 3_000;

const USAGE = `Usage: npm run api -- <operationId> [options]
       npm run api -- --list

Calls one operation of the 2-Way API and prints the answer as JSON.

Options:
  --path name=value     a path parameter (repeat for each)
  --query name=value    a query parameter (repeat; repeat a name to send a list)
  --body JSON|@FILE     the request body, inline or from a file
  --file PATH           the file to send with media.upload
  --mime TYPE           the file's type (guessed from its extension otherwise)
  --base-url URL        the service (default: $TWOWAY_BASE_URL, else ${DEFAULT_BASE_URL})
  --list                print every operation id with its method and path
  --help                print this text

Credentials come from TWOWAY_EMAIL and TWOWAY_PASSWORD; without them, from the account the app last signed in
with, whose password the app keeps in the OS keychain.

Examples:
  npm run api -- customers.list --query limit=2 --base-url http://127.0.0.1:4010
  npm run api -- sms.send --path agent_id=AGENT --body '{"customerNumber":"145044111206","payload":{"type":"TEXT","text":"Hi"}}'
  npm run api -- media.get --path enterprise_id=E --path media_id=M > photo.jpg
`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

/** Types of the files people usually upload; anything else goes as application/octet-stream (accepted too). */
const mimeByExtension: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.mp4': 'video/mp4', '.m4v': 'video/m4v', '.webm': 'video/webm', '.3gp': 'video/3gpp',
  '.ogg': 'audio/ogg', '.mp3': 'audio/mpeg', '.aac': 'audio/aac', '.pdf': 'application/pdf', '.zip': 'application/zip',
  '.csv': 'text/csv', '.xml': 'application/xml', '.html': 'text/html', '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

function pairs(values: string[] | undefined, option: string): Result<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) return fail('BAD_INPUT', `--${option} takes name=value, got "${value}"`);
    const name = value.slice(0, at);
    map.set(name, [...(map.get(name) ?? []), value.slice(at + 1)]);
  }
  return ok(map);
}

/** A command-line value as the type the query schema wants: text, number, boolean or list, whichever it accepts. */
function queryValue(field: z.ZodType | undefined, values: string[]): QueryValue {
  const [first = ''] = values;
  if (values.length > 1) return values;
  const candidates: QueryValue[] = [first];
  if (first.trim() !== '' && Number.isFinite(Number(first))) candidates.push(Number(first));
  if (first === 'true' || first === 'false') candidates.push(first === 'true');
  candidates.push([first]);
  return candidates.find((candidate) => field?.safeParse(candidate).success) ?? first;
}

function queryOf(spec: OperationSpec, given: Map<string, string[]>): Record<string, QueryValue> {
  const shape = spec.query instanceof z.ZodObject ? (spec.query.shape as Record<string, z.ZodType>) : {};
  return Object.fromEntries([...given].map(([name, values]) => [name, queryValue(shape[name], values)]));
}

async function bodyOf(option: string | undefined): Promise<Result<unknown>> {
  if (option === undefined) return ok(undefined);
  let text = option;
  if (option.startsWith('@')) {
    try {
      text = await readFile(option.slice(1), 'utf8');
    } catch (error) {
      return fail('BAD_INPUT', `Cannot read ${option.slice(1)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('BAD_INPUT', '--body is not valid JSON');
  }
}

function report(io: CliIo, error: InboxError): number {
  io.stderr.write(`${error.code}: ${error.message}${error.field ? ` (field: ${error.field})` : ''}\n`);
  return 1;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        path: { type: 'string', multiple: true },
        query: { type: 'string', multiple: true },
        body: { type: 'string' },
        file: { type: 'string' },
        mime: { type: 'string' },
        'base-url': { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.list) {
    const width = Math.max(...operationIds.map((id) => id.length));
    for (const id of operationIds) io.stdout.write(`${id.padEnd(width)}  ${operations[id].method.padEnd(6)} ${operations[id].path}\n`);
    return 0;
  }
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) {
    io.stderr.write(USAGE);
    return 1;
  }
  if (!isOperationId(id)) return report(io, fail('BAD_INPUT', `No operation "${id}"; --list shows them all`).error);
  const spec: OperationSpec = operations[id];


  const path = pairs(values.path, 'path');
  if (!path.ok) return report(io, path.error);
  const query = pairs(values.query, 'query');
  if (!query.ok) return report(io, query.error);
  const body = await bodyOf(values.body);
  if (!body.ok) return report(io, body.error);
  const args: UntypedCallArgs = {
    path: Object.fromEntries([...path.value].map(([name, given]) => [name, given.at(-1) ?? ''])),
    query: queryOf(spec, query.value),
    ...(body.value !== undefined ? { body: body.value } : {}),
    ...(values.file !== undefined
      ? { file: { path: values.file, mimeType: values.mime ?? mimeByExtension[extname(values.file).toLowerCase()] ?? 'application/octet-stream' } }
      : {}),
  };

  const requestedBaseUrl = values['base-url'] ?? io.env.TWOWAY_BASE_URL;
  const opened = await openSession(io.env, requestedBaseUrl);
  if (!opened.ok) {
    io.stderr.write(`${opened.error.message}\n`);
    return 1;
  }
  const session = opened.value;
  try {
    const result = await session.callUntyped(id, args);
    if (!result.ok) return report(io, result.error);
    if (isBinaryBody(result.value)) {
      io.stderr.write(`${result.value.contentType}\n`);
      await pipeline(result.value.body, io.stdout, { end: false });
    } else if (result.value === undefined) {
      io.stderr.write('OK (no content)\n');
    } else {
      io.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
    }
    return 0;
  } finally {
    session.close();
  }
}

/**
 * A signed-in session: the account in TWOWAY_EMAIL/TWOWAY_PASSWORD when both are set, otherwise the account the
 * app last signed in with, its password read from the OS keychain (nothing is written there from here).
 */
async function openSession(env: NodeJS.ProcessEnv, requestedBaseUrl: string | undefined): Promise<Result<Session>> {
  const email = env.TWOWAY_EMAIL;
  const password = env.TWOWAY_PASSWORD;
  if (email && password) {
    const session = new Session({ vault: createMemoryVault('The command line saves nothing') });
    const signedIn = await session.signIn({ email, password, baseUrl: requestedBaseUrl ?? DEFAULT_BASE_URL }, { remember: false });
    if (signedIn.ok) return ok(session);
    session.close();
    return fail(signedIn.error.code, `${signedIn.error.code}: ${signedIn.error.message}`);
  }
  const userDataDir = defaultUserDataDir(env);
  const vault = await createVault({ dataDir: userDataDir, timeoutMs: KEYCHAIN_TIMEOUT_MS });
  const session = new Session({ vault, prefsPath: join(userDataDir, 'session.json') });
  const status = await session.restore();
  if (status.state === 'signed-in' && (requestedBaseUrl === undefined || sameBaseUrl(status.baseUrl, requestedBaseUrl))) {
    return ok(session);
  }
  session.close();
  const why =
    status.state === 'signed-in'
      ? `the app's saved account is on ${status.baseUrl}, not ${requestedBaseUrl ?? ''}`
      : status.state === 'error'
        ? status.error.message
        : status.state === 'signed-out' && status.reason !== undefined
          ? status.reason
          : vault.status().backend === 'keychain'
            ? 'the app has no saved account to use'
            : `the OS keychain is not available (${vault.status().reason ?? 'no reason given'})`;
  return fail(
    'UNAUTHENTICATED',
    `No credentials: ${why}.\nSet TWOWAY_EMAIL and TWOWAY_PASSWORD to the account to call the service with, e.g.\n` +
      '  TWOWAY_EMAIL=agent@demo.2way.test TWOWAY_PASSWORD=sandbox-demo npm run api -- customers.list --base-url http://127.0.0.1:4010',
  );
}

function sameBaseUrl(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // `npm run api -- --list | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
