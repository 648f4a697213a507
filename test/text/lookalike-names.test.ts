import { describe, expect, it } from 'vitest';
import { describeLookalikes, foldLookalikes } from '../../src/text/confusables.js';
import { foldName, howNamesDiffer } from '../../src/text/lookalike-names.js';

describe('foldName: names a reader cannot tell apart fold alike', () => {
  it('folds Cyrillic and Greek letters that look like Latin ones', () => {
    expect(foldName('\u041erganization Admin')).toBe(foldName('Organization Admin'));
    expect(foldName('Pl\u0430tform')).toBe('platform');
    expect(foldName('\u039fps \u0392ackend')).toBe('ops backend');
  });

  it('folds full-width and other compatibility forms (Unicode NFKC)', () => {
    expect(foldName('\uff30latform')).toBe('platform');
    expect(foldLookalikes('\uff21\uff22\uff23')).toBe('ABC');
  });

  it('still tells different names apart, accents included', () => {
    expect(foldName('Café')).not.toBe(foldName('Cafe'));
    expect(foldName('Platform')).not.toBe(foldName('Platforms'));
  });
});

describe('naming the look-alike characters', () => {
  it('names each one with its code point and the letter it passes for', () => {
    expect(describeLookalikes('\u041erganization Admin')).toEqual(['"\u041e" (U+041E CYRILLIC CAPITAL LETTER O) for "O"']);
    expect(describeLookalikes('\uff30latform')).toEqual(['"\uff30" (U+FF30, a compatibility form of "P")']);
    expect(describeLookalikes('Platform')).toEqual([]);
  });

  it('says how two names differ, whichever of them holds the look-alike', () => {
    expect(howNamesDiffer('Platform', '\uff30latform')).toBe('in look-alike characters ("\uff30" (U+FF30, a compatibility form of "P"))');
    expect(howNamesDiffer('eng', 'Eng')).toBe('only in letter case');
  });
});
