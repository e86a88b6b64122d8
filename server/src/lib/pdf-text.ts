import { createRequire } from 'node:module';
import * as bidiModule from 'bidi-js';
import type { Bidi } from 'bidi-js';

/**
 * Text in any of Portico's languages on a pdfkit page: fonts embedded from npm packages (Noto Sans
 * for Latin with Vietnamese, and Cyrillic; Noto Sans Arabic; Noto Sans SC, one weight), picked
 * per character by script; lines wrapped by us, then ordered by the Unicode bidi algorithm
 * (bidi-js) so Arabic reads right to left with numbers, names and links left to right inside it.
 * fontkit (inside pdfkit) shapes the Arabic letters and lays out each right-to-left run itself.
 */

const packages = createRequire(import.meta.url);
export const FONT_FILES = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  latinBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  arabicBold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  // Chinese has a single weight: a second one would add 10 MB for headings only.
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

/**
 * A new pdfkit document. pdfkit (with fontkit, about 25 MiB of memory) loads with the first PDF
 * asked for, not at start.
 */
export async function newPdf(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  return new PDFDocument(options);
}

/** Registers the fonts on a document (pdfkit embeds only the glyphs used). */
export function registerFonts(pdf: PDFKit.PDFDocument): void {
  for (const name of Object.keys(FONT_FILES) as FontName[]) pdf.registerFont(name, fontPath(name));
}

/** Where a font's file is installed. */
/**
 * Gets `pdf` ready for text in any supported language (fonts registered) and collects its bytes:
 * the promise resolves with the whole file once `pdf.end()` has been called.
 */
export function collectPdf(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  registerFonts(pdf);
  return done;
}

export function fontPath(name: FontName): string {
  return packages.resolve(FONT_FILES[name]);
}

