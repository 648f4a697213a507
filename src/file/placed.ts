/** Desired-state values that know where the file wrote them, worked out only when asked. */
import type { DesiredUser, Expiry, Grant, UserStatus } from '../model.js';
import type { PathSegment } from './located.js';
import type { ParsedFile } from './parse.js';
import { teamNameOf } from './team-items.js';
import type { Entry } from './written.js';

/**
 * Where a grant or a team name is written, worked out only when a message or `explain` asks:
 * positions cost a full parse of the file. A place holds the file's locator and a path, not the
 * parsed file, so a 10,000-user state does not keep its file's tree (or a closure per grant).
 */
export class Place {
  #text: string | undefined;

  constructor(
    private readonly locate: ParsedFile['place'],
    private readonly path: readonly PathSegment[],
  ) {}

  get text(): string {
    this.#text ??= this.locate(this.path);
    return this.#text;
  }
}

/** A grant as the file wrote it; `at` (a getter on the class, so every grant shares one shape) is its place. */
export class WrittenGrant implements Grant {
  declare role: string;
  declare entityType: string;
  declare entity: string;
  declare region?: Grant['region'];
  declare expires?: Expiry;
  readonly #place: Place;

  constructor(grant: Grant, place: Place) {
    Object.assign(this, grant);
    this.#place = place;
  }

  get at(): string {
    return this.#place.text;
  }
}

/** A user as the file wrote them; `teamsAt` is worked out from the `teams` list when asked. */
export class WrittenUser implements DesiredUser {
  declare fullName?: string;
  declare preferredName?: string;
  declare status?: UserStatus;
  declare teamExpiry?: Record<string, Expiry>;
  readonly #teamList: { place: ParsedFile['place']; path: readonly PathSegment[]; names: unknown[] } | undefined;
  #teamsAt: Record<string, string> | undefined;

  constructor(
    public email: string,
    public teams: string[],
    public roles: Grant[],
    teamList: Entry,
  ) {
    const names = teamList.value;
    this.#teamList = Array.isArray(names) && names.length > 0 ? { place: teamList.file.place, path: teamList.path, names } : undefined;
  }

  /** The first place each team name is written in the user's `teams`. */
  get teamsAt(): Record<string, string> | undefined {
    const list = this.#teamList;
    if (!list) return undefined;
    if (!this.#teamsAt) {
      // No prototype: a team may be called "constructor", and explain looks names up here.
      const at: Record<string, string> = Object.create(null);
      list.names.forEach((item, i) => {
        const name = teamNameOf(item);
        if (name !== undefined && !Object.hasOwn(at, name)) at[name] = list.place([...list.path, i]);
      });
      this.#teamsAt = at;
    }
    return this.#teamsAt;
  }
}

/** An `expires:` as written; `at` is the place of its value. */
export class WrittenExpiry implements Expiry {
  readonly #place: Place;

  constructor(
    public on: string,
    place: Place,
  ) {
    this.#place = place;
  }

  get at(): string {
    return this.#place.text;
  }
}
