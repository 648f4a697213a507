/** Change a local org through its Identity API as the owner, as someone would by hand in the Konnect UI. */
import { expect } from 'vitest';
import type { LocalOrg } from '../../src/local-org/index.js';
import { TEST_TOKEN } from './org.js';

/** The answer's JSON, if any; a status of 300 or more fails the test, naming the call. */
export async function byHand(org: LocalOrg, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${org.baseUrl}/global/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.status === 204 || (res.status === 201 && res.headers.get('content-length') === '0') ? undefined : res.json().catch(() => undefined);
}
