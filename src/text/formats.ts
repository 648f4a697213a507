/**
 * ajv-formats' formats, with a quicker first look at the two that every Konnect answer carries.
 * ajv-formats checks a `date-time` with a split and two regular expressions with captures: on an
 * org-10k read that was a tenth of all the memory allocated. The first look says yes only to
 * the common written forms, checked by hand, and never to a value ajv-formats refuses (a test
 * holds it to that); anything else goes to ajv-formats, so what passes and fails is unchanged.
 */
import type { Format, FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';

const dateTime = fullFormats['date-time'] as FormatDefinition<string> & { validate: (s: string) => boolean };
const uuid = fullFormats.uuid as RegExp;

/**
 * ajv-formats' full formats, `date-time` and `uuid` with the quick look first. The validators
 * generated from the schemas (*.generated.ts) refer to these by name.
 */
export const FORMATS: Record<string, Format> = {
  ...(fullFormats as Record<string, Format>),
  'date-time': { ...dateTime, validate: (s: string) => isPlainDateTime(s) || dateTime.validate(s) },
  uuid: (s: string) => isPlainUuid(s) || uuid.test(s),
};

/**
 * A string's length as JSON Schema counts it (code points: a surrogate pair is one), for
 * maxLength and minLength in the generated validators.
 */
export function ucs2length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/** `8-4-4-4-12` hex digits, either case. */
export function isPlainUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !isHex(c)) return false;
  }
  return true;
}

/** `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or `±HH:MM`, a real day and time (no leap second: that is ajv-formats' to judge). */
export function isPlainDateTime(s: string): boolean {
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (s.charCodeAt(10) | 32) !== 116 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    const fraction = ++i;
    while (isDigit(s.charCodeAt(i))) i++;
    if (i === fraction) return false;
  }
  if (i === s.length - 1) return (s.charCodeAt(i) | 32) === 122; // Z or z
  const sign = s.charCodeAt(i);
  if (i !== s.length - 6 || (sign !== 43 && sign !== 45) || s.charCodeAt(i + 3) !== 58) return false;
  const offsetHours = digits(s, i + 1, 2);
  const offsetMinutes = digits(s, i + 4, 2);
  return offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59;
}

/** The number written by `n` ASCII digits at `at`, or -1. */
function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
