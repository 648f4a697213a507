/** `serve --host` beyond loopback names the addresses it answers on and warns (computed without binding them). */
import { describe, expect, it } from 'vitest';
import { exposureWarning, type InterfaceAddress } from '../../src/local-org/exposure.js';

const NICS: Record<string, InterfaceAddress[]> = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }, { address: '::1', family: 'IPv6', internal: true }],
  eth0: [{ address: '10.1.2.3', family: 'IPv4', internal: false }, { address: 'fe80::1', family: 'IPv6', internal: false }],
};

describe('exposureWarning', () => {
  it('says nothing for loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(exposureWarning(host, 8080, NICS)).toBeUndefined();
  });

  it('0.0.0.0: every external IPv4 address with the real port, and the warning', () => {
    expect(exposureWarning('0.0.0.0', 41234, NICS)).toBe(
      'Warning: --host 0.0.0.0 makes this org reachable from the network, at http://10.1.2.3:41234 (every address of this machine). Anyone who can reach it with the token can read and change it, and the token travels unencrypted (plain http). Use --host 127.0.0.1 (the default) unless that is what you want.',
    );
  });

  it(':: adds the IPv6 addresses; a named address is given as it is; no external interface still warns', () => {
    expect(exposureWarning('::', 80, NICS)).toContain('at http://10.1.2.3:80, http://[fe80::1]:80 (every address of this machine)');
    expect(exposureWarning('192.168.0.7', 80, NICS)).toContain('reachable from the network, at http://192.168.0.7:80.');
    expect(exposureWarning('0.0.0.0', 80, { lo: NICS.lo! })).toContain('at every address of this machine on port 80.');
  });
});
