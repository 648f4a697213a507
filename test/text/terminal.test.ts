import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/text/excerpt.js';
import { escapeControls } from '../../src/text/terminal.js';

describe('escapeControls', () => {
  it('writes C0 (line breaks and tabs too), DEL, C1 and the bidirectional overrides as visible escapes', () => {
    expect(escapeControls('a\u001b[2K\rb\nc\td\u0000e\u007ff\u009b2Kg\u202eh\u2066i')).toBe('a\\x1b[2K\\rb\\nc\\td\\x00e\\x7ff\\x9b2Kg\\u202eh\\u2066i');
  });

  it('leaves everything else as it is: letters of any script, emoji, punctuation, backslashes', () => {
    const text = 'Équipe Оps ✓ 数据 🚀 "quoted" \\n stays';
    expect(escapeControls(text)).toBe(text);
  });
});

describe('excerpt', () => {
  it('quotes a value with every control escaped, C1 and DEL included', () => {
    expect(excerpt('a\u009b2Kb\u001b\u007f')).toBe('"a\\x9b2Kb\\u001b\\x7f"');
    expect(excerpt(`\u009b${'x'.repeat(50)}`, 5)).toBe('"\\x9bxxxx…" (51 characters)');
  });
});
