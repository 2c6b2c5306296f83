/**
 * `npm test`: every check the project has, in the order that fails fastest — lint, typecheck, unit and component
 * tests, integration tests (the keychain ones twice: with a real Secret Service and without one), then the
 * end-to-end tests in Chromium against browser mode, and the same scenarios in the desktop app through Playwright's
 * `_electron` where an Electron binary is installed (where none is, one line says they were not run). Ends with one
 * line, `N passed, N failed`, counting each test and each static check.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { installedElectronBinary, NOT_INSTALLED_LINE } from '../test/e2e-electron/electron-binary';

interface Tally {
  passed: number;
  failed: number;
}

const tally: Tally = { passed: 0, failed: 0 };
const failures: string[] = [];
const reportDir = mkdtempSync(join(tmpdir(), 'inbox-test-'));
const keychainTests = 'test/integration/vault';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

async function check(name: string, command: string, args: string[]): Promise<void> {
  console.log(`\n━━ ${name}`);
  const code = await run(command, args);
  record(name, code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
}

function record(name: string, result: Tally): void {
  tally.passed += result.passed;
  tally.failed += result.failed;
  if (result.failed > 0) failures.push(`${name}: ${result.failed} failed`);
}

const VitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numTotalTests: z.number(),
  success: z.boolean(),
});

async function vitest(name: string, args: string[], env: NodeJS.ProcessEnv = {}, wrapper: string[] = []): Promise<void> {
  console.log(`\n━━ ${name}`);
  const output = join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const vitestArgs = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`, ...args];
  const [command, ...rest] = wrapper.length > 0 ? [...wrapper, 'npx', ...vitestArgs] : ['npx', ...vitestArgs];
  const code = await run(command ?? 'npx', rest, env);
  const report = readJson(output, VitestReport);
  if (report === undefined) {
    record(name, { passed: 0, failed: 1 });
    return;
  }
  // A run that crashed outside any test (a failing import, a hook) has failures that count no test: count one.
  const unexplained = code !== 0 && report.numFailedTests === 0 ? 1 : 0;
  record(name, { passed: report.numPassedTests, failed: report.numFailedTests + unexplained });
}

const PlaywrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
});

async function playwright(name = 'end-to-end', configArgs: string[] = []): Promise<void> {
  const output = join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const code = await run('npx', ['playwright', 'test', ...configArgs, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: output,
  });
  const report = readJson(output, PlaywrightReport);
  if (report === undefined) {
    record(name, { passed: 0, failed: 1 });
    return;
  }
  const { expected, unexpected, flaky, skipped } = report.stats;
  const unexplained = code !== 0 && unexpected === 0 ? 1 : 0;
  record(name, { passed: expected, failed: unexpected + flaky + skipped + unexplained });
}

async function electronEndToEnd(): Promise<void> {
  console.log('\n━━ end-to-end (Playwright, Electron)');
  if (installedElectronBinary(process.cwd()) === undefined) {
    console.log(NOT_INSTALLED_LINE);
    return;
  }
  await playwright('Electron end-to-end', ['--config', 'playwright.electron.config.ts']);
}

function readJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const withSecretService = [
  'dbus-run-session',
  '--',
  'sh',
  '-c',
  // A fresh keyring folder: a login keyring left by an earlier run, with another password, would not unlock.
  'export XDG_DATA_HOME="$(mktemp -d)"; echo -n inbox-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"',
  'with-keyring',
];

await check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
await check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
await vitest('unit and component tests', ['--project', 'unit', '--project', 'components']);
await vitest('integration tests', ['--project', 'integration', '--exclude', `${keychainTests}/**`], {
  DBUS_SESSION_BUS_ADDRESS: '',
});
await vitest('keychain tests without a Secret Service', ['--project', 'integration', keychainTests], {
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/inbox-test-bus',
});
await vitest(
  'keychain tests with a Secret Service',
  ['--project', 'integration', keychainTests],
  { INBOX_EXPECT_KEYCHAIN: '1' },
  withSecretService,
);
await check('build', 'npm', ['run', '--silent', 'build']);
console.log('\n━━ end-to-end (Playwright, browser mode)');
await playwright();
await electronEndToEnd();

rmSync(reportDir, { recursive: true, force: true });
if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed > 0 ? 1 : 0);
