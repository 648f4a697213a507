/**
 * Text from the server may carry the token back (a 401 body echoing the Authorization header)
 * or someone else's. Messages and logs pass through `Secrets.redact` before they leave. Data
 * orgdeck writes back (a dump, a plan) is never redacted, since a changed value would be synced
 * back: it is refused instead when redaction would change it (see secrets-in-data.ts).
 */

/**
 * A whole Konnect token: `kpat_` (personal) or `spat_` (system account), then the token's body
 * of letters and digits. Konnect's identity spec shows 49 characters after `kpat_`
 * (PersonalAccessTokenCreateResponse) and 50 after `spat_` (SystemAccountAccessTokenCreated);
 * the local org makes 48. Anything else beside the prefix (a shorter word, more letters, `_`)
 * is text, such as the team "Ops spat_runners", and is left alone.
 *
 * Text is often escaped before it is redacted (JSON.stringify, escapeControls), so a newline
 * before the token has become the two characters `\n`: the `n` is then not a letter glued to
 * the token but the end of an escape, and the token still counts as whole after `\n`, `\r`,
 * `\t`, `\\`, `\xNN` or `\uNNNN`.
 */
const WHOLE_TOKEN = /(?:(?<![A-Za-z0-9_-])|(?<=\\(?:[nrt\\]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})))[ks]pat_[A-Za-z0-9]{48,50}(?![A-Za-z0-9_-])/g;

const ONE_WHOLE_TOKEN = new RegExp(WHOLE_TOKEN.source);

/**
 * Every whole token contains this (the pattern is case-sensitive), and a plain substring search
 * is some ten times cheaper than the pattern's lookbehind at every position of a dump's text.
 */
const WHOLE_TOKEN_PART = 'pat_';

/** Characters of base64 and base64url; a run of them around an encoded token goes whole. */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

export const REDACTED = '[redacted]';

/** The secrets of one run (the token, once read) and the redaction of any text about to leave. */
export class Secrets {
  /** The token and its body, any case: `all` to replace every one, `one` (no g flag, so no state kept between calls) to test. */
  private readonly literals: { all: RegExp; one: RegExp }[] = [];
  private readonly encoded: string[] = [];

  add(secret: string): void {
    // A very short "token" would redact ordinary words; the whole-token shape still applies.
    if (secret.length < 8) return;
    this.literals.push(anyCase(secret));
    // The body alone: a server or proxy may echo the token without its prefix.
    const body = secret.replace(/^[ks]pat_/i, '');
    if (body !== secret && body.length >= 8) this.literals.push(anyCase(body));
    // Its start, cut short: a message quotes an excerpt (the first 40 characters) of a value
    // from a state file, which may hold the token; the literal above no longer matches then.
    for (const s of body !== secret ? [secret, body] : [secret]) {
      if (s.length > SHOWN_START_CHARS) this.literals.push(anyCase(s.slice(0, SHOWN_START_CHARS), s.slice(SHOWN_START_CHARS, MAX_TOKEN_CHARS)));
    }
    this.encoded.push(...base64Cores(secret));
  }

  /** `text` with the token (in any case, without its prefix, or base64-encoded) and every whole token replaced by [redacted]. */
  redact(text: string): string {
    let out = text;
    for (const literal of this.literals) out = out.replace(literal.all, REDACTED);
    for (const core of this.encoded) out = redactRunsAround(out, core);
    return out.includes(WHOLE_TOKEN_PART) ? out.replace(WHOLE_TOKEN, REDACTED) : out;
  }

  /** Whether `text` holds anything `redact` would replace; called for every value of a dump, so it builds no string. */
  holdsSecret(text: string): boolean {
    // Nothing redacted is shorter than 8 characters (add ignores shorter secrets; cores are 8 or more).
    if (text.length < 8) return false;
    return this.literals.some((literal) => literal.one.test(text)) || this.encoded.some((core) => text.includes(core)) || (text.includes(WHOLE_TOKEN_PART) && ONE_WHOLE_TOKEN.test(text));
  }
}

/** The shortest start of a secret that is redacted on its own. */
const SHOWN_START_CHARS = 16;
/** Beyond a token's length (about 55) a longer start is redacted as the shorter one it begins with. */
const MAX_TOKEN_CHARS = 100;

/** `literal`, then as much of `rest` as follows it (each next character optional, longest first). */
function anyCase(literal: string, rest = ''): { all: RegExp; one: RegExp } {
  const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = escapeRe(literal) + [...rest].reduceRight((tail, c) => `(?:${escapeRe(c)}${tail})?`, '');
  return { all: new RegExp(source, 'gi'), one: new RegExp(source, 'i') };
}

/**
 * What every base64 (and base64url) text holding `secret` contains, whatever precedes it
 * ("Bearer ", ":" of Basic auth, a JSON body): for each of the three byte alignments, the
 * characters that encode only the secret's bytes. The characters at either end, which mix in
 * the neighbouring bytes, are left out of the core and removed with the run around it.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const whole = Math.floor(padded.length / 3) * 4;
    const core = padded.toString('base64').slice(offset === 0 ? 0 : 4, whole);
    if (core.length < 8) continue;
    cores.add(core);
    cores.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...cores];
}

/** Each run of base64 characters that contains `core`, padding included, replaced by [redacted]. Linear in the text. */
function redactRunsAround(text: string, core: string): string {
  let at = text.indexOf(core);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    let start = at;
    while (start > from && BASE64_CHAR.test(text[start - 1]!)) start--;
    let end = at + core.length;
    while (end < text.length && BASE64_CHAR.test(text[end]!)) end++;
    while (text[end] === '=') end++;
    out += text.slice(from, start) + REDACTED;
    from = end;
    at = text.indexOf(core, end);
  }
  return out + text.slice(from);
}
