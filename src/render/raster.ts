// Chart SVG to PNG for the workbook, by resvg (a prebuilt native package), with one Chinese font file
// loaded rather than every system font: the same result, without scanning hundreds of fonts per chart.
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
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
 * Charts drawn as PNGs at RASTER_ZOOM times their SVG size. They are drawn side by side on resvg's
 * worker threads: loading the font (about 160 ms for a 16 MB file here) is most of each one's cost.
 */
export async function chartPngs(svgs: readonly string[], font: CjkFont): Promise<Buffer[]> {
  const images = await Promise.all(svgs.map((svg) => renderAsync(svg, options(font))));
  return images.map((image) => image.asPng());
}
