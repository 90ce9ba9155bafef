// Charts as PNG for the Word report, drawn by resvg (@resvg/resvg-js: its binary comes inside
// the npm package, nothing is downloaded). A native module cannot be bundled, so it is loaded
// here, only when a Word report is written; a build without it says what is missing.

import { existsSync } from "node:fs";
import { UsageError } from "../../errors.js";

/**
 * Font files with the chart fonts (CHART_FONTS in svg.ts), where systems install them:
 * Debian/Ubuntu fonts-noto-cjk, Fedora/Arch noto-cjk, macOS, Windows. The first that exist
 * are loaded; with none, resvg searches the system's fonts.
 */
export const CHART_FONT_FILES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/adobe-source-han-sans/SourceHanSansSC-Regular.otf",
  "/Library/Fonts/SourceHanSansSC-Regular.otf",
  "/System/Library/Fonts/PingFang.ttc",
  "C:\\Windows\\Fonts\\msyh.ttc",
  "C:\\Windows\\Fonts\\simsun.ttc",
];

type ResvgModule = typeof import("@resvg/resvg-js");

let loaded: Promise<ResvgModule> | undefined;

function loadResvg(): Promise<ResvgModule> {
  loaded ??= import("@resvg/resvg-js").catch((cause: unknown) => {
    loaded = undefined;
    throw new UsageError(
      "cannot draw the charts of a Word report: the chart rasteriser @resvg/resvg-js is not available in this build of drill",
      {
        cause,
        hint: "write --format html (its charts need no rasteriser), or use drill installed from npm, which brings @resvg/resvg-js for this system",
      },
    );
  });
  return loaded;
}

/** Turns chart SVGs into PNGs `scale` times their CSS size (2: sharp in print). */
export async function rasterise(svgs: readonly string[], scale = 2): Promise<Uint8Array[]> {
  if (svgs.length === 0) return [];
  const { Resvg } = await loadResvg();
  const fontFiles = CHART_FONT_FILES.filter((file) => existsSync(file));
  // With Noto CJK at hand it is the default; else the system's fonts are searched as well.
  const family = fontFiles.some((file) => file.includes("NotoSansCJK")) ? "Noto Sans CJK SC" : "";
  return svgs.map((svg) => {
    const resvg = new Resvg(svg, {
      fitTo: { mode: "zoom", value: scale },
      font: {
        loadSystemFonts: family === "",
        fontFiles,
        ...(family ? { defaultFontFamily: family, sansSerifFamily: family } : {}),
      },
      logLevel: "off",
    });
    return new Uint8Array(resvg.render().asPng());
  });
}
