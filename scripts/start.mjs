// `npm start` (after `prestart` ran setup): builds, then runs the desktop app where Electron's binary is available;
// where it is missing and cannot be downloaded, says so in one line and runs browser mode instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(projectDir, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Electron's binary, found the way its index.js finds it but without that file's download-on-require. */
function electronBinary() {
  let relative = 'electron';
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) return undefined;
  }
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist'), relative);
  return existsSync(binary) ? binary : undefined;
}

/** Electron 45+ downloads its binary on first use; try once, quietly, and give up after a minute. */
function tryDownloadElectron() {
  const installer = join(electronDir, 'install.js');
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(installer)) return Promise.resolve();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), DOWNLOAD_TIMEOUT_MS);
    child.on('error', () => resolve());
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs a command in the foreground: signals go to it, and its exit code becomes ours. */
function runToCompletion(command, args) {
  return new Promise((resolve) => {
    // Windows runs npm and npx as .cmd scripts, which Node only spawns through a shell.
    const shell = process.platform === 'win32' && command.endsWith('.cmd');
    const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit', shell });
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(name, forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const built = await runToCompletion(npm, ['run', '--silent', 'build']);
if (built !== 0) process.exit(built);

let binary = electronBinary();
if (binary === undefined) {
  await tryDownloadElectron();
  binary = electronBinary();
}

if (binary !== undefined) {
  process.exit(await runToCompletion(binary, [projectDir, ...process.argv.slice(2)]));
} else {
  console.log('Electron could not be downloaded on this machine; opening 2-Way Inbox in browser mode instead.');
  process.exit(await runToCompletion(npx, ['--no-install', 'tsx', 'main/web-host/cli.ts', ...process.argv.slice(2)]));
}
