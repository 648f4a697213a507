/** A digest of the state files as read: what a saved plan was made from. Names are left out, so a checkout elsewhere matches. */
import { createHash } from 'node:crypto';
import type { Source } from './source.js';

export function digestSources(sources: readonly Source[]): string {
  const all = createHash('sha256');
  for (const s of sources) all.update(createHash('sha256').update(s.bytes).digest('hex'));
  return `sha256:${all.digest('hex')}`;
}
