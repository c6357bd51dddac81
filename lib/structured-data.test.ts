import { describe, expect, it } from 'vitest';
import { jsonLd } from './structured-data';

describe('jsonLd', () => {
  it('escapes < so article text cannot close the script element, and stays valid JSON', () => {
    const data = { headline: '</script><script>alert(1)</script>', note: 'a\u2028b' };
    const text = jsonLd(data);
    expect(text).not.toContain('<');
    expect(text).not.toContain('\u2028');
    expect(JSON.parse(text)).toEqual(data);
  });
});
