// How jiuye shows the commands it suggests, so that each runs as printed: in a checkout, in a release
// bundle on PATH or not; and what bin/jiuye.js says to a Node that is too old.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launcherFor, quotePath, type Installation } from '../src/format/command.js';
import { BIN, tempDir } from './helpers.js';

const checkout = (over: Partial<Installation> = {}): Installation => ({ bundle: false, root: '/home/科员/jiuye', platform: 'linux', path: '/usr/bin', cwd: '/home/科员/jiuye', ...over });

describe('the launcher in a checkout', () => {
  it('is npx jiuye anywhere inside the checkout: npx runs its bin on the project’s own Node', () => {
    expect(launcherFor(checkout(), '/home/科员/jiuye')).toBe('npx jiuye');
    expect(launcherFor(checkout(), '/home/科员/jiuye/jiuye-demo/收到的报表')).toBe('npx jiuye');
  });

  it('outside it, the checkout’s own Node and bin by path (a bare npx jiuye there would ask the registry)', () => {
    expect(launcherFor(checkout(), '/home/科员/工作')).toBe("'/home/科员/jiuye/node_modules/.bin/node' '/home/科员/jiuye/bin/jiuye.js'");
    expect(launcherFor(checkout({ root: '/home/me/jiuye' }), '/home/me/jiuye-other')).toBe('/home/me/jiuye/node_modules/.bin/node /home/me/jiuye/bin/jiuye.js');
    expect(launcherFor(checkout({ root: 'C:\\Users\\科员\\jiuye', platform: 'win32' }), 'D:\\报表')).toMatch(/node_modules.\.bin.node\.cmd .*bin.jiuye\.js$/);
  });
});

describe('the launcher of a release bundle', () => {
  function bundle() {
    const root = tempDir();
    const dir = join(root, '程序 文件夹', 'jiuye-1.0.0-linux-x64');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'jiuye'), '#!/bin/sh\n');
    return { root, dir };
  }

  it('is plain jiuye when the bundle’s launcher is on PATH, directly or through a link', () => {
    const { root, dir } = bundle();
    expect(launcherFor({ bundle: true, root: dir, platform: 'linux', path: `/usr/bin:${dir}`, cwd: root }, root)).toBe('jiuye');
    mkdirSync(join(root, 'bin'));
    symlinkSync(join(dir, 'jiuye'), join(root, 'bin', 'jiuye'));
    expect(launcherFor({ bundle: true, root: dir, platform: 'linux', path: `${join(root, 'bin')}:/usr/bin`, cwd: root }, root)).toBe('jiuye');
  });

  it('is the launcher’s full path, quoted, when it is not on PATH (or another jiuye is)', () => {
    const { root, dir } = bundle();
    mkdirSync(join(root, 'other'));
    writeFileSync(join(root, 'other', 'jiuye'), '#!/bin/sh\n');
    expect(launcherFor({ bundle: true, root: dir, platform: 'linux', path: `${join(root, 'other')}:/usr/bin`, cwd: root }, root)).toBe(`'${join(dir, 'jiuye')}'`);
  });
});

describe('paths typed in a shell', () => {
  it('are quoted only when they need it, for sh and for cmd.exe', () => {
    expect(quotePath('/usr/local/jiuye', 'linux')).toBe('/usr/local/jiuye');
    expect(quotePath('/home/me/my folder', 'linux')).toBe("'/home/me/my folder'");
    expect(quotePath("/home/o'neil", 'linux')).toBe(`'/home/o'\\''neil'`);
    expect(quotePath('D:\\jiuye\\jiuye.cmd', 'win32')).toBe('D:\\jiuye\\jiuye.cmd');
    expect(quotePath('D:\\就业 工具\\jiuye.cmd', 'win32')).toBe('"D:\\就业 工具\\jiuye.cmd"');
  });
});

describe('bin/jiuye.js on an older Node', () => {
  it('says in one Chinese line which Node it needs and exits 1, before anything native is loaded', () => {
    const dir = tempDir();
    // Node 20 itself may not be on the machine: this Node is told it is 20 before bin/jiuye.js runs.
    writeFileSync(join(dir, 'old.cjs'), "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
    const r = spawnSync(process.execPath, ['--require', join(dir, 'old.cjs'), BIN, 'check'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('jiuye 需要 Node.js 24(当前是 v20.20.2):在项目文件夹里请用 npx jiuye 运行(npm ci 已装好 Node 24),或使用发布包里的 jiuye 启动器\n');
  });

  it('runs on the project’s Node 24', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
