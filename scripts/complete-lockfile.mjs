// Completes package-lock.json with the platform packages this machine's registry does not serve.
//
// Packages such as rollup and Biome list one optional binary package per platform. The registry
// mirror here only serves the linux-x64 ones, so `npm install` leaves the others out of the lock,
// and then `npm ci` (npm 11, https://github.com/npm/cli/issues/9846) refuses that very lockfile as
// "out of sync". Recording each missing platform package with its os/cpu (read from its name)
// lets `npm ci` see a complete lock and skip them as foreign platforms, as it does everywhere.
// Runs after every install (root `postinstall`); does nothing when the lock is complete.
// `--check` only reports (npm test runs it so an incomplete lock never lands).
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find((c) => parts.includes(c));
  if (!os || !cpu) return null;
  const libc = os === 'linux' ? (parts.includes('musl') ? 'musl' : 'glibc') : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[`node_modules/${name}`] || packages[nested]) continue;
    const platform = platformOf(name);
    const version = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec) ? spec : null;
    if (!platform || !version) continue;
    packages[`node_modules/${name}`] = {
      version,
      cpu: [platform.cpu],
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [platform.os],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added++;
  }
}

if (added && process.argv.includes('--check')) {
  console.error(
    `package-lock.json lacks ${added} foreign-platform packages: run node scripts/complete-lockfile.mjs`,
  );
  process.exit(1);
}
if (added) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
  );
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`[guichet] package-lock.json: recorded ${added} foreign-platform optional packages`);
}
