/** The escaping template tag: text is escaped unless it is markup the tag made or `raw` trusted. */

import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, safeHref } from '../../src/report/html-template.js';

describe('html``', () => {
  it.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['Tom & Jerry', '<p>Tom &amp; Jerry</p>'],
    [`"quoted" 'single'`, '<p>&quot;quoted&quot; &#39;single&#39;</p>'],
    ['&amp;', '<p>&amp;amp;</p>'],
  ])('escapes %s', (value, expected) => {
    expect(html`<p>${value}</p>`.toString()).toBe(expected);
  });

  it('keeps markup it made, escapes each item of a list, and drops null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<a>', html`<br>`, 3]}${null}${undefined}${false}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b>&lt;a&gt;<br>3</p>',
    );
  });

  it('escapes in attributes, so a value cannot close its quotes', () => {
    expect(html`<a title="${'x" onclick="alert(1)'}">`.value).toBe(
      '<a title="x&quot; onclick=&quot;alert(1)">',
    );
  });

  it('trusts raw only when asked', () => {
    expect(html`<style>${raw('a > b {}')}</style>`.value).toBe('<style>a > b {}</style>');
    expect(escapeHtml('a > b')).toBe('a &gt; b');
  });

  it('prints no NaN or Infinity', () => {
    expect(html`${Number.NaN}|${Infinity}|${1.5}`.value).toBe('||1.5');
  });
});

describe('safeHref', () => {
  it.each([
    ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#x', true],
    ['http://example.org/', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>', false],
    ['https://example.org/"onmouseover="x', false],
    ['//example.org', false],
  ])('%s is kept: %s', (url, kept) => {
    expect(safeHref(url) !== undefined).toBe(kept);
  });
});
