/**
 * What the engine reports while it works, as values: the engine never prints; a renderer in
 * cmd/ turns these into a line a person can follow.
 */
import type { ClientEvent } from './konnect/client.js';

/** Parts of the live organization being read; `done`/`total` count what the part is made of. */
export type ReadPart = 'users' | 'teams' | 'memberships' | 'grants';

export type ProgressEvent =
  | { type: 'read'; part: ReadPart; done: number; total: number }
  | { type: 'apply'; done: number; total: number }
  | ClientEvent;

export type OnProgress = (e: ProgressEvent) => void;
