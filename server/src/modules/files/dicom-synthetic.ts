/**
 * Synthetic DICOM Part 10 files for the demo and the tests: made up here, never from a real
 * patient. Explicit or implicit VR little endian, with a sequence and a fake patient name in the
 * dataset so the parser has to step over them.
 */
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

export interface SyntheticDicom {
  studyDate?: string;
  modality?: string;
  studyDescription?: string;
  implicit?: boolean;
  /** Bytes of fake pixel data appended, to make large files. */
  pixelBytes?: number;
}

function pad(value: string, padChar = ' '): Buffer {
  const b = Buffer.from(value, 'latin1');
  return b.length % 2 === 0 ? b : Buffer.concat([b, Buffer.from(padChar, 'latin1')]);
}

function tag(group: number, element: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16LE(group, 0);
  b.writeUInt16LE(element, 2);
  return b;
}

function explicitEl(group: number, element: number, vr: string, value: Buffer, undefinedLength = false): Buffer {
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  const header = Buffer.alloc(long ? 8 : 4);
  header.write(vr, 0, 'latin1');
  if (long) header.writeUInt32LE(undefinedLength ? 0xffffffff : value.length, 4);
  else header.writeUInt16LE(value.length, 2);
  return Buffer.concat([tag(group, element), header, value]);
}

function implicitEl(group: number, element: number, value: Buffer, undefinedLength = false): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(undefinedLength ? 0xffffffff : value.length);
  return Buffer.concat([tag(group, element), len, value]);
}

function delimiter(group: number, element: number, length = 0): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(length);
  return Buffer.concat([tag(group, element), len]);
}

export function makeDicom(f: SyntheticDicom = {}): Buffer {
  const ts = f.implicit ? IMPLICIT_LE : EXPLICIT_LE;
  const metaBody = Buffer.concat([
    explicitEl(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    explicitEl(0x0002, 0x0002, 'UI', pad('1.2.840.10008.5.1.4.1.1.2', '\0')),
    explicitEl(0x0002, 0x0003, 'UI', pad('2.25.1234567890', '\0')),
    explicitEl(0x0002, 0x0010, 'UI', pad(ts, '\0')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length);
  const meta = Buffer.concat([explicitEl(0x0002, 0x0000, 'UL', groupLength), metaBody]);

  const el = (g: number, e: number, vr: string, value: Buffer): Buffer =>
    f.implicit ? implicitEl(g, e, value) : explicitEl(g, e, vr, value);
  // (0008,0082) Institution Code Sequence, undefined length with one undefined-length item.
  const item = Buffer.concat([
    delimiter(0xfffe, 0xe000, 0xffffffff),
    el(0x0008, 0x0100, 'SH', pad('HHX')),
    delimiter(0xfffe, 0xe00d),
  ]);
  const sequence = f.implicit
    ? implicitEl(0x0008, 0x0082, Buffer.concat([item, delimiter(0xfffe, 0xe0dd)]), true)
    : explicitEl(0x0008, 0x0082, 'SQ', Buffer.concat([item, delimiter(0xfffe, 0xe0dd)]), true);
  const parts = [
    el(0x0008, 0x0005, 'CS', pad('ISO_IR 100')),
    ...(f.studyDate !== undefined ? [el(0x0008, 0x0020, 'DA', pad(f.studyDate))] : []),
    ...(f.modality !== undefined ? [el(0x0008, 0x0060, 'CS', pad(f.modality))] : []),
    sequence,
    ...(f.studyDescription !== undefined ? [el(0x0008, 0x1030, 'LO', pad(f.studyDescription))] : []),
    el(0x0010, 0x0010, 'PN', pad('SYNTHETIC^TEST')),
    el(0x0010, 0x0020, 'LO', pad('FAKE-0001')),
  ];
  if (f.pixelBytes) {
    const pixels = Buffer.alloc(f.pixelBytes + (f.pixelBytes % 2), 0x5a);
    parts.push(f.implicit ? implicitEl(0x7fe0, 0x0010, pixels) : explicitEl(0x7fe0, 0x0010, 'OW', pixels));
  }
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1'), meta, ...parts]);
}
