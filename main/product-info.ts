/** The product's name and version, read once from package.json so there is one place to change them. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const PackageJson = z.object({ name: z.string(), productName: z.string(), version: z.string() });

function findPackageJson(): string {
  // Bundled code lives in out/main, sources in main/: package.json is one or two folders up from either.
  for (const candidate of ['../package.json', '../../package.json']) {
    const url = new URL(candidate, import.meta.url);
    try {
      const text = readFileSync(url, 'utf8');
      if (PackageJson.safeParse(JSON.parse(text)).success) return text;
    } catch {
      // not this folder; try the next
    }
  }
  throw new Error('package.json not found next to the application code');
}

export const productInfo = PackageJson.parse(JSON.parse(findPackageJson()));
