/**
 * The desktop end-to-end suite runs the browser-mode suite's scenarios: listed by Playwright itself from both
 * configurations, every browser-mode scenario not tagged `@browser-mode` is in the desktop suite, the tagged ones are
 * not, and the desktop-only ones come on top. Listing needs no browser and no Electron binary, so this holds here even
 * though the desktop suite can only run where Electron is installed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BROWSER_MODE_ONLY } from '../../e2e/scenario-tags';

const run = promisify(execFile);

interface ListedSuite {
  specs?: { title: string; file: string; tags?: string[] }[];
  suites?: ListedSuite[];
}
const ListedSuite: z.ZodType<ListedSuite> = z.lazy(() =>
  z.object({
    specs: z.array(z.object({ title: z.string(), file: z.string(), tags: z.array(z.string()).optional() })).optional(),
    suites: z.array(ListedSuite).optional(),
  }),
);
const Listing = z.object({ suites: z.array(ListedSuite) });

/** Every scenario a configuration would run, as "file › title" (file relative to test/e2e or test/). */
async function scenarios(configFile: string): Promise<{ name: string; tags: string[] }[]> {
  const { stdout } = await run('npx', ['playwright', 'test', '--config', configFile, '--list', '--reporter=json'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const found: { name: string; tags: string[] }[] = [];
  const walk = (suite: ListedSuite) => {
    for (const spec of suite.specs ?? []) found.push({ name: `${spec.file.replace(/^e2e\//, '')} › ${spec.title}`, tags: spec.tags ?? [] });
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of Listing.parse(JSON.parse(stdout)).suites) walk(suite);
  return found;
}

describe('the desktop end-to-end suite', () => {
  it('runs every browser-mode scenario except those about browser mode itself, plus its own', { timeout: 60_000 }, async () => {
    const [browser, desktop] = await Promise.all([scenarios('playwright.config.ts'), scenarios('playwright.electron.config.ts')]);
    const tag = BROWSER_MODE_ONLY.replace(/^@/, '');
    const shared = browser.filter((scenario) => !scenario.tags.includes(tag)).map((scenario) => scenario.name);
    const browserOnly = browser.filter((scenario) => scenario.tags.includes(tag)).map((scenario) => scenario.name);
    const desktopNames = desktop.map((scenario) => scenario.name);

    expect(shared.length).toBeGreaterThan(10);
    expect(browserOnly.length).toBeGreaterThan(0);
    expect(desktopNames.filter((name) => shared.includes(name))).toEqual(shared);
    expect(desktopNames.filter((name) => browserOnly.includes(name))).toEqual([]);
    expect(desktopNames.filter((name) => name.startsWith('e2e-electron/')).length).toBeGreaterThan(0);
  });
});
