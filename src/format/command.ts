// How the user types jiuye on this machine, for every command line jiuye suggests: `npx jiuye` in a
// checkout (npx runs the project's own Node 24, whatever the system's Node is), the launcher of a
// release bundle by its path, or plain `jiuye` where that launcher is on PATH. Never a bare `npx jiuye`
// outside the checkout: npx would ask the package registry for a stranger's package of that name.
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join, relative, isAbsolute } from 'node:path';

/** The facts the way to type jiuye depends on. */
export interface Installation {
  /** A release bundle (its launcher sits in root), or a checkout (root holds package.json). */
  bundle: boolean;
  root: string;
  platform: string;
  /** The PATH variable. */
  path: string | undefined;
  /** The folder the process started in. */
  cwd: string;
}

let installation: Installation | null = null;
let cached: string | null = null;

/** Records how this process was installed; until then (in tests) commands are shown as `jiuye …`. */
export function setInstallation(i: Installation | null): void {
  installation = i;
  cached = null;
}

/** The words that start a jiuye command line, typed in the folder the process started in (or in `where`). */
export function launcher(where?: string): string {
  if (!installation) return 'jiuye';
  if (where !== undefined) return launcherFor(installation, where);
  return (cached ??= launcherFor(installation, installation.cwd));
}

/** Decides the launcher for a command typed in folder `where`. */
export function launcherFor(i: Installation, where: string): string {
  const quote = (p: string) => quotePath(p, i.platform);
  if (!i.bundle) {
    // npx runs the checkout's own bin, on its own Node, from any folder inside the checkout. From
    // outside, npx would run it on the system's Node: name the checkout's Node and bin instead.
    const rel = relative(i.root, where);
    if (!rel.startsWith('..') && !isAbsolute(rel)) return 'npx jiuye';
    const node = join(i.root, 'node_modules', '.bin', i.platform === 'win32' ? 'node.cmd' : 'node');
    return `${quote(node)} ${quote(join(i.root, 'bin', 'jiuye.js'))}`;
  }
  const name = i.platform === 'win32' ? 'jiuye.cmd' : 'jiuye';
  const own = join(i.root, name);
  return onPath(own, name, i.path) ? 'jiuye' : quote(own);
}

function onPath(own: string, name: string, path: string | undefined): boolean {
  if (!path) return false;
  let real: string;
  try {
    real = realpathSync(own);
  } catch {
    return false;
  }
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, name);
    try {
      if (dir && existsSync(candidate) && realpathSync(candidate) === real) return true;
    } catch {
      // an unreadable PATH entry is not ours
    }
  }
  return false;
}

/** A path as typed in the platform's shell: quoted when it holds spaces or shell characters. */
export function quotePath(p: string, platform: string): string {
  if (platform === 'win32') return /[\s&()^%!;,]/.test(p) ? `"${p}"` : p;
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
