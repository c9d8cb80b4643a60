// Builds every package to ESM with declarations, one output file per source module so that
// `exports` subpaths and tree-shaking work (`dist/` mirrors `src/`). Dependencies stay external.
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';

const PACKAGES = {
  sdk: ['src/index.ts', 'src/schemas/index.ts', 'src/rules/index.ts', 'src/client/index.ts'],
  widgets: [
    'src/internal/index.ts',
    'src/guichet-provider/define.ts',
    'src/guichet-login/define.ts',
    'src/balance-table/define.ts',
    'src/history-table/define.ts',
    'src/reservation-list/define.ts',
    'src/guichet-notices/define.ts',
    'src/voucher-card/define.ts',
    'src/voucher-balance/define.ts',
    'src/voucher-scanner/define.ts',
    'src/countermark-checker/define.ts',
    'src/screening-request/define.ts',
  ],
  'server-adapter': ['src/index.ts', 'src/node.ts', 'src/cli.ts'],
};

/** Bare imports (`lit`, `zod/mini`, `@guichet/sdk/schemas`, `node:fs`) are not bundled. */
const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

function packageBuild(name, inputs) {
  const dir = `packages/${name}`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  return {
    input: inputs.map((input) => `${dir}/${input}`),
    external,
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: `${dir}/src`,
      sourcemap: true,
    },
    plugins: [
      typescript({
        tsconfig: `${dir}/tsconfig.json`,
        outDir: `${dir}/dist`,
        declarationDir: `${dir}/dist`,
        // Declarations must point at published `dist`, not sibling sources.
        compilerOptions: { customConditions: [] },
        noEmitOnError: true,
      }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
        return;
      warn(warning);
    },
    // Keep the package name in errors when several builds run.
    context: pkg.name,
  };
}

const only = process.env.PACKAGE;
export default Object.entries(PACKAGES)
  .filter(([name]) => !only || only === name)
  .map(([name, inputs]) => packageBuild(name, inputs));
