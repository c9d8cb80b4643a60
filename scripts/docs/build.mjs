// `npm run docs`: builds the static documentation site into docs/site/ (not committed).
//   - every guide docs/*.md rendered to HTML (links to .md become .html), with a navigation;
//   - docs/http-api.md, regenerated first from the server's OpenAPI document;
//   - one page per element, generated from packages/widgets/custom-elements.json (run
//     `npx cem analyze` first; the npm script does), followed by the hand-written
//     docs/components/<tag>.md when there is one;
//   - the sdk reference by typedoc into docs/site/api/.
// Every link is relative, so the site works from any folder and under /docs/ of `npm start`.
// No inline script or style: the pages pass a strict Content-Security-Policy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { httpApiMarkdown, loadApi, slug } from './http-api.mjs';

const SITE = 'docs/site';
const MANIFEST = 'packages/widgets/custom-elements.json';
const written = [];

/** Guides in the order of the navigation; any other docs/*.md follows, alphabetically. */
const GUIDE_ORDER = [
  'index',
  'getting-started-town-hall',
  'getting-started-cinema',
  'getting-started-node',
  'theming',
  'deployment',
  'security',
  'http-api',
  'sdk',
  'sizes',
];

// ---------------------------------------------------------------- markdown

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

// Headings get GitHub's anchors, so `#error-codes` works on GitHub and on the site alike.
md.core.ruler.push('heading_ids', (state) => {
  const seen = new Map();
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'heading_open') continue;
    const text = tokens[i + 1].children.map((t) => t.content).join('');
    const base = slug(text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    tokens[i].attrSet('id', n ? `${base}-${n}` : base);
  }
});

// Relative links to markdown pages point at their HTML page; a link that leaves docs/ goes to
// the file in the repository only when REPO_URL is set, else stays as written.
const defaultLink =
  md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
  const href = tokens[i].attrGet('href') ?? '';
  if (!/^[a-z]+:|^#|^\//i.test(href)) {
    const [path, hash = ''] = href.split('#');
    const target = join(dirname(env.source), path);
    if (target.startsWith('docs/') && path.endsWith('.md')) {
      const rel = path.replace(/\.md$/, '.html').replace(/(^|\/)README\.html$/, '$1index.html');
      tokens[i].attrSet('href', `${rel}${hash ? `#${hash}` : ''}`);
    } else if (!target.startsWith('docs/') && process.env.REPO_URL) {
      tokens[i].attrSet(
        'href',
        `${process.env.REPO_URL.replace(/\/$/, '')}/${target}${hash ? `#${hash}` : ''}`,
      );
    }
  }
  return defaultLink(tokens, i, options, env, self);
};

const escapeHtml = (text) =>
  String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** Inline markdown (descriptions from JSDoc): `code`, *emphasis*, links. */
const inline = (text) => md.renderInline(String(text ?? ''), { source: 'docs/components/x.md' });

const titleOf = (markdown, fallback) => /^#\s+(.+)$/m.exec(markdown)?.[1].replaceAll('`', '') ?? fallback;

// ---------------------------------------------------------------- pages

