// The CSS of lit's css`...` literals, its white space squeezed out at build time: the widgets'
// styles are written indented, one declaration a line, and shipped as they are written (a
// bundler minifies the code around a template literal, never its text). Used by every build that
// ships the widgets (rollup.config.mjs: the packages and the CMS file) and by the bench that
// weighs them (bench/lib/sizes.mjs, bench/lib/build.mjs), so that both count the same bytes.
//
// Only what CSS ignores goes: runs of white space become one space, none is kept around `{`, `}`,
// `;` and `,` nor after `:` (a selector never has one there), nor a `;` before `}`. Quoted strings
// and `${...}` interpolations are left as they are, and a space is never removed elsewhere (a
// descendant combinator, `a :hover`, `calc(a - b)`).

const QUOTED = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/;

/** One piece of a css`` literal's text (between interpolations), squeezed. */
export function squeezeCss(text) {
  return text
    .split(QUOTED)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/**
 * The edits that squeeze every css`...` literal of a module's code: `{ start, end, text }`, the
 * text that replaces `code.slice(start, end)`, in order. Empty when the module has none.
 * @param {string} code
 * @returns {{ start: number, end: number, text: string }[]}
 */
export function cssLiteralEdits(code) {
  const edits = [];
  const tag = /\bcss\s*`/g; // TypeScript's output puts a space after the tag
  for (let match = tag.exec(code); match; match = tag.exec(code)) {
    let start = tag.lastIndex;
    let i = start;
    const piece = (end) => {
      const text = squeezeCss(code.slice(start, end));
      if (text !== code.slice(start, end)) edits.push({ start, end, text });
    };
    while (i < code.length && code[i] !== '`') {
      if (code[i] === '\\') i += 2;
      else if (code[i] === '$' && code[i + 1] === '{') {
        piece(i);
        // Skip the interpolation: braces counted, its own strings and templates not parsed.
        let depth = 0;
        for (; i < code.length; i++) {
          if (code[i] === '{') depth++;
          else if (code[i] === '}' && --depth === 0) break;
        }
        start = ++i;
      } else i++;
    }
    piece(i);
    tag.lastIndex = i + 1;
  }
  return edits;
}

/** The module's code with its css`` literals squeezed. */
export function squeezeCssLiterals(code) {
  let out = '';
  let at = 0;
  for (const { start, end, text } of cssLiteralEdits(code)) {
    out += code.slice(at, start) + text;
    at = end;
  }
  return out + code.slice(at);
}

/** Widget sources, the only modules whose css`` literals are ours to squeeze. */
export const WIDGET_SOURCE = /[\\/]packages[\\/]widgets[\\/]src[\\/].*\.ts$/;

/** The esbuild plugin: widget sources loaded with their css`` literals squeezed. */
export function esbuildCssLiterals() {
  return {
    name: 'guichet-css-literals',
    setup(build) {
      build.onLoad({ filter: WIDGET_SOURCE }, async (args) => {
        // Imported here: the Chromium test loads this module too, where `node:` modules do not exist.
        const { readFile } = await import('node:fs/promises');
        return { contents: squeezeCssLiterals(await readFile(args.path, 'utf8')), loader: 'ts' };
      });
    },
  };
}
