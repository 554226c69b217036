// Chart SVG to PNG for the workbook, by resvg (a prebuilt native package), with one Chinese font file
// loaded rather than every system font: the same result, without scanning hundreds of fonts per chart.
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { CjkFont } from './fonts.js';

/** Pixels per SVG pixel: a 1000 px wide chart becomes 2000 px, about 190 dpi across an A4 page. */
export const RASTER_ZOOM = 2;

function options(font: CjkFont): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: RASTER_ZOOM },
    background: '#FFFFFF',
    font: { loadSystemFonts: false, fontFiles: [font.file], defaultFontFamily: font.family, sansSerifFamily: font.family, serifFamily: font.family },
    logLevel: 'off',
  };
}

/**
 * Charts drawn as PNGs at RASTER_ZOOM times their SVG size, side by side on resvg's worker threads.
 * Text is most of the cost: resvg 2.6 reads the whole font file again for every text element (50
 * labels took 0.72 s with a 16 MB Chinese font and 0.02 s with a 0.7 MB Latin one), so the four
 * charts' ~140 labels cost a second or two whatever the number of units.
 */
export async function chartPngs(svgs: readonly string[], font: CjkFont): Promise<Buffer[]> {
  const images = await Promise.all(svgs.map((svg) => renderAsync(svg, options(font))));
  return images.map((image) => image.asPng());
}

/**
 * Does the font really draw Chinese? A file with a font's name and header may still be damaged or lack
 * the glyphs, and resvg then leaves the text out: the charts would be drawn without a single label.
 */
export function drawsChinese(font: CjkFont): boolean {
  const probe = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><text x="2" y="24" style="font-size:20px">统计</text></svg>';
  try {
    return new Resvg(probe, options(font)).getBBox() !== undefined;
  } catch {
    return false;
  }
}
