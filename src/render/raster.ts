// Chart SVG to PNG for the workbook, by resvg (a prebuilt native package), with one Chinese font file
// loaded rather than every system font: the same result, without scanning hundreds of fonts per chart.
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { FontFile } from './fonts.js';

/** Pixels per SVG pixel: a 1000 px wide chart becomes 2000 px, about 190 dpi across an A4 page. */
export const RASTER_ZOOM = 2;

function options(font: FontFile, latin: FontFile | null = null): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: RASTER_ZOOM },
    background: '#FFFFFF',
    font: {
      loadSystemFonts: false,
      fontFiles: latin ? [font.file, latin.file] : [font.file],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
      serifFamily: font.family,
    },
    logLevel: 'off',
  };
}

/**
 * The chart with every text drawn in the Latin font first and the Chinese font for the characters the
 * Latin one lacks: figures and axis values then never touch the Chinese file, which resvg 2.6 reads
 * whole again for every text element it is used in (thx/resvg-js#367); a Chinese label looks the same.
 */
export function withLatinFigures(svg: string, font: FontFile, latin: FontFile | null): string {
  if (latin === null) return svg;
  return svg.replace(/font-family:[^;"]*/g, `font-family:'${latin.family}', '${font.family}'`);
}

/**
 * Charts drawn as PNGs at RASTER_ZOOM times their SVG size, side by side on resvg's worker threads.
 * Text is most of the cost (see withLatinFigures): with a Latin font for the figures, the four charts'
 * ~140 labels cost what their ~70 Chinese ones do; without one, all of them read the Chinese file.
 */
export async function chartPngs(svgs: readonly string[], font: FontFile, latin: FontFile | null = null): Promise<Buffer[]> {
  const images = await Promise.all(svgs.map((svg) => renderAsync(withLatinFigures(svg, font, latin), options(font, latin))));
  return images.map((image) => image.asPng());
}

/**
 * Does the font really draw Chinese? A file with a font's name and header may still be damaged or lack
 * the glyphs, and resvg then leaves the text out: the charts would be drawn without a single label.
 */
export function drawsChinese(font: FontFile): boolean {
  const probe = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><text x="2" y="24" style="font-size:20px">统计</text></svg>';
  try {
    return new Resvg(probe, options(font)).getBBox() !== undefined;
  } catch {
    return false;
  }
}
