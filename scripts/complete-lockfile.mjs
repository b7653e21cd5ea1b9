// The registry this project installs from serves only this machine's platform builds, so `npm install`
// leaves other platforms' optional packages (rollup, biome) out of package-lock.json, and `npm ci`
// then refuses the lockfile. This adds each missing optional package as a platform-gated entry that
// npm skips on a platform that does not match, so `npm ci` works here and elsewhere.
// Run after `npm install` changes the lockfile: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32'];
const CPU = {
  arm: 'arm',
  'arm-eabi': 'arm',
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OS.find((o) => base.includes(`-${o}-`));
  if (!os) return null;
  const rest = base.slice(base.indexOf(`-${os}-`) + os.length + 2).split('-');
  const cpu = CPU[rest.slice(0, 2).join('-')] ?? CPU[rest[0]];
  if (!cpu) return null;
  const entry = { os: [os], cpu: [cpu] };
  if (os === 'linux') entry.libc = [rest.includes('musl') || rest.includes('musleabihf') ? 'musl' : 'glibc'];
  return entry;
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const where = `node_modules/${dep}`;
    if (lock.packages[where] || lock.packages[`${key}/${where}`]) continue;
    const platform = platformOf(dep);
    if (!platform) throw new Error(`cannot tell the platform of ${dep}; add it by hand`);
    lock.packages[where] = { version, ...(pkg.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform-gated optional entries`);
