/**
 * `npm run web`: browser mode. Starts main's services without Electron, serves the built renderer on loopback,
 * opens it in the system browser through a private launch file (launch-file.ts) and prints the link too. A link's
 * token works once, for a minute: Enter prints a fresh one.
 *
 *   --port N        listen on N instead of a free port
 *   --no-open       do not open the system browser
 *   --user-data DIR where the cache and preferences live (default: the same folder the desktop app uses)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppServices } from '../app-services';
import { createDispatch } from '../ipc/handler-table';
import { defaultUserDataDir, protectUserData, reportNarrowed, useOwnerOnlyUmask } from '../user-data';
import { openFileCommand, writeLaunchFile } from './launch-file';
import { LAUNCH_TOKEN_LIFETIME_MS } from './launch-tokens';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    'user-data': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run web -- [--port N] [--no-open] [--user-data DIR]');
  process.exit(0);
}

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
if (!existsSync(rendererDir)) {
  console.error('The renderer is not built yet: run `npm run build` (npm run web does it for you).');
  process.exit(1);
}

useOwnerOnlyUmask();
const userDataDir = values['user-data'] ?? defaultUserDataDir();
reportNarrowed(protectUserData(userDataDir));
const services = await createAppServices({ mode: 'browser', userDataDir });
const host = await startWebHost({
  dispatch: createDispatch(services.handlers, {
    onInternalError: (channel, error) => console.error(`[${channel}]`, error),
  }),
  events: services.events,
  rendererDir,
  port,
  ...(services.handleWebMedia ? { media: services.handleWebMedia } : {}),
  // End-to-end tests fix the host name and a reusable launch token, so every browser context they open can be
  // handed one launch URL written before the host starts (playwright.config.ts).
  ...(process.env.INBOX_E2E_HOST_LABEL ? { hostLabel: process.env.INBOX_E2E_HOST_LABEL } : {}),
  ...(process.env.INBOX_E2E_LAUNCH_KEY ? { launchTokens: { reusable: process.env.INBOX_E2E_LAUNCH_KEY } } : {}),
  onInternalError: (error) => console.error('[web-host]', error),
});

console.log(`2-Way Inbox is running in browser mode at ${host.launchUrl}`);
console.log('That link opens the app once, within a minute: press Enter for a fresh one, Ctrl+C to stop.');
if (process.stdin.isTTY) {
  process.stdin.on('data', () => console.log(`A fresh link for one browser: ${host.newLaunchUrl()}`));
}

if (!values['no-open']) await openInBrowser(host.launchUrl);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  process.stdin.pause();
  await host.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

async function openInBrowser(url: string): Promise<void> {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return;
  const file = await writeLaunchFile(url);
  const removeFile = () => file.remove();
  setTimeout(removeFile, LAUNCH_TOKEN_LIFETIME_MS).unref();
  process.once('exit', removeFile);
  const { command, args } = openFileCommand(file.path);
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('(Could not open a browser by itself: open the link above.)'));
  child.unref();
}
