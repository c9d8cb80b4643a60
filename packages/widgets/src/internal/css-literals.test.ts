import { expect } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import { squeezeCss, squeezeCssLiterals } from '../../../../scripts/css-literals.mjs';
import * as elements from '../index.js';

/**
 * The rules Chromium parses from a style sheet's text, as it writes them back. A value holding a
 * `var()` (and a custom property's) keeps its text as written until it is used: its runs of white
 * space are compared as one space, and the spaces after its commas not at all (where CSS reads
 * them as nothing).
 */
function parsed(text: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, ' ').replace(/, /g, ','));
}

const stylesOf = (value: unknown): CSSResult[] =>
  typeof value === 'function' && 'elementStyles' in value
    ? ((value as { elementStyles: CSSResult[] }).elementStyles ?? [])
    : [];

describe('css`` literals squeezed at build time (scripts/css-literals.mjs)', () => {
  it('leave every element style sheet as Chromium parses it, in fewer bytes', () => {
    const sheets = new Set(Object.values(elements).flatMap(stylesOf));
    expect(sheets.size).to.be.greaterThan(10);
    for (const { cssText } of sheets) {
      const squeezed = squeezeCss(cssText);
      expect(parsed(squeezed)).to.deep.equal(parsed(cssText));
      expect(squeezed.length).to.be.lessThan(cssText.length * 0.85);
    }
  });

  it('keep the spaces CSS reads, quoted strings and interpolations', () => {
    const source = [
      'const a = css`',
      '  :where(.day .icon) , :host > p :hover {',
      "    content: ' ;  { x } ' ;",
      '    width: calc(100% - 2rem);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a module's source as text
      '    color: ${unsafeCSS(`a  {  b }`)} ;',
      '  }',
      '`;',
      'const b = html` <p>  kept  </p> `;',
      'const c = css `p > a {  color: red;  }`;',
    ].join('\n');
    expect(squeezeCssLiterals(source)).to.equal(
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a module's source as text
        "const a = css` :where(.day .icon),:host > p :hover{content:' ;  { x } ';width:calc(100% - 2rem);color:${unsafeCSS(`a  {  b }`)}}`;",
        'const b = html` <p>  kept  </p> `;',
        'const c = css `p > a{color:red}`;',
      ].join('\n'),
    );
  });
});
