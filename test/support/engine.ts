/** Drive the engine in-process (load → fetch → plan → apply) with test-friendly retry timing. */
import { type ApplyReport, applyPlan } from '../../src/apply/apply.js';
import { buildPlan } from '../../src/plan/build.js';
import { scopeOf } from '../../src/diff/scope.js';
import { loadDesiredState } from '../../src/file/load.js';
import { sourceFromText } from '../../src/file/source.js';
import { KonnectClient } from '../../src/konnect/client.js';
import { fetchLiveState } from '../../src/konnect/fetch.js';
import type { RetryPolicy } from '../../src/konnect/retry.js';
import { type Transport, undiciTransport } from '../../src/konnect/transport.js';
import type { DesiredState } from '../../src/model.js';
import type { Plan } from '../../src/plan/types.js';

export const FAST_RETRY: RetryPolicy = { maxTries: 8, baseDelayMs: 5, maxDelayMs: 200, deadlineMs: 60_000 };

export function desiredFrom(yaml: string): DesiredState {
  const r = loadDesiredState([sourceFromText('desired.yaml', yaml)], {});
  if (!r.state) throw new Error(`test state is invalid: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.state;
}

export interface EngineOptions {
  parallelism?: number;
  retry?: RetryPolicy;
  /** Called after every write request completes (whatever its outcome). */
  afterWrite?: () => void;
}

export function testClient(org: { addr: string; token: string }, opts: EngineOptions = {}): KonnectClient {
  const parallelism = opts.parallelism ?? 8;
  const wire = undiciTransport(parallelism);
  const transport: Transport = async (req) => {
    try {
      return await wire(req);
    } finally {
      if (req.method !== 'GET') opts.afterWrite?.();
    }
  };
  return new KonnectClient({ addr: org.addr, token: org.token, transport, parallelism, timeoutMs: 10_000, retry: opts.retry ?? FAST_RETRY });
}

export async function planOnce(org: { addr: string; token: string }, desired: DesiredState, opts: EngineOptions = {}): Promise<Plan> {
  const client = testClient(org, opts);
  return buildPlan(desired, await fetchLiveState(client, scopeOf(desired)));
}

export async function syncOnce(org: { addr: string; token: string }, desired: DesiredState, opts: EngineOptions = {}): Promise<{ plan: Plan; report: ApplyReport }> {
  const client = testClient(org, opts);
  const plan = buildPlan(desired, await fetchLiveState(client, scopeOf(desired)));
  const report = await applyPlan(plan, { client, userIds: new Map(), teamIds: new Map(), accountIds: new Map() });
  return { plan, report };
}
