// A workbook's zip container at the level of its headers: the central directory walked once, a part's
// stored bytes found through its local header, and parts written back. The reader (sniff.ts) and the
// last touch to the packages jiuye writes (package.ts) share it; nothing here inflates or checks a limit.

/** One part as the central directory lists it. */
export interface ZipEntry {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressed: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** Where the end-of-directory record starts (it may be followed by a comment of up to 64 KB), or -1. */
export function endOfDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

/** The parts listed by the directory the record at eocd points to; null when the directory runs past the file. */
export function directoryEntries(bytes: Buffer, eocd: number): ZipEntry[] | null {
  const count = bytes.readUInt16LE(eocd + 10);
  const entries: ZipEntry[] = [];
  let p = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(p + 28);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    entries.push({
      name: nameBytes.toString('utf8'),
      nameBytes,
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      time: bytes.readUInt16LE(p + 12),
      date: bytes.readUInt16LE(p + 14),
      crc: bytes.readUInt32LE(p + 16),
      compressed: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      offset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return entries;
}

/** A part's bytes as stored (compressed or not), found through its local header; null when the file ends first. */
export function storedBytes(bytes: Buffer, e: ZipEntry): Buffer | null {
  const local = e.offset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return null;
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  if (start + e.compressed > bytes.length) return null;
  return bytes.subarray(start, start + e.compressed);
}

/** A part to write: its stored bytes (data), and the size and checksum of what they expand to. */
export interface ZipPartOut {
  nameBytes: Buffer;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  data: Buffer;
}

/** A zip of the parts in order: sizes in the local headers (no data descriptors), names flagged as UTF-8. */
export function writeZip(parts: readonly ZipPartOut[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of parts) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.nameBytes.length, 26);
    chunks.push(local, e.nameBytes, e.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt16LE(e.time, 12);
    dir.writeUInt16LE(e.date, 14);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(e.nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    directory.push(dir, e.nameBytes);
    offset += 30 + e.nameBytes.length + e.data.length;
  }
  const dirBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBytes, end]);
}
