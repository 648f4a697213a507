/**
 * `npm start`: orgdeck's main job, end to end, against an embedded local org. Starts an org
 * seeded with examples/live-seed.yaml, shows the drift from examples/org.yaml, syncs, accepts
 * the new hire's invite through /_local, syncs again, and ends with an empty diff.
 */
import { join } from 'node:path';
import { StateFileError } from '../src/errors.js';
import { readStateSources } from '../src/file/read.js';
import { loadSeed } from '../src/file/seed.js';
import { type SeedDocument, startLocalOrg } from '../src/local-org/index.js';
import { processIo, useColour } from './io.js';
import { run } from './run.js';

const root = join(import.meta.dirname, '..', '..');
const desired = join('examples', 'org.yaml');
const io = processIo();
const bold = (s: string) => (useColour(io) ? `\u001b[1m${s}\u001b[0m` : s);

async function main(): Promise<number> {
  process.chdir(root);
  const [source] = readStateSources([join('examples', 'live-seed.yaml')], () => new Uint8Array());
  const { seed, problems } = loadSeed(source!, {});
  if (!seed) throw new StateFileError(problems);
  const org = await startLocalOrg({ seed: seed as SeedDocument, owner: 'ana@example.com' });
  const env = { ...process.env, KONNECT_ADDR: org.addr, KONNECT_TOKEN: org.token };
  const cli = (step: string, args: string[]) => {
    io.stdout(`\n${bold(`== ${step}`)}\n$ orgdeck ${args.join(' ')}\n`);
    return run(args, { ...io, env, isTTY: false });
  };
  try {
    io.stdout(`A local Konnect-compatible org is running at ${org.baseUrl}, seeded from examples/live-seed.yaml.\n`);
    await cli('1. Check the file', ['validate', desired]);
    const drift = await cli('2. What differs from the live org?', ['diff', '--non-zero-exit-code', desired]);
    io.stdout(`(exit code ${drift}: drift)\n`);
    await cli('3. Apply it', ['sync', '--yes', desired]);
    io.stdout(`\n${bold('== 4. hana@example.com accepts her invite')} (POST /_local/invites/accept)\n`);
    const res = await fetch(`${org.baseUrl}/_local/invites/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hana@example.com', full_name: 'Hana Sato' }),
    });
    io.stdout(`${res.status} ${res.statusText}\n`);
    await cli('5. Sync again: her preferred name can be set now that she is active', ['sync', '--yes', desired]);
    const clean = await cli('6. Nothing left to do', ['diff', '--non-zero-exit-code', desired]);
    io.stdout(`(exit code ${clean}: ${clean === 0 ? 'the organization matches the file' : 'unexpected drift'})\n`);
    return clean;
  } finally {
    await org.stop();
  }
}

process.exitCode = await main();