function page({ path, title, body, nav }) {
  const depth = path.split('/').length - 1;
  const up = '../'.repeat(depth);
  const links = nav
    .map((group) => {
      const items = group.items
        .map((item) => {
          const current = item.path === path ? ' aria-current="page"' : '';
          return `<li><a href="${up}${item.path}"${current}>${item.html ?? escapeHtml(item.title)}</a></li>`;
        })
        .join('');
      return `<h2>${escapeHtml(group.title)}</h2><ul>${items}</ul>`;
    })
    .join('');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Guichet</title>
<link rel="stylesheet" href="${up}style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><a class="brand" href="${up}index.html">Guichet</a> <span>documentation</span></header>
<div class="layout">
<nav aria-label="Documentation">${links}</nav>
<main id="main">
${body}
</main>
</div>
</body>
</html>
`;
  write(path, html);
}

function write(path, text) {
  const file = join(SITE, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  written.push(path);
}

// ---------------------------------------------------------------- elements

/** The elements of the manifest, by tag, with inherited members already merged by the analyzer. */
function elements(manifest) {
  const list = [];
  for (const mod of manifest.modules)
    for (const d of mod.declarations ?? [])
      if (d.kind === 'class' && d.customElement && d.tagName) list.push({ ...d, modulePath: mod.path });
  return list.sort((a, b) => a.tagName.localeCompare(b.tagName));
}

const isPublic = (m) => !m.static && (!m.privacy || m.privacy === 'public') && !m.name.startsWith('#');

function table(headers, rows) {
  if (!rows.length) return '';
  return `<div class="table"><table><thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

const codeCell = (text) => (text ? `<code>${escapeHtml(text)}</code>` : '');

function elementBody(el) {
  const tag = el.tagName;
  const members = (el.members ?? []).filter(isPublic);
  const fields = members.filter((m) => m.kind === 'field');
  const methods = members.filter((m) => m.kind === 'method');
  const attributes = el.attributes ?? [];
  const guide = `docs/components/${tag}.md`;
  const parts = [
    `<h1><code>&lt;${tag}&gt;</code></h1>`,
    el.summary ? `<p class="summary">${inline(el.summary)}</p>` : '',
    el.description ? md.render(el.description, { source: guide }) : '',
    '<h2 id="usage">Usage</h2>',
    `<pre><code class="language-html">${escapeHtml(`<!-- every element, one file (CMS pages) -->
<script type="module" src="https://your-server/widgets/guichet-widgets.js"></script>
<${tag}></${tag}>`)}</code></pre>`,
    `<pre><code class="language-js">${escapeHtml(`// or this element alone, from npm (a bundler, or an import map)
import '@guichet/widgets/${tag}';`)}</code></pre>`,
    `<p>Class <code>${escapeHtml(el.name)}</code>, defined in <code>${escapeHtml(el.modulePath)}</code>.</p>`,
  ];
  const sections = [
    [
      'attributes',
      'Attributes',
      table(
        ['attribute', 'property', 'type', 'default', 'description'],
        attributes.map((a) => [
          codeCell(a.name),
          codeCell(a.fieldName),
          codeCell(a.type?.text),
          codeCell(a.default),
          inline(a.description ?? fields.find((f) => f.name === a.fieldName)?.description),
        ]),
      ),
    ],
    [
      'properties',
      'Properties',
      // Attributes are properties too (listed above); here the ones set from JavaScript only.
      table(
        ['property', 'type', 'default', 'description'],
        fields
          .filter((f) => !f.attribute)
          .map((f) => [
            codeCell(f.name) + (f.readonly ? ' <small>(read-only)</small>' : ''),
            codeCell(f.type?.text),
            codeCell(f.default),
            inline(f.description),
          ]),
      ),
    ],
    [
      'methods',
      'Methods',
      table(
        ['method', 'returns', 'description'],
        methods.map((m) => [
          codeCell(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
          codeCell(m.return?.type?.text),
          inline(m.description),
        ]),
      ),
    ],
    [
      'events',
      'Events',
      table(
        ['event', 'type', 'description'],
        (el.events ?? []).map((e) => [codeCell(e.name), codeCell(e.type?.text), inline(e.description)]),
      ),
    ],
    [
      'slots',
      'Slots',
      table(
        ['slot', 'description'],
        (el.slots ?? []).map((s) => [s.name ? codeCell(s.name) : '(default)', inline(s.description)]),
      ),
    ],
    [
      'css-parts',
      'CSS parts',
      table(
        ['part', 'description'],
        (el.cssParts ?? []).map((p) => [codeCell(p.name), inline(p.description)]),
      ),
    ],
    [
      'css-custom-properties',
      'CSS custom properties',
      table(
        ['property', 'description'],
        (el.cssProperties ?? []).map((p) => [codeCell(p.name), inline(p.description)]),
      ),
    ],
  ];
  for (const [id, title, html] of sections) {
    if (!html) continue;
    parts.push(`<h2 id="${id}">${title}</h2>`);
    if (id === 'properties' && attributes.length)
      parts.push(
        '<p>Each attribute above is also a property (its name in the second column). These are set from JavaScript only:</p>',
      );
    parts.push(html);
  }
  parts.push('<p>Styling: see <a href="../theming.html">Theming</a>.</p>');
  if (existsSync(guide)) {
    // The hand-written page: examples and notes, after the reference (its own title dropped).
    const text = readFileSync(guide, 'utf8').replace(/^#\s+.*\n/, '');
    parts.push(
      '<h2 id="guide">Guide and examples</h2>',
      md
        .render(text, { source: guide })
        .replace(/<h2/g, '<h3')
        .replace(/<\/h2>/g, '</h3>'),
    );
  }
  return parts.join('\n');
}

function elementsIndex(list) {
  return [
    '<h1>Elements</h1>',
    '<p>Every element of <code>@guichet/widgets</code>, generated from <code>custom-elements.json</code>',
    '(the manifest editors read too). Load them all with one <code>&lt;script type="module"&gt;</code>',
    'of <code>guichet-widgets.js</code>, or each alone as <code>@guichet/widgets/&lt;tag&gt;</code>.</p>',
    table(
      ['element', 'summary'],
      list.map((el) => [
        `<a href="${el.tagName}.html"><code>&lt;${el.tagName}&gt;</code></a>`,
        inline(el.summary ?? ''),
      ]),
    ),
  ].join('\n');
}

// ---------------------------------------------------------------- main

rmSync(SITE, { recursive: true, force: true });
mkdirSync(SITE, { recursive: true });

if (!existsSync(MANIFEST)) {
  console.error(`${MANIFEST} is missing: run \`npx cem analyze\` (npm run docs does) first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const list = elements(manifest);

writeFileSync('docs/http-api.md', httpApiMarkdown(await loadApi()));
console.log('wrote docs/http-api.md');

const guides = readdirSync('docs')
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.replace(/\.md$/, ''))
  .sort((a, b) => {
    const [ia, ib] = [GUIDE_ORDER.indexOf(a), GUIDE_ORDER.indexOf(b)];
    if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    return a.localeCompare(b);
  })
  .map((name) => {
    const source = `docs/${name}.md`;
    const text = readFileSync(source, 'utf8');
    return { name, source, text, path: `${name}.html`, title: titleOf(text, name) };
  });

const nav = [
  { title: 'Guides', items: guides.map((g) => ({ path: g.path, title: g.title })) },
  {
    title: 'Elements',
    items: [
      { path: 'components/index.html', title: 'All elements' },
      ...list.map((el) => ({
        path: `components/${el.tagName}.html`,
        html: `<code>&lt;${el.tagName}&gt;</code>`,
      })),
    ],
  },
  { title: 'Reference', items: [{ path: 'api/index.html', title: 'SDK reference (typedoc)' }] },
];

for (const g of guides)
  page({ path: g.path, title: g.title, body: md.render(g.text, { source: g.source }), nav });
page({ path: 'components/index.html', title: 'Elements', body: elementsIndex(list), nav });
for (const el of list)
  page({ path: `components/${el.tagName}.html`, title: `<${el.tagName}>`, body: elementBody(el), nav });
write('style.css', readFileSync(new URL('./style.css', import.meta.url), 'utf8'));

const typedoc = spawnSync(
  process.execPath,
  ['node_modules/typedoc/bin/typedoc', '--out', `${SITE}/api`, '--logLevel', 'Warn'],
  { stdio: 'inherit' },
);
if (typedoc.status !== 0) {
  console.error('typedoc failed');
  process.exit(typedoc.status ?? 1);
}

console.log(
  `wrote ${SITE}/: ${guides.length} guides, ${list.length + 1} element pages (${list.map((e) => e.tagName).join(', ')}), ` +
    `style.css, and the sdk reference in ${SITE}/api/`,
);
