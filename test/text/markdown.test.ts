import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText } from '../../src/text/markdown.js';

describe('markdownText', () => {
  it('shows HTML as entities and backslash-escapes what would open code, links or table cells, and leaves the wildcard and underscores', () => {
    expect(markdownText('<img src=x onerror=alert(1)> & </details>')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/details&gt;');
    expect(markdownText('[l](u) `x` | \\ on Control Planes * (*), full_name')).toBe('\\[l\\](u) \\`x\\` \\| \\\\ on Control Planes * (*), full_name');
  });

  it('writes line breaks and other controls as visible escapes, so no new line or list item starts', () => {
    expect(markdownText('Ops\n\n- forged\r\u001b[1m')).toBe('Ops\\\\n\\\\n- forged\\\\r\\\\x1b\\[1m');
  });

  it('leaves plain words alone', () => {
    expect(markdownText('Admin on Control Planes prod (us), through Platform')).toBe('Admin on Control Planes prod (us), through Platform');
  });
});

describe('markdownCode', () => {
  it('fences with more backticks than any run inside, padding a backtick at either end', () => {
    expect(markdownCode('ana@example.com')).toBe('`ana@example.com`');
    expect(markdownCode('x` <img> `y')).toBe('``x` <img> `y``');
    expect(markdownCode('`a``')).toBe('``` `a`` ```');
  });

  it('writes line breaks as visible escapes', () => {
    expect(markdownCode('a\n- b')).toBe('`a\\n- b`');
  });
});
