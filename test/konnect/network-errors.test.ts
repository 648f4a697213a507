/**
 * A request that got no answer names the kind of failure (DNS, a refused connection, TLS, a
 * timeout), the host it went to and the address template it came from; the client reports each
 * exchange to onExchange without the Authorization header.
 */
import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../src/errors.js';
import { whereItWent } from '../../src/konnect/addr.js';
import { type Exchange, KonnectClient } from '../../src/konnect/client.js';
import { DEFAULT_RETRY } from '../../src/konnect/retry.js';
import { networkReason, type Transport } from '../../src/konnect/transport.js';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('networkReason', () => {
  it.each([
    [coded('ENOTFOUND'), 'the host name did not resolve (a DNS failure, ENOTFOUND)'],
    [coded('EAI_AGAIN'), 'the host name did not resolve (a DNS failure, EAI_AGAIN)'],
    [coded('ECONNREFUSED'), 'the connection was refused'],
    [coded('SELF_SIGNED_CERT_IN_CHAIN'), "TLS failed: the server's certificate was not accepted (SELF_SIGNED_CERT_IN_CHAIN)"],
    [coded('CERT_HAS_EXPIRED'), "TLS failed: the server's certificate was not accepted (CERT_HAS_EXPIRED)"],
    [coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), "TLS failed: the server's certificate was not accepted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)"],
    [coded('ERR_TLS_CERT_ALTNAME_INVALID'), "TLS failed: the server's certificate was not accepted (ERR_TLS_CERT_ALTNAME_INVALID)"],
    [Object.assign(new Error('x'), { cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }), "TLS failed: the server's certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT)"],
    [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'the request timed out'],
    [coded('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), 'the connection timed out (nothing answered at that address)'],
    [coded('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'), 'the answer was not valid HTTP'],
  ])('%s → %s', (err, says) => {
    expect(networkReason(err)).toBe(says);
  });
});

describe('where a request went', () => {
  it('names the host and the template, for Konnect and for a local org', () => {
    expect(whereItWent('https://{region}.api.konghq.com', 'eu')).toBe('It went to eu.api.konghq.com (region eu of the address template https://{region}.api.konghq.com).');
    expect(whereItWent('http://127.0.0.1:8080/{region}', 'global')).toBe('It went to 127.0.0.1:8080 (region global of the address template http://127.0.0.1:8080/{region}).');
  });

  it('is part of the error of a request that got no answer, and every exchange is observed without the token', async () => {
    const seen: Exchange[] = [];
    const transport: Transport = async () => {
      throw coded('ECONNREFUSED');
    };
    const client = new KonnectClient({ addr: 'https://{region}.example.test', token: 'kpat_SECRETsecret', transport, parallelism: 1, timeoutMs: 1000, retry: { ...DEFAULT_RETRY, maxTries: 2 }, sleep: async () => {}, onExchange: (e) => seen.push(e) });
    const err = await client.call('us', 'GET', '/v2/control-planes', { query: { 'page[size]': 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toBe('GET /v2/control-planes failed: the connection was refused — gave up after 2 tries. Check the network and the Konnect address. It went to us.example.test (region us of the address template https://{region}.example.test).');
    expect(seen.map((e) => [e.target, e.hostname, e.attempt, e.error])).toEqual([
      ['/v2/control-planes?page[size]=1', 'us.example.test', 1, 'the connection was refused'],
      ['/v2/control-planes?page[size]=1', 'us.example.test', 2, 'the connection was refused'],
    ]);
    expect(JSON.stringify(seen)).not.toContain('SECRET');
  });
});
