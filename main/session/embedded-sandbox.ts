/**
 * The app's default way to start the sandbox: in this process, with simulated customers, on a free loopback port.
 * Imported lazily so the app loads the sandbox's code only when the agent asks to try it.
 */
import type { SandboxHandle } from './sandbox-trial';

export async function startEmbeddedSandbox(): Promise<SandboxHandle> {
  const { startSandbox, DEMO_ACCOUNT } = await import('../../sandbox/index');
  const sandbox = await startSandbox({ life: true });
  // The demo account first, so "try it" always lands in the same realistic inbox.
  const accounts = [DEMO_ACCOUNT, ...sandbox.accounts.filter((account) => account.email !== DEMO_ACCOUNT.email)];
  return { baseUrl: sandbox.baseUrl, accounts, close: () => sandbox.close() };
}
