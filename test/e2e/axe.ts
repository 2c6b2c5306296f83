/**
 * The accessibility check every end-to-end screen can run: axe-core over the whole page, failing on any serious or
 * critical violation with the rule, the elements and axe's own explanation, so the report says what to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const blocking: ReadonlySet<string> = new Set(['serious', 'critical']);

/** One line per offending element: which rule, where, and why (axe's summary holds the measured contrast). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => blocking.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`),
    );
}

/** Fails the test when axe finds anything serious or critical on the page as it is now; `screen` names it in the report. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  expect(await seriousViolations(page), `serious or critical axe violations on ${screen}`).toEqual([]);
}
