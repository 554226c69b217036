// Finding the fonts on the clerk's machine for drawing charts as images: a Chinese one, without which
// characters would be drawn as boxes (so the charts are left out instead), and a Latin one for figures.
import { closeSync, openSync, readSync, readdirSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A font file and the family name inside it, as the chart's font-family list names it. */
export interface FontFile {
  family: string;
  file: string;
}

/** The fonts the charts are drawn with: a Chinese one, and a Latin one for figures where there is one. */
export interface ChartFonts {
  cjk: FontFile | null;
  latin: FontFile | null;
}

/**
 * Font files known to hold simplified Chinese, best first: 微软雅黑 and the Noto/思源 families read
 * well at small sizes; 宋体 (thin strokes) last. Matched on file names so no font file is parsed.
 */
const KNOWN: { file: RegExp; family: string }[] = [
  { file: /^msyh\.tt[cf]$/i, family: 'Microsoft YaHei' },
  { file: /^NotoSansCJK(sc)?-Regular\.(ttc|otf)$/i, family: 'Noto Sans CJK SC' },
  { file: /^NotoSansSC-Regular\.(otf|ttf)$/i, family: 'Noto Sans SC' },
  { file: /^SourceHanSans(SC|CN)?-Regular\.(ttc|otf)$/i, family: 'Source Han Sans SC' },
  { file: /^PingFang\.ttc$/i, family: 'PingFang SC' },
  { file: /^wqy-microhei\.ttc$/i, family: 'WenQuanYi Micro Hei' },
  { file: /^wqy-zenhei\.ttc$/i, family: 'WenQuanYi Zen Hei' },
  { file: /^simhei\.ttf$/i, family: 'SimHei' },
  { file: /^Hiragino Sans GB\.ttc$/i, family: 'Hiragino Sans GB' },
  { file: /^STHeiti (Medium|Light)\.ttc$/i, family: 'Heiti SC' },
  { file: /^simsun\.tt[cf]$/i, family: 'SimSun' },
];

/**
 * Latin fonts for figures and Latin text, best first. A label of figures drawn in a Chinese font costs
 * resvg a read of the whole font file (16–20 MB); in one of these (0.4–0.8 MB) it costs almost nothing:
 * 50 figure labels took 930 ms in 文泉驿正黑 and 30 ms in Liberation Sans (measured with resvg 2.6).
 */
const LATIN: { file: RegExp; family: string }[] = [
  { file: /^arial\.ttf$/i, family: 'Arial' },
  { file: /^LiberationSans-Regular\.ttf$/i, family: 'Liberation Sans' },
  { file: /^DejaVuSans\.ttf$/i, family: 'DejaVu Sans' },
  { file: /^NotoSans-Regular\.ttf$/i, family: 'Noto Sans' },
];

/**
 * Where fonts live on this system; JIUYE_FONT_DIRS (folders separated by the system's path
 * delimiter) replaces the list, for a font kept elsewhere.
 */
export function fontDirs(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string[] {
  const own = env.JIUYE_FONT_DIRS;
  if (own !== undefined) return own.split(delimiter).filter((d) => d.trim() !== '');
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') {
    const windows = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    return [join(windows, 'Fonts'), ...(env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  if (platform === 'darwin') return ['/System/Library/Fonts', '/Library/Fonts', join(home, 'Library', 'Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local', 'share', 'fonts'), join(home, '.fonts')];
}

/** The best Chinese and the best Latin font in the folders (searched a few levels deep, in one walk). */
export function findChartFonts(dirs: readonly string[]): ChartFonts {
  const best = { cjk: null as { rank: number; font: FontFile } | null, latin: null as { rank: number; font: FontFile } | null };
  const consider = (kind: 'cjk' | 'latin', known: typeof KNOWN, name: string, path: string) => {
    const rank = known.findIndex((k) => k.file.test(name));
    const held = best[kind];
    if (rank >= 0 && (held === null || rank < held.rank) && isFontFile(path)) best[kind] = { rank, font: { family: known[rank].family, file: path } };
  };
  const visit = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder that is missing or unreadable simply holds no font
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory() || e.isSymbolicLink()) {
        if (depth < 4) visit(path, depth + 1);
        continue;
      }
      consider('cjk', KNOWN, e.name, path);
      consider('latin', LATIN, e.name, path);
    }
  };
  for (const dir of dirs) visit(dir, 0);
  return { cjk: best.cjk?.font ?? null, latin: best.latin?.font ?? null };
}

/**
 * Does the file begin as a TrueType, OpenType or collection font? A file that only has the right name
 * (empty, truncated to nothing, unreadable) would make resvg draw the charts with no text at all.
 */
function isFontFile(path: string): boolean {
  const head = Buffer.alloc(4);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (readSync(fd, head, 0, 4, 0) < 4) return false;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return ['ttcf', 'OTTO', 'true', '\0\u0001\0\0'].includes(head.toString('latin1'));
}
