/**
 * What a file really is, from its first bytes. Names and browser-declared types are never
 * trusted: a renamed executable stays an executable. Returns null for anything not on the list.
 */
export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/heic';

const startsWith = (b: Uint8Array, sig: readonly number[], offset = 0): boolean =>
  b.length >= offset + sig.length && sig.every((v, i) => b[offset + i] === v);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

export function sniffType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  // ISO-BMFF: box size, "ftyp", then an HEIF brand.
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(brand)) return 'image/heic';
  }
  return null;
}

/** A file name safe to show and to put in a download header. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned.trim() === '' ? 'attachment' : cleaned;
}

/** Files a medical-record upload may be: documents, photos and scans, and DICOM studies. */
export type RecordFileType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'application/dicom';

/**
 * What an uploaded record really is. DICOM Part 10 has a 128-byte preamble and "DICM" at 128, so
 * this needs the first 132 bytes to tell. Programs (Windows "MZ", ELF, Mach-O, scripts) are named
 * as such, so the refusal can say why.
 */
export function sniffRecordFile(bytes: Uint8Array): RecordFileType | 'executable' | null {
  if (startsWith(bytes, ascii('DICM'), 128)) return 'application/dicom';
  if (
    startsWith(bytes, ascii('MZ')) ||
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(bytes, ascii('#!'))
  ) {
    return 'executable';
  }
  const t = sniffType(bytes);
  return t === 'application/pdf' || t === 'image/jpeg' || t === 'image/png' ? t : null;
}
