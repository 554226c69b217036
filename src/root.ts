// Where the installed jiuye lives. This file sits one level below the root in every form jiuye takes
// (src/ under the test runner, dist/ when built, app/ in a release bundle), so data/ and templates/
// are found from here alike.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Set by the release build (release.ts) through esbuild's define; absent in a checkout.
declare const __JIUYE_BUNDLE__: { version: string } | undefined;

/** The release bundle's facts, or null when running from a checkout. */
export const BUNDLE: { version: string } | null = typeof __JIUYE_BUNDLE__ === 'undefined' ? null : __JIUYE_BUNDLE__;

/** The folder holding data/ and templates/ (the package root, or the bundle's folder). */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A native binary shipped in the bundle's native/ folder (a checkout loads them from node_modules). */
export function bundledNative(file: string): string | undefined {
  return BUNDLE ? join(ROOT, 'native', file) : undefined;
}
