/** Where the org's state comes from at start (data file or seed) and how it is kept. */
import { dirname } from 'node:path';
import type { SeedDocument } from './seed-document.js';
import { buildOrgFromSeed } from './seed.js';
import { readJsonIfExists, removeStaleTemps, writeJsonAtomic } from './persist.js';
import type { OrgHolder } from './http/router.js';
import { ORG_DATA_VERSION, type OrgData, type OrgEnv } from './types.js';
import { recordHandedOutToken } from './store/access-tokens.js';
import { UsageError } from '../errors.js';

const COLLECTIONS = [
  'users', 'teams', 'team_users', 'system_accounts', 'team_system_accounts', 'assigned_roles', 'control_planes', 'api_products',
] as const;

function checkOrgData(value: unknown, file: string): OrgData {
  const v = value as Partial<Record<string, unknown>> | null;
  const ok =
    v !== null && typeof v === 'object' && v.version === ORG_DATA_VERSION &&
    typeof v.organization === 'object' && typeof v.auth_settings === 'object' &&
    COLLECTIONS.every((key) => Array.isArray(v[key]));
  if (!ok) throw new UsageError(`The data file ${file} is not an orgdeck local org (version ${ORG_DATA_VERSION}); move it away or pick another file.`);
  // Data files written before identity providers were served: no provider, no mapping.
  const data = value as OrgData;
  data.identity_providers ??= [];
  data.team_group_mappings ??= [];
  return data;
}

export interface OrgStateOptions {
  seed?: SeedDocument;
  owner: string;
  dataFile?: string;
  env: OrgEnv;
  /** The token is this system account's (a seeded account's name), not the owner's. */
  tokenAccount?: string;
}

export interface OrgState {
  holder: OrgHolder;
  /** Writes the current org to the data file, if there is one. */
  persist: () => void;
}

/**
 * The seed is always built (it is what reset goes back to); an existing data file wins over it
 * at start, so a restart continues where the last run stopped.
 */
export function openOrgState(opts: OrgStateOptions): OrgState {
  const initial = buildOrgFromSeed(opts.seed, { env: opts.env, owner: opts.owner });
  // A write killed between its temp file and the rename leaves the temp file: the data file itself is whole.
  if (opts.dataFile !== undefined) removeStaleTemps(opts.dataFile);
  const loaded = opts.dataFile === undefined ? undefined : readData(opts.dataFile);
  const holder: OrgHolder = {
    data: loaded === undefined ? structuredClone(initial) : checkOrgData(loaded, opts.dataFile!),
    env: opts.env,
    ...(opts.tokenAccount ? { tokenAccount: opts.tokenAccount } : {}),
    reset() {
      this.data = structuredClone(initial);
    },
  };
  const persist = () => {
    if (opts.dataFile !== undefined) writeJsonAtomic(opts.dataFile, holder.data);
  };
  if (opts.tokenAccount !== undefined && !holder.data.system_accounts.some((a) => a.name === opts.tokenAccount)) {
    throw new UsageError(`The org has no system account named "${opts.tokenAccount}" to hand a token to; seed it under system_accounts.`);
  }
  if (opts.tokenAccount !== undefined) {
    // The token handed out is listed on its account, as Konnect lists an account's tokens.
    recordHandedOutToken(initial, opts.env, opts.tokenAccount);
    recordHandedOutToken(holder.data, opts.env, opts.tokenAccount);
  }
  if (loaded === undefined) firstWrite(opts.dataFile, persist);
  return { holder, persist };
}

/** The first write says whether the data file can be written at all: a sentence, not a stack trace. */
function firstWrite(file: string | undefined, persist: () => void): void {
  try {
    persist();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const folder = dirname(file ?? '.');
    const why =
      code === 'ENOENT' ? `the folder "${folder}" does not exist. Create it first, or choose another path`
      : code === 'ENOTDIR' ? `"${folder}" is not a folder. Choose another path`
      : code === 'EACCES' || code === 'EPERM' ? `no permission to write in "${folder}". Choose another path`
      : code === 'EISDIR' ? 'it is a folder. Give a file path, like org.json'
      : `${(err as Error).message}. Choose another path`;
    throw new UsageError(`Cannot write the data file "${file}" given with --data: ${why}.`);
  }
}

/** persist.ts stays free of local imports (a child process runs it alone); its refusals become usage errors here. */
function readData(file: string): unknown {
  try {
    return readJsonIfExists(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