/** The main font of a document in a language: Chinese text sets Latin in the Chinese font too. */
export const mainFontOf = (lang: string): 'latin' | 'cjk' => (lang === 'zh-Hans' ? 'cjk' : 'latin');

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const CJK = /[\u2E80-\u2FFF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;

/** Direction marks and isolates: they steer the bidi algorithm and are not drawn. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export interface TextStyle {
  size: number;
  bold?: boolean;
}

/** The font for one character: by script, else the document's main font. */
export function fontFor(ch: string, main: 'latin' | 'cjk', bold: boolean): FontName {
  if (ARABIC.test(ch)) return bold ? 'arabicBold' : 'arabic';
  if (CJK.test(ch)) return 'cjk';
  if (main === 'cjk') return 'cjk';
  return bold ? 'latinBold' : 'latin';
}

/** Pieces that may not be split: a CJK character, a run of other non-space text, or spaces. */
const TOKENS =
  /[\u2E80-\u2FFF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u2FFF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g;

// bidi-js is CommonJS: Node hands its factory over as the default export, which TypeScript types
// one level deeper. Take whichever is the function.
const bidiDefault: unknown = (bidiModule as unknown as { default: unknown }).default;
const bidi: Bidi = (
  typeof bidiDefault === 'function' ? bidiDefault : (bidiDefault as { default: () => Bidi }).default
)();
type EmbeddingLevels = ReturnType<typeof bidi.getEmbeddingLevels>;

interface Run {
  text: string;
  font: FontName;
}

/** Writes paragraphs of text for one language and direction, keeping track of the position. */
export class PdfText {
  private readonly main: 'latin' | 'cjk';

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    lang: string,
    readonly dir: 'ltr' | 'rtl',
    private readonly margin: number,
  ) {
    this.main = mainFontOf(lang);
  }

  get width(): number {
    return this.pdf.page.width - this.margin * 2;
  }

  /** Splits text into same-font runs, in logical order. */
  private runs(text: string, bold: boolean): Run[] {
    const out: Run[] = [];
    for (const ch of text) {
      const font = fontFor(ch, this.main, bold);
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
    return out;
  }

  private measure(text: string, style: TextStyle): number {
    let w = 0;
    for (const r of this.runs(text, style.bold ?? false)) {
      w += this.pdf.font(r.font).fontSize(style.size).widthOfString(r.text);
    }
    return w;
  }

  /** Wraps one paragraph to a width; returns [start, end) offsets of each line. */
  private wrap(text: string, width: number, style: TextStyle): Array<[number, number]> {
    const lines: Array<[number, number]> = [];
    let start = 0;
    let end = 0;
    for (const m of text.matchAll(TOKENS)) {
      if (/^\s+$/.test(m[0])) continue;
      const tokenEnd = m.index + m[0].length;
      if (end > start && this.measure(text.slice(start, tokenEnd), style) > width) {
        lines.push([start, end]);
        start = m.index;
      }
      end = tokenEnd;
    }
    lines.push([start, Math.max(start, end)]);
    return lines;
  }

  /** The runs of one line in visual order (left to right), each as it is to be drawn. */
  private visualRuns(text: string, levels: EmbeddingLevels, start: number, end: number, bold: boolean): Run[] {
    // bidi-js reorders only inside [start, end] but returns every index of the paragraph.
    const order = bidi.getReorderedIndices(text, levels, start, end - 1).filter((i) => i >= start && i < end);
    const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1);
    const charAt = (i: number) => mirrored.get(i) ?? text[i] ?? '';
    const runs: Array<{ font: FontName; rtl: boolean; indices: number[] }> = [];
    let prev = -2;
    for (const i of order) {
      const rtl = ((levels.levels[i] ?? 0) & 1) === 1;
      const font = fontFor(text[i] ?? '', this.main, bold);
      const last = runs[runs.length - 1];
      if (last && last.font === font && last.rtl === rtl && i === prev + (rtl ? -1 : 1)) last.indices.push(i);
      else runs.push({ font, rtl, indices: [i] });
      prev = i;
    }
    return runs.map((r) => {
      const visual = r.indices.map(charAt).join('').replace(BIDI_CONTROLS, '');
      if (!r.rtl) return { text: visual, font: r.font };
      // fontkit lays a run of Arabic out right to left by itself: give it logical order.
      const logical = [...r.indices].reverse().map(charAt).join('').replace(BIDI_CONTROLS, '');
      return { text: ARABIC.test(logical) ? logical : visual, font: r.font };
    });
  }

  /**
   * Writes text (lines split at "\n") at y, wrapped to [x, x + width), aligned to the start of
   * the language's direction (or its end). Returns the y below it.
   */
  write(
    text: string,
    style: TextStyle,
    box: { x?: number; width?: number; y?: number; align?: 'start' | 'end' } = {},
  ): number {
    const x = box.x ?? this.margin;
    const width = box.width ?? this.width;
    let y = box.y ?? this.pdf.y;
    const bold = style.bold ?? false;
    this.pdf.fontSize(style.size);
    const lineHeight = style.size * 1.45;
    const alignRight = (this.dir === 'rtl') !== (box.align === 'end');
    for (const paragraph of text.split('\n')) {
      const levels = bidi.getEmbeddingLevels(paragraph, this.dir);
      for (const [start, end] of this.wrap(paragraph, width, style)) {
        if (y + lineHeight > this.pdf.page.height - this.margin) {
          this.pdf.addPage();
          y = this.margin;
        }
        const runs = end > start ? this.visualRuns(paragraph, levels, start, end, bold) : [];
        const widths = runs.map((r) => this.pdf.font(r.font).fontSize(style.size).widthOfString(r.text));
        const total = widths.reduce((a, b) => a + b, 0);
        let cx = alignRight ? x + width - total : x;
        runs.forEach((r, i) => {
          this.pdf.font(r.font).fontSize(style.size).text(r.text, cx, y, { lineBreak: false });
          cx += widths[i] ?? 0;
        });
        y += lineHeight;
      }
    }
    this.pdf.x = this.margin;
    this.pdf.y = y;
    return y;
  }

  /** A column's x for a left-to-right layout position, mirrored for right to left. */
  column(x: number, width: number): number {
    return this.dir === 'rtl' ? this.margin + this.width - (x - this.margin) - width : x;
  }
}
