/**
 * Tests that spawn the real binary (killing it mid-sync) need dist/ to match the sources: build
 * once before the suite as `npm run build` does, tsc's dist/ and the bin's bundle (npm ci builds
 * nothing: the package is built when packed).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, '.ci', 'bundle.mjs')], { stdio: 'inherit' });
}
