/** The engine driven in-process against a local org: fetch → plan (diff), then apply (sync). */
import { type ApplyReport, applyPlan, countResults } from '../../src/apply/apply.js';
import { buildPlan } from '../../src/plan/build.js';
import { scopeOf } from '../../src/diff/scope.js';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { type ClientOptions, KonnectClient } from '../../src/konnect/client.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import type { RetryPolicy } from '../../src/konnect/retry.js';
import { undiciTransport } from '../../src/konnect/transport.js';
import { type LocalOrg, type LocalOrgOptions, type SeedDocument, startLocalOrg } from '../../src/local-org/index.js';
import type { DesiredState } from '../../src/model.js';
import type { Plan } from '../../src/plan/types.js';

export const TOKEN = 'kpat_BENCHtoken_not_a_secret_0123456789abcdef';

/** What the brief asks for under faults: many quick retries instead of the CLI's patient ones. */
export const FAST_RETRY: RetryPolicy = { maxTries: 8, baseDelayMs: 5, maxDelayMs: 200, deadlineMs: 60_000 };

export function desiredFrom(yaml: string): DesiredState {
  const r = loadDesiredState([sourceFromText('bench.yaml', yaml)], {});
  if (!r.state) throw new Error(`benchmark state is invalid: ${r.problems.slice(0, 5).map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
  return r.state;
}

/** Stops every org started through it, even when a benchmark throws. */
export class Orgs {
  private readonly running: LocalOrg[] = [];

  async start(seed: SeedDocument, opts: LocalOrgOptions = {}): Promise<LocalOrg> {
    // A clone, so no org ever shares arrays with the seed the next run starts from.
    const org = await startLocalOrg({ seed: structuredClone(seed), token: TOKEN, ...opts });
    this.running.push(org);
    return org;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.running.splice(0).map((o) => o.stop()));
  }
}

export function clientFor(org: LocalOrg, parallelism: number, opts: Pick<ClientOptions, 'retry' | 'onAttempt'> = {}): KonnectClient {
  return new KonnectClient({ addr: org.addr, token: org.token, transport: undiciTransport(parallelism), parallelism, timeoutMs: 30_000, ...opts });
}

export interface DiffRun {
  ms: number;
  plan: Plan;
  requests: number;
}

export async function diffOnce(org: LocalOrg, desired: DesiredState, client: KonnectClient): Promise<DiffRun> {
  const before = org.stats().requests;
  const t0 = performance.now();
  const plan = buildPlan(desired, await fetchLiveState(client, scopeOf(desired)));
  return { ms: performance.now() - t0, plan, requests: org.stats().requests - before };
}

export interface SyncRun extends DiffRun {
  report: ApplyReport;
  fetchRequests: number;
  applyRequests: number;
  applyMs: number;
  failed: number;
}

export async function syncOnce(org: LocalOrg, desired: DesiredState, client: KonnectClient): Promise<SyncRun> {
  const diff = await diffOnce(org, desired, client);
  const before = org.stats().requests;
  const t0 = performance.now();
  const report = await applyPlan(diff.plan, { client, userIds: new Map(), teamIds: new Map(), accountIds: new Map() });
  const applyMs = performance.now() - t0;
  const applyRequests = org.stats().requests - before;
  const c = countResults(report);
  return {
    ms: diff.ms + applyMs,
    plan: diff.plan,
    requests: diff.requests + applyRequests,
    report,
    fetchRequests: diff.requests,
    applyRequests,
    applyMs,
    failed: c.failed + c.skipped,
  };
}

/** Invitation emails sent more than once, when the local org keeps an outbox; undefined when it does not. */
export function duplicateInvites(org: LocalOrg): number | undefined {
  const sent = (org.snapshot() as unknown as { invitations_sent?: { email: string }[] }).invitations_sent;
  if (!sent) return undefined;
  const seen = new Map<string, number>();
  for (const s of sent) seen.set(s.email.toLowerCase(), (seen.get(s.email.toLowerCase()) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}
