// The release bundles' small parts, fast: the launchers (run for real), the manifest and its check,
// the zip writer, and the readings the release check relies on. The bundles themselves are built and
// checked by npm run release and npm run release:check, which take minutes.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { elfMachine, highestSymbolVersions, installNotes, launcherText, layoutOf, manifestOf, peMachine, PLATFORMS, sha256, verifyManifest, zipFolder } from '../release.ts';
import { tempDir } from './helpers.js';

const platform = (id: string) => PLATFORMS.find((p) => p.id === id)!;

/** A bundle-shaped folder whose app prints what it was started with, run by this test's own Node. */
function fakeBundle(parent: string): string {
  const dir = join(parent, '程序 文件夹', 'jiuye-9.9.9-linux-x64');
  const { node, entry, launcher } = layoutOf(platform('linux-x64'));
  mkdirSync(join(dir, 'node', 'bin'), { recursive: true });
  mkdirSync(join(dir, 'app'), { recursive: true });
  symlinkSync(process.execPath, join(dir, node));
  writeFileSync(join(dir, entry), 'console.log(JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), flags: process.execArgv }));\n');
  writeFileSync(join(dir, launcher), launcherText(platform('linux-x64')));
  chmodSync(join(dir, launcher), 0o755);
  return dir;
}

describe('the Linux launcher', () => {
  it('runs the bundled Node with the bundled app from any folder, passing every argument whole', () => {
    const root = tempDir();
    const dir = fakeBundle(root);
    const elsewhere = join(root, '别的 地方');
    mkdirSync(elsewhere);
    const r = spawnSync(join(dir, 'jiuye'), ['import', '收到的 报表/', '--quarter', "2021Q3's"], { cwd: elsewhere, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ argv: ['import', '收到的 报表/', '--quarter', "2021Q3's"], cwd: elsewhere, flags: ['--max-semi-space-size=4'] });
  });

  it('finds its folder when started through a link (for example from ~/bin)', () => {
    const root = tempDir();
    const dir = fakeBundle(root);
    mkdirSync(join(root, 'bin'));
    symlinkSync(join(dir, 'jiuye'), join(root, 'bin', 'jiuye'));
    const r = spawnSync('jiuye', ['check'], { cwd: root, encoding: 'utf8', env: { PATH: `${join(root, 'bin')}:/usr/bin:/bin` } });
    expect(JSON.parse(r.stdout).argv).toEqual(['check']);
  });
});

describe('the Windows launcher', () => {
  const text = launcherText(platform('win-x64'));
  it('is ASCII with CRLF lines, as cmd.exe reads a batch file in the system code page', () => {
    expect([...Buffer.from(text, 'utf8')].every((b) => b < 0x80)).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
  it('runs the bundled node.exe on the bundled app, with its folder quoted and every argument passed', () => {
    expect(text).toContain('"%~dp0node\\node.exe" --max-semi-space-size=4 "%~dp0app\\jiuye.mjs" %*');
  });
});

describe('the installation notes', () => {
  it('say, in Chinese, how to unpack, run, find the database, upgrade and verify, for each platform', () => {
    for (const p of PLATFORMS) {
      const notes = installNotes(p, '1.2.3');
      for (const heading of ['解压', '运行', '数据库在哪里', '升级', '核对文件']) expect(notes).toContain(heading);
      expect(notes).toContain(`jiuye-1.2.3-${p.id}`);
    }
    expect(installNotes(platform('win-x64'), '1.2.3')).toMatch(/^\uFEFF/);
    expect(installNotes(platform('win-x64'), '1.2.3')).toContain('certutil');
    expect(installNotes(platform('linux-arm64'), '1.2.3')).toContain('glibc 2.34');
  });
});

describe('manifest.json', () => {
  function bundle() {
    const dir = tempDir();
    mkdirSync(join(dir, 'node', 'bin'), { recursive: true });
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'node', 'bin', 'node'), 'runtime');
    writeFileSync(join(dir, 'app', 'jiuye.mjs'), 'app');
    writeFileSync(join(dir, '安装说明.txt'), '说明');
    const m = manifestOf(dir, platform('linux-x64'), '1.2.3');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    return { dir, m };
  }

  it('names version, platform, runtime and entry, and hashes every other file by its path with /', () => {
    const { m } = bundle();
    expect(m).toEqual({
      version: '1.2.3',
      platform: 'linux-x64',
      node: 'node/bin/node',
      entry: 'app/jiuye.mjs',
      files: { 'app/jiuye.mjs': sha256(Buffer.from('app')), 'node/bin/node': sha256(Buffer.from('runtime')), '安装说明.txt': sha256(Buffer.from('说明')) },
    });
  });

  it('is verified against the folder: a changed, added or missing file is named', () => {
    const { dir } = bundle();
    expect(verifyManifest(dir)).toEqual([]);
    writeFileSync(join(dir, 'app', 'jiuye.mjs'), 'changed');
    writeFileSync(join(dir, 'extra.txt'), 'x');
    expect(verifyManifest(dir)).toEqual(['app/jiuye.mjs: sha256 differs', 'extra.txt: not in the manifest']);
  });
});

