import { describe, expect, it } from 'vitest';
import { cleanFilename, sniffType } from './sniff.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('content sniffing', () => {
  it('recognises the allowed types by their bytes', () => {
    expect(sniffType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffType(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(bytes([0, 0, 0, 24], 'ftypheic'))).toBe('image/heic');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(sniffType(bytes('MZ', [0x90, 0]))).toBeNull(); // a Windows program
    expect(sniffType(bytes('<html><script>'))).toBeNull();
    expect(sniffType(bytes([0, 0, 0, 24], 'ftypisom'))).toBeNull(); // MP4 video
    expect(sniffType(bytes('%PD'))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });

  it('keeps file names printable and path-free', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\me\\scan 1.pdf')).toBe('scan 1.pdf');
    expect(cleanFilename('résultat "final".pdf')).toBe('résultat _final_.pdf');
    expect(cleanFilename('...')).toBe('attachment');
  });
});
