/** Desired-state values that know where the file wrote them, worked out only when asked. */
import type { DesiredSystemAccount, DesiredUser, Expiry, Grant, UserStatus } from '../model.js';
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

  /** `list` is the path of the list the item is in (shared by its items), `index` the item's, `key` one of its keys. */
  constructor(
    private readonly locate: ParsedFile['place'],
    private readonly list: readonly PathSegment[],
    private readonly index: number,
    private readonly key?: string,
  ) {}

  get text(): string {
    this.#text ??= this.locate(this.key === undefined ? [...this.list, this.index] : [...this.list, this.index, this.key]);
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

/** A principal's `teams` list as written, kept to place its names only when asked. */
interface TeamList {
  place: ParsedFile['place'];
  path: readonly PathSegment[];
  names: unknown[];
}

function teamListOf(teamList: Entry): TeamList | undefined {
  const names = teamList.value;
  return Array.isArray(names) && names.length > 0 ? { place: teamList.file.place, path: teamList.path, names } : undefined;
}

/** The first place each team name is written in the list. */
function placeTeams(list: TeamList): Record<string, string> {
  // No prototype: a team may be called "constructor", and explain looks names up here.
  const at: Record<string, string> = Object.create(null);
  list.names.forEach((item, i) => {
    const name = teamNameOf(item);
    if (name !== undefined && !Object.hasOwn(at, name)) at[name] = list.place([...list.path, i]);
  });
  return at;
}

/** A principal whose `teams` the file lists: `teamsAt` is worked out from that list when asked. */
abstract class WrittenMember {
  readonly #teamList: TeamList | undefined;
  #teamsAt: Record<string, string> | undefined;

  constructor(teamList: Entry) {
    this.#teamList = teamListOf(teamList);
  }

  /** The first place each team name is written in the principal's `teams`. */
  get teamsAt(): Record<string, string> | undefined {
    if (this.#teamList) this.#teamsAt ??= placeTeams(this.#teamList);
    return this.#teamsAt;
  }
}

/** A user as the file wrote them. */
export class WrittenUser extends WrittenMember implements DesiredUser {
  declare fullName?: string;
  declare preferredName?: string;
  declare status?: UserStatus;
  declare teamExpiry?: Record<string, Expiry>;

  constructor(
    public email: string,
    public teams: string[],
    public roles: Grant[],
    teamList: Entry,
  ) {
    super(teamList);
  }
}

/** A system account as the file wrote it. */
export class WrittenSystemAccount extends WrittenMember implements DesiredSystemAccount {
  declare description?: string;
  declare konnectManaged?: boolean;
  declare teamExpiry?: Record<string, Expiry>;
  declare renamedFrom?: string[];

  constructor(
    public name: string,
    public teams: string[],
    public roles: Grant[],
    teamList: Entry,
  ) {
    super(teamList);
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
