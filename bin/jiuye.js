#!/usr/bin/env -S node --max-semi-space-size=4
// The executable. Written so that an older Node can still read it (no top-level await, no node: prefix):
// it checks the version before anything native is loaded (better-sqlite3 13 crashes Node 20 with a
// segmentation fault). The first line gives Node 24 a smaller young generation: a 1,000-file import took
// 409 MB without it, 288 MB with it, 259 MB on Node 20 (the release bundles' launchers pass the same flag).
import { homedir } from 'os';
import { join } from 'path';
import module from 'module';

const NEEDED = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < NEEDED) {
  process.stderr.write(
    `jiuye 需要 Node.js ${NEEDED}(当前是 v${process.versions.node}):在项目文件夹里请用 npx jiuye 运行(npm ci 已装好 Node ${NEEDED}),或使用发布包里的 jiuye 启动器\n`,
  );
  process.exit(1);
}

// Node's compile cache saves about a tenth of start-up. It lives in the user's own cache folder,
// never beside the database (which may sit on a USB stick or a share); a folder that cannot be
// written only turns the cache off.
if (typeof module.enableCompileCache === 'function' && !process.env.NODE_COMPILE_CACHE) {
  const base = process.platform === 'win32'
    ? process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local')
    : process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  try {
    module.enableCompileCache(join(base, 'jiuye', 'compile-cache'));
  } catch {
    // no cache: only slower
  }
}

import('../dist/cli.js').then(({ main }) => main(process.argv.slice(2)));
