/**
 * `npm run web`: browser mode. Starts main's services without Electron, serves the built renderer on loopback and
 * prints the one URL that opens it (the URL carries the per-launch secret).
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
import { defaultUserDataDir } from '../user-data';
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

const userDataDir = values['user-data'] ?? defaultUserDataDir();
const services = await createAppServices({ mode: 'browser', userDataDir });
const host = await startWebHost({
  dispatch: createDispatch(services.handlers, {
    onInternalError: (channel, error) => console.error(`[${channel}]`, error),
  }),
  events: services.events,
  rendererDir,
  port,
  ...(services.handleWebMedia ? { media: services.handleWebMedia } : {}),
  // End-to-end tests fix the secret so the browser they drive can be handed the launch URL before the host starts.
  ...(process.env.INBOX_WEB_SECRET ? { secret: process.env.INBOX_WEB_SECRET } : {}),
  onInternalError: (error) => console.error('[web-host]', error),
});

console.log(`2-Way Inbox is running in browser mode at ${host.launchUrl}`);
console.log('Open that link (it carries this launch\'s secret); press Ctrl+C to stop.');

if (!values['no-open']) openInBrowser(host.launchUrl);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await host.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

function openInBrowser(url: string): void {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return;
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('(Could not open a browser by itself: open the link above.)'));
  child.unref();
}
