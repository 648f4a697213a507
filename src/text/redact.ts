/**
 * Text from the server may carry the token back (a 401 body echoing the Authorization header)
 * or someone else's. What orgdeck prints, logs or writes passes through here first.
 */

/** Anything shaped like a Konnect token: personal (kpat_…) and system account (spat_…) access tokens. */
const TOKEN_SHAPED = /[ks]pat_[A-Za-z0-9_-]{6,}/g;

export const REDACTED = '[redacted]';

/** The secrets of one run (the token, once read) and the redaction of any text about to leave. */
export class Secrets {
  private readonly values = new Set<string>();

  add(secret: string): void {
    // A very short "token" would redact ordinary words; the shape check still covers kpat_/spat_.
    if (secret.length >= 8) this.values.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.values) out = out.split(secret).join(REDACTED);
    return out.replace(TOKEN_SHAPED, REDACTED);
  }
}