/** The entries of a zip, read back by its central directory, as an unzip tool does. */
function readZip(zip: Buffer): { name: string; utf8Flag: boolean; data: Buffer }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    out.push({ name, utf8Flag: (flags & 0x0800) !== 0, data: method === 8 ? inflateRawSync(body) : Buffer.from(body) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('the zip writer', () => {
  it('stores every file under one top folder, names flagged as UTF-8, contents intact', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node'));
    writeFileSync(join(dir, '安装说明.txt'), '解压后运行 jiuye.cmd\r\n'.repeat(50));
    writeFileSync(join(dir, 'node', 'node.exe'), Buffer.from([0, 1, 2, 3]));
    const entries = readZip(zipFolder(dir, 'jiuye-1.2.3-win-x64'));
    expect(entries.map((e) => e.name)).toEqual(['jiuye-1.2.3-win-x64/node/node.exe', 'jiuye-1.2.3-win-x64/安装说明.txt']);
    expect(entries.every((e) => e.utf8Flag)).toBe(true);
    expect(entries[1].data.toString('utf8')).toBe(readFileSync(join(dir, '安装说明.txt'), 'utf8'));
    expect([...entries[0].data]).toEqual([0, 1, 2, 3]);
  });
});

describe('what the release check reads', () => {
  it('the highest GLIBC and GLIBCXX versions among readelf’s symbol versions', () => {
    const out = '  0x0010: Name: GLIBC_2.2.5  Flags: none\n  Name: GLIBC_2.34\n  Name: GLIBC_2.4\n  Name: GLIBCXX_3.4.29\n  Name: GLIBCXX_3.4.9\n  CXXABI_1.3.9';
    expect(highestSymbolVersions(out)).toEqual({ glibc: '2.34', glibcxx: '3.4.29' });
    expect(highestSymbolVersions('Name: GLIBC_2.17')).toEqual({ glibc: '2.17', glibcxx: null });
  });

  it('the machine of an ELF image: x86-64 and AArch64 told apart from others and from non-ELF files', () => {
    const elf = (machine: number, cls = 2) => {
      const b = Buffer.alloc(64);
      b.write('\x7fELF', 0, 'latin1');
      b[4] = cls;
      b[5] = 1;
      b.writeUInt16LE(machine, 18);
      return b;
    };
    expect(elfMachine(elf(0x3e))).toBe('x64');
    expect(elfMachine(elf(0xb7))).toBe('arm64');
    expect(elfMachine(elf(0x28))).toBe('machine 0x28');
    expect(elfMachine(elf(0x3e, 1))).toBe('ELF class 1, data 1');
    expect(elfMachine(Buffer.from('MZ and more'))).toBe('not an ELF file');
  });

  it('a PE32+ x86-64 image told apart from other machines and from non-PE files', () => {
    const pe = (machine: number, magic: number) => {
      const b = Buffer.alloc(512);
      b.write('MZ', 0, 'latin1');
      b.writeUInt32LE(0x80, 0x3c);
      b.write('PE\0\0', 0x80, 'latin1');
      b.writeUInt16LE(machine, 0x84);
      b.writeUInt16LE(magic, 0x80 + 24);
      return b;
    };
    expect(peMachine(pe(0x8664, 0x20b))).toBe('x64');
    expect(peMachine(pe(0xaa64, 0x20b))).toBe('machine 0xaa64, optional header 0x20b');
    expect(peMachine(pe(0x14c, 0x10b))).toBe('machine 0x14c, optional header 0x10b');
    expect(peMachine(Buffer.from('\x7fELF and more than sixty-four bytes of padding, padding, padding, padding'))).toBe('not a PE file');
  });
});
