/**
 * Finding the ids of users just invited. POST /v3/invites answers 201 with no body, so each new
 * user must be looked up: one request each, or — when many invites finish together — one read
 * of the list of pending users (`filter[active]=false`), a few pages for all of them. Lookups
 * wait while invites are still in flight (they will want lookups too) unless a great many are
 * waiting; then the list is read if it costs fewer requests than looking each up, and whoever
 * it does not show yet is looked up alone.
 */
import type { ApiUser } from './api-types.js';
import type { KonnectClient } from './client.js';
import { PAGE_SIZE, listAll } from './paginate.js';
import { SHAPES } from './shape.js';

type Look = (email: string) => Promise<ApiUser | undefined>;

interface Waiter {
  resolve: (u: ApiUser | undefined) => void;
  reject: (e: unknown) => void;
}

export class InvitedUsers {
  private inFlight = 0;
  private invited = 0;
  private waiting = new Map<string, Waiter[]>();

  /**
   * `pendingBefore`: pending users Konnect lists already (the list to read grows with them);
   * `lookAlone`: the one-request lookup, with its own patience for a user not listed yet.
   */
  constructor(
    private readonly client: KonnectClient,
    private readonly pendingBefore: number,
    private readonly lookAlone: Look,
  ) {}

  /** An invite is being sent. */
  sending(): void {
    this.inFlight++;
    this.invited++;
  }

  /** The invite has an answer (whatever it was): it will ask for no lookup, or has asked. */
  settled(): void {
    this.inFlight--;
    this.flushIfDue();
  }

  /** The id of a user whose invite went out: call before `settled`. */
  find(email: string): Promise<ApiUser | undefined> {
    return new Promise((resolve, reject) => {
      const key = email.toLowerCase();
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), { resolve, reject }]);
    });
  }

  private flushIfDue(): void {
    const waiting = this.waiting.size;
    if (waiting === 0) return;
    const pages = Math.max(1, Math.ceil((this.pendingBefore + this.invited) / PAGE_SIZE));
    // While invites are in flight, more lookups are coming: wait, unless so many wait already
    // that a list read now is well worth it (and the first new users need not wait for the last).
    if (this.inFlight > 0 && waiting < Math.max(PAGE_SIZE, 4 * pages)) return;
    const batch = this.waiting;
    this.waiting = new Map();
    if (waiting > pages) void this.viaList(batch);
    else for (const [email, ws] of batch) void this.alone(email, ws);
  }

  private async viaList(batch: Map<string, Waiter[]>): Promise<void> {
    let listed: Map<string, ApiUser>;
    try {
      const users = await listAll(this.client, 'global', '/v3/users', SHAPES.users, { query: { 'filter[active]': false } });
      listed = new Map(users.map((u) => [u.email.toLowerCase(), u]));
    } catch {
      listed = new Map(); // the list failed: everyone is looked up alone, which says why if it fails too
    }
    for (const [email, ws] of batch) {
      const user = listed.get(email);
      if (user) for (const w of ws) w.resolve(user);
      else void this.alone(email, ws);
    }
  }

  private async alone(email: string, ws: readonly Waiter[]): Promise<void> {
    try {
      const user = await this.lookAlone(email);
      for (const w of ws) w.resolve(user);
    } catch (err) {
      for (const w of ws) w.reject(err);
    }
  }
}
