// `npm start`: the desktop app where Electron's binary is available; otherwise browser mode, said plainly.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const electronDir = join('node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}

if (binary !== undefined && existsSync(binary)) {
  run('npm', ['run', '--silent', 'build']);
} else {
  console.log('Electron is not available on this machine; opening 2-Way Inbox in browser mode instead.');
  run('npm', ['run', '--silent', 'web']);
}
