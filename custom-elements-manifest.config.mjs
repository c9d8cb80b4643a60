// `npx cem analyze` (run by `npm run build` and `npm run docs`): writes
// packages/widgets/custom-elements.json from the JSDoc of the element classes (@summary, @attr,
// @event, @csspart, @cssproperty, @slot) and their Lit properties, for editors and the docs site.
//
// Our elements register themselves with `Element.define('tag')` in their define.ts (idempotent, see
// GuichetElement), which the analyzer does not know: `defineCalls` reads those calls instead of
// `customElements.define`. Paths are written as the published package has them (`dist/*.js`).

/** Tags registered by `SomeClass.define('some-tag')`, by class name. */
const tags = new Map();
/** Modules holding those calls: tag -> define module path. */
const defineModules = new Map();

function defineCalls() {
  return {
    name: 'guichet-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      const [arg] = node.arguments;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'define') return;
      if (!ts.isIdentifier(callee.expression) || !arg || !ts.isStringLiteral(arg)) return;
      tags.set(callee.expression.text, arg.text);
      defineModules.set(arg.text, moduleDoc.path);
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      for (const mod of modules) {
        for (const declaration of mod.declarations ?? []) {
          const tag = declaration.kind === 'class' && tags.get(declaration.name);
          if (!tag) continue;
          declaration.customElement = true;
          declaration.tagName = tag;
          const defineModule = modules.find((m) => m.path === defineModules.get(tag));
          defineModule?.exports?.push({
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: declaration.name, module: mod.path },
          });
        }
      }
      console.log(`custom-elements.json: ${tags.size} elements (${[...tags.values()].sort().join(', ')})`);
    },
  };
}

/**
 * Keeps what a page author uses: drops the `state: true` entries of `static properties` (Lit's
 * internal reactive state), events the analyzer found without a name (a `dispatchEvent` of a
 * variable, already listed by `@event`).
 */
function publicSurface() {
  const stateFields = new Map();
  return {
    name: 'guichet-public-surface',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const properties = node.members.find(
        (member) =>
          ts.isPropertyDeclaration(member) &&
          member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) &&
          ts.isIdentifier(member.name) &&
          member.name.text === 'properties',
      );
      const entries =
        properties?.initializer && ts.isObjectLiteralExpression(properties.initializer)
          ? properties.initializer.properties
          : [];
      const names = entries
        .filter(
          (entry) =>
            ts.isPropertyAssignment(entry) &&
            ts.isObjectLiteralExpression(entry.initializer) &&
            entry.initializer.properties.some(
              (option) =>
                ts.isPropertyAssignment(option) &&
                option.name.getText() === 'state' &&
                option.initializer.kind === ts.SyntaxKind.TrueKeyword,
            ),
        )
        .map((entry) => entry.name.getText());
      stateFields.set(node.name.text, new Set(names));
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const state = stateFields.get(declaration.name);
          if (state && declaration.members)
            declaration.members = declaration.members.filter((m) => !state.has(m.name));
          if (state && declaration.attributes)
            declaration.attributes = declaration.attributes.filter((a) => !state.has(a.fieldName));
          if (declaration.events) declaration.events = declaration.events.filter((e) => e.name);
        }
      }
    },
  };
}

/** `packages/widgets/src/x/y.ts` -> `dist/x/y.js`: paths inside the published package. */
function publishedPaths() {
  const published = (path) => path?.replace(/^packages\/widgets\/src\//, 'dist/').replace(/\.ts$/, '.js');
  const visit = (value) => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        if ((key === 'path' || key === 'module') && typeof item === 'string') value[key] = published(item);
        else visit(item);
      }
  };
  return {
    name: 'guichet-published-paths',
    packageLinkPhase({ customElementsManifest }) {
      // Keep only modules that the package publishes (no tests, page objects, stories).
      visit(customElementsManifest.modules);
    },
  };
}

export default {
  globs: ['packages/widgets/src/**/*.ts'],
  exclude: ['packages/widgets/src/**/*.test.ts', 'packages/widgets/src/**/*.page.ts'],
  outdir: 'packages/widgets',
  litelement: true,
  packagejson: false,
  plugins: [defineCalls(), publicSurface(), publishedPaths()],
};
