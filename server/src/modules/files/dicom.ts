/**
 * Just enough of DICOM Part 10 to describe a study: the file meta group, then the dataset read in
 * explicit or implicit VR little endian until past (0008,1030). Nothing else is read — patient
 * name and ids are skipped unread, so they cannot end up shown, stored or logged.
 */
export interface DicomSummary {
  transferSyntax: string;
  /** ISO date, e.g. 2024-03-05, or null when absent or malformed. */
  studyDate: string | null;
  modality: string | null;
  studyDescription: string | null;
}

export class DicomError extends Error {}

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;
const STUDY_DATE = 0x00080020;
const MODALITY = 0x00080060;
const STUDY_DESCRIPTION = 0x00081030;
const CHARSET = 0x00080005;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQUENCE_END = 0xfffee0dd;

interface Element {
  tag: number;
  vr: string | null;
  length: number;
  valueAt: number;
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly explicit: boolean,
  ) {}

  need(bytes: number): void {
    if (this.pos + bytes > this.buf.length) throw new TruncatedError();
  }

  element(): Element {
    this.need(8);
    const tag = ((this.buf.readUInt16LE(this.pos) << 16) | this.buf.readUInt16LE(this.pos + 2)) >>> 0;
    if (tag >>> 16 === 0xfffe) {
      const length = this.buf.readUInt32LE(this.pos + 4);
      this.pos += 8;
      return { tag, vr: null, length, valueAt: this.pos };
    }
    if (!this.explicit) {
      const length = this.buf.readUInt32LE(this.pos + 4);
      this.pos += 8;
      return { tag, vr: null, length, valueAt: this.pos };
    }
    const vr = this.buf.toString('latin1', this.pos + 4, this.pos + 6);
    if (!/^[A-Z]{2}$/.test(vr)) throw new DicomError('bad value representation');
    if (LONG_VRS.has(vr)) {
      this.need(12);
      const length = this.buf.readUInt32LE(this.pos + 8);
      this.pos += 12;
      return { tag, vr, length, valueAt: this.pos };
    }
    const length = this.buf.readUInt16LE(this.pos + 6);
    this.pos += 8;
    return { tag, vr, length, valueAt: this.pos };
  }

  skip(el: Element): void {
    if (el.length === UNDEFINED) {
      if (el.vr !== null && el.vr !== 'SQ' && el.vr !== 'UN') throw new DicomError('undefined length on a plain value');
      this.skipSequence();
      return;
    }
    this.need(el.length);
    this.pos += el.length;
  }

  /** Walks items of an undefined-length sequence up to its delimiter. */
  private skipSequence(): void {
    for (;;) {
      const el = this.element();
      if (el.tag === SEQUENCE_END) return;
      if (el.tag !== ITEM) throw new DicomError('sequence item expected');
      if (el.length !== UNDEFINED) {
        this.need(el.length);
        this.pos += el.length;
        continue;
      }
      for (;;) {
        const inner = this.element();
        if (inner.tag === ITEM_END) break;
        this.skip(inner);
      }
    }
  }
}

class TruncatedError extends DicomError {}

function text(buf: Buffer, el: Element, utf8: boolean): string {
  return buf
    .toString(utf8 ? 'utf8' : 'latin1', el.valueAt, el.valueAt + el.length)
    .replace(/[\0\s]+$/, '')
    .trim();
}

function isoDate(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`
    ? null
    : `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Reads a Part 10 file's head. `complete` says whether `head` is the whole file: a dataset cut short
 * is then invalid, whereas a long study simply stops being read once the wanted fields are behind.
 * Throws DicomError for anything that is not a well-formed DICOM file.
 */
export function parseDicom(head: Buffer, complete: boolean): DicomSummary {
  if (head.length < 132 || head.toString('latin1', 128, 132) !== 'DICM') throw new DicomError('no DICM marker');
  const meta = new Reader(head, 132, true);
  let transferSyntax: string | null = null;
  try {
    const first = meta.element();
    if (first.tag !== 0x00020000 || first.vr !== 'UL' || first.length !== 4)
      throw new DicomError('no meta group length');
    meta.need(4);
    const groupLength = head.readUInt32LE(meta.pos);
    meta.pos += 4;
    const end = meta.pos + groupLength;
    while (meta.pos < end) {
      const el = meta.element();
      if (el.tag >>> 16 !== 0x0002) throw new DicomError('meta group malformed');
      if (el.tag === 0x00020010) transferSyntax = text(head, { ...el, length: Math.min(el.length, 64) }, false);
      meta.skip(el);
    }
    if (meta.pos !== end) throw new DicomError('meta group length wrong');
  } catch (err) {
    if (err instanceof TruncatedError) throw new DicomError('meta group cut short');
    throw err;
  }
  if (!transferSyntax || !/^[0-9]+(\.[0-9]+)*$/.test(transferSyntax)) throw new DicomError('no transfer syntax');
  const summary: DicomSummary = { transferSyntax, studyDate: null, modality: null, studyDescription: null };
  // A deflated or big-endian dataset is still a study; its fields are left unread.
  if (transferSyntax === DEFLATED || transferSyntax === BIG_ENDIAN) return summary;
  const data = new Reader(head, meta.pos, transferSyntax !== IMPLICIT_LE);
  let utf8 = false;
  let elements = 0;
  let lastTag = 0;
  try {
    while (data.pos < head.length) {
      const el = data.element();
      if (el.tag <= lastTag) throw new DicomError('elements out of order');
      lastTag = el.tag;
      elements++;
      // A whole (small) file is walked to its end, so a cut-off or corrupt tail is caught too.
      if (el.tag > STUDY_DESCRIPTION && !complete) break;
      if (el.length !== UNDEFINED) data.need(el.length);
      if (el.tag === CHARSET) utf8 = text(head, el, false).includes('ISO_IR 192');
      else if (el.tag === STUDY_DATE) summary.studyDate = isoDate(text(head, el, false));
      else if (el.tag === MODALITY) summary.modality = text(head, el, false).slice(0, 16) || null;
      else if (el.tag === STUDY_DESCRIPTION) summary.studyDescription = text(head, el, utf8).slice(0, 200) || null;
      data.skip(el);
    }
  } catch (err) {
    if (!(err instanceof TruncatedError) || complete) {
      throw err instanceof TruncatedError ? new DicomError('dataset cut short') : err;
    }
  }
  if (elements === 0) throw new DicomError('empty dataset');
  return summary;
}

export { EXPLICIT_LE, IMPLICIT_LE };
