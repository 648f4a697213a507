/** `orgdeck serve` as a user runs it: the real binary, a seed, paging with plain HTTP, a clean stop. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/readme.js';
import { BIN as CLI } from '../support/bin.js';


function serve(args: string[]): Promise<{ child: ChildProcess; addr: string; token: string; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /export KONNECT_ADDR='([^']+)' KONNECT_TOKEN='([^']+)'/.exec(out);
      if (m) resolve({ child, addr: m[1]!, token: m[2]!, stderr: () => err });
    });
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

describe('orgdeck serve', () => {
  it('serves a seeded org that plain HTTP pages through as the spec says, and stops cleanly on SIGTERM', async () => {
    const { child, addr, token, stderr } = await serve(['--seed', 'examples/live-seed.yaml', '--owner', 'ana@example.com']);
    try {
      expect(token).toMatch(/^kpat_/);
      const base = addr.replace('{region}', 'global');
      // biome-ignore lint/suspicious/noExplicitAny: JSON from the server, checked by the assertions below.
      const get = async (path: string): Promise<any> => (await fetch(base + path, { headers: { authorization: `Bearer ${token}` } })).json();
      const emails: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const body = await get(`/v3/users?page[size]=3&page[number]=${page}`);
        expect(body.meta.page).toEqual({ number: page, size: 3, total: 9 });
        emails.push(...body.data.map((u: { email: string }) => u.email));
      }
      expect(emails).toHaveLength(9);
      expect(new Set(emails).size).toBe(9);
      const me = await get('/v3/users/me');
      expect(me.email).toBe('ana@example.com');
      const cps = (await (await fetch(`${addr.replace('{region}', 'us')}/v2/control-planes?filter[name][eq]=prod-us`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { name: string }[] };
      expect(cps.data.map((c: { name: string }) => c.name)).toEqual(['prod-us']);
      expect(stderr()).toContain('not Konnect');
      // The banner's curl for the helpers works as printed: with the token, at the org's root.
      const helper = /\(curl -H "Authorization: Bearer \$KONNECT_TOKEN" (\S+)\)/.exec(stderr());
      expect(helper, stderr()).not.toBeNull();
      expect((await fetch(helper![1]!, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(helper![1]!)).status).toBe(401);
    } finally {
      expect(await stopped(child, 'SIGTERM')).toBe(0);
    }
  });

  it('persists to --data and reloads it after a restart (SIGINT)', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'orgdeck-serve-')), 'org.json');
    const first = await serve(['--data', data, '--token', 'kpat_fixed']);
    const base = first.addr.replace('{region}', 'global');
    const res = await fetch(`${base}/v3/invites`, { method: 'POST', headers: { authorization: 'Bearer kpat_fixed', 'content-type': 'application/json' }, body: JSON.stringify({ email: 'new@example.com' }) });
    expect(res.status).toBe(201);
    expect(await stopped(first.child, 'SIGINT')).toBe(0);
    expect(JSON.parse(readFileSync(data, 'utf8')).users.map((u: { email: string }) => u.email)).toContain('new@example.com');
    const second = await serve(['--data', data, '--token', 'kpat_fixed']);
    try {
      const users = (await (await fetch(`${second.addr.replace('{region}', 'global')}/v3/users?filter[email][eq]=new@example.com`, { headers: { authorization: 'Bearer kpat_fixed' } })).json()) as { data: { active: boolean }[] };
      expect(users.data).toHaveLength(1);
      expect(users.data[0]?.active).toBe(false);
    } finally {
      await stopped(second.child, 'SIGTERM');
    }
  });

  it('refuses an invalid seed with located problems and exit 1', async () => {
    const seed = join(mkdtempSync(join(tmpdir(), 'orgdeck-serve-')), 'seed.yaml');
    writeFileSync(seed, '_format_version: "1.0"\ncontrol_planes: [{ name: x, region: mars }]\nusers: [{ email: nope }]\nidentity_providers: [{ type: ldap }]\n');
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--seed', seed], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr!.on('data', (d) => (out += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(out).toContain(`${seed}:2:37  /control_planes/0/region  Region must be one of us, eu, au, me, in, sg.`);
    expect(out).toContain(`${seed}:3:18  /users/0/email  "nope" is not a valid email address.`);
    expect(out).toContain(`${seed}:4:30  /identity_providers/0/type  type must be oidc or saml.`);
  });
});

describe('orgdeck serve refuses mistakes with a sentence, never a stack trace', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      child.on('exit', (code) => resolve({ code, err }));
    });

  it('a port in use, a bad port, a bad owner, a foreign data file', async () => {
    const first = await serve(['--token', 'kpat_x']);
    const port = new URL(first.addr.replace('{region}', 'x')).port;
    try {
      const busy = await run(['--port', port]);
      expect(busy).toMatchObject({ code: 1, err: expect.stringContaining(`Port ${port} on 127.0.0.1 is already in use.`) });
    } finally {
      await stopped(first.child, 'SIGTERM');
    }
    expect(await run(['--port', '99999'])).toMatchObject({ code: 1, err: 'Error: --port takes 0 to 65535, not 99999.\n' });
    expect(await run(['--port', '0', '--owner', 'nobody'])).toMatchObject({ code: 1, err: 'Error: --owner takes an email address, not "nobody".\n' });
    const data = join(mkdtempSync(join(tmpdir(), 'orgdeck-serve-')), 'org.json');
    writeFileSync(data, '{"not": "an org"}');
    const foreign = await run(['--port', '0', '--data', data]);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toBe(`Error: The data file ${data} is not an orgdeck local org (version 1); move it away or pick another file.\n`);
  });
});
