import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The widgets render names through Lit's text bindings, which never parse markup. What would parse
 * it is listed here and must not appear in their sources (the browser suite
 * packages/widgets/src/internal/escaping.test.ts renders every element with hostile names).
 */
const WIDGETS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../widgets/src');
const PARSES_MARKUP =
  /\b(unsafeHTML|unsafeSVG|unsafeMathML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|unsafeStatic|eval\(|new Function\()/;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.endsWith('.page.ts')
    )
      yield path;
  }
}

describe('widget sources', () => {
  it('never turn data into markup', () => {
    const found = [...sources(WIDGETS)].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => PARSES_MARKUP.test(line) && !/^\s*(\/\/|\*)/.test(line))
        .map(([line, i]) => `${file.slice(WIDGETS.length + 1)}:${i + 1}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
