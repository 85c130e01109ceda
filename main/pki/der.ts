// A small DER (ITU-T X.690) encoder and reader: the types an X.509 certificate is made of, nothing more. Plain
// Buffers, no dependency, so issuing a certificate loads no ASN.1 library.

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const

function lengthOctets(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** One TLV: identifier octet, definite length (shortest form), then the contents. */
export function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents)
  return Buffer.concat([Buffer.from([tag]), lengthOctets(body.length), body])
}

export function sequence(...items: Uint8Array[]): Buffer {
  return tlv(TAG.SEQUENCE, ...items)
}

/** SET OF: DER orders the elements by their encodings. */
export function setOf(...items: Uint8Array[]): Buffer {
  return tlv(TAG.SET, ...[...items].map((i) => Buffer.from(i)).sort((a, b) => Buffer.compare(a, b)))
}

/** A non-negative INTEGER from a number or from unsigned big-endian bytes, in its minimal two's-complement form. */
export function integer(value: number | Uint8Array): Buffer {
  let bytes: Buffer
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`DER INTEGER: ${value} is not supported`)
    const out: number[] = []
    for (let v = value; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff)
    bytes = Buffer.from(out)
  } else {
    bytes = Buffer.from(value)
  }
  let i = 0
  while (i < bytes.length - 1 && bytes[i] === 0) i++
  bytes = bytes.subarray(i)
  if (bytes.length === 0) bytes = Buffer.from([0])
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes])
  return tlv(TAG.INTEGER, bytes)
}

export function boolean(value: boolean): Buffer {
  return tlv(TAG.BOOLEAN, Buffer.from([value ? 0xff : 0x00]))
}

export function nullValue(): Buffer {
  return tlv(TAG.NULL)
}

/** An OBJECT IDENTIFIER from its dotted form ("1.2.840.113549.1.1.11"). */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`DER OID: "${dotted}" is not a dotted OID`)
    return Number(a)
  })
  const [first, second, ...rest] = arcs
  if (first === undefined || second === undefined || first > 2 || (first < 2 && second > 39)) {
    throw new RangeError(`DER OID: "${dotted}" is not a valid OID`)
  }
  const out: number[] = []
  for (const arc of [first * 40 + second, ...rest]) {
    if (!Number.isSafeInteger(arc)) throw new RangeError(`DER OID: "${dotted}" has an arc too large`)
    const base128: number[] = [arc & 0x7f]
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) base128.unshift((v & 0x7f) | 0x80)
    out.push(...base128)
  }
  return tlv(TAG.OID, Buffer.from(out))
}

/** A BIT STRING: the number of unused bits in the last octet, then the octets. */
export function bitString(bytes: Uint8Array, unusedBits = 0): Buffer {
  if (unusedBits < 0 || unusedBits > 7 || (bytes.length === 0 && unusedBits !== 0)) {
    throw new RangeError(`DER BIT STRING: ${unusedBits} unused bits is not valid`)
  }
  return tlv(TAG.BIT_STRING, Buffer.from([unusedBits]), bytes)
}

/**
 * A BIT STRING of named bits (bit 0 is the most significant bit of the first octet), as DER wants it: trailing
 * zero bits removed (keyUsage: digitalSignature is bit 0).
 */
export function namedBits(bits: readonly number[]): Buffer {
  if (bits.length === 0) return bitString(Buffer.alloc(0))
  const highest = Math.max(...bits)
  const bytes = Buffer.alloc((highest >> 3) + 1)
  for (const b of bits) bytes[b >> 3] = (bytes[b >> 3] ?? 0) | (0x80 >> (b & 7))
  return bitString(bytes, 7 - (highest & 7))
}

export function octetString(bytes: Uint8Array): Buffer {
  return tlv(TAG.OCTET_STRING, bytes)
}

export function utf8String(text: string): Buffer {
  return tlv(TAG.UTF8_STRING, Buffer.from(text, 'utf8'))
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/

export function printableString(text: string): Buffer {
  if (!PRINTABLE.test(text))
    throw new RangeError(`DER PrintableString: "${text}" has a character it cannot hold`)
  return tlv(TAG.PRINTABLE_STRING, Buffer.from(text, 'latin1'))
}

export function ia5String(text: string): Buffer {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(text)) throw new RangeError(`DER IA5String: "${text}" is not ASCII`)
  return tlv(TAG.IA5_STRING, Buffer.from(text, 'latin1'))
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * A certificate validity time as RFC 5280 (4.1.2.5) wants it: UTCTime (YYMMDDHHMMSSZ) for the years 1950 to 2049,
 * GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050 on; seconds precision, always UTC.
 */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear()
  if (Number.isNaN(year) || year < 0 || year > 9999)
    throw new RangeError('DER time: the date is out of range')
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  if (year >= 1950 && year < 2050)
    return tlv(TAG.UTC_TIME, Buffer.from(`${pad(year % 100)}${rest}`, 'latin1'))
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${pad(year, 4)}${rest}`, 'latin1'))
}

/** [n] EXPLICIT: a constructed context-specific tag wrapping a whole TLV. */
export function explicit(tagNumber: number, inner: Uint8Array): Buffer {
  return tlv(0xa0 | contextNumber(tagNumber), inner)
}

/** [n] IMPLICIT over a primitive type: the type's contents under a context-specific tag. */
export function implicit(tagNumber: number, contents: Uint8Array): Buffer {
  return tlv(0x80 | contextNumber(tagNumber), contents)
}

function contextNumber(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 30)
    throw new RangeError(`DER: context tag [${n}] is not supported`)
  return n
}

/** One TLV found in a buffer: its identifier octet, where the whole TLV starts, where its contents start and end. */
export interface DerNode {
  tag: number
  start: number
  contentStart: number
  end: number
}

/** Reads the TLV at `pos` (single-octet tags, definite lengths), refusing one that runs past `limit`. */
export function readNode(der: Uint8Array, pos = 0, limit = der.length): DerNode {
  const fail = (why: string): never => {
    throw new Error(`malformed DER at offset ${pos}: ${why}`)
  }
  if (pos + 2 > limit) fail('truncated header')
  const tag = der[pos] as number
  if ((tag & 0x1f) === 0x1f) fail('multi-octet tags are not supported')
  let len = der[pos + 1] as number
  let contentStart = pos + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4) fail('unsupported length form')
    if (contentStart + n > limit) fail('truncated length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + (der[contentStart + i] as number)
    contentStart += n
  }
  const end = contentStart + len
  if (end > limit) fail('contents run past their container')
  return { tag, start: pos, contentStart, end }
}

/** The TLVs directly inside a constructed node (a SEQUENCE, a SET, an explicit tag). */
export function childrenOf(der: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = []
  for (let pos = node.contentStart; pos < node.end;) {
    const child = readNode(der, pos, node.end)
    out.push(child)
    pos = child.end
  }
  return out
}

/** A node's contents (the bytes after its header). */
export function contentsOf(der: Uint8Array, node: DerNode): Buffer {
  return Buffer.from(der.subarray(node.contentStart, node.end))
}

/** A node's whole encoding (header and contents), byte for byte. */
export function encodingOf(der: Uint8Array, node: DerNode): Buffer {
  return Buffer.from(der.subarray(node.start, node.end))
}

/** The dotted form of an OBJECT IDENTIFIER's contents. */
export function oidText(contents: Uint8Array): string {
  const parts: number[] = []
  let v = 0
  for (const b of contents) {
    v = v * 128 + (b & 0x7f)
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80)
      else parts.push(v)
      v = 0
    }
  }
  return parts.join('.')
}

/** The tbsCertificate's fields and the signatureAlgorithm of a Certificate ::= SEQUENCE {tbs, algorithm, signature}. */
function certificateParts(der: Uint8Array): { tbsFields: DerNode[]; algorithm: DerNode | undefined } {
  const [tbs, algorithm] = childrenOf(der, readNode(der))
  if (tbs?.tag !== TAG.SEQUENCE) throw new Error('malformed DER: no tbsCertificate')
  return { tbsFields: childrenOf(der, tbs), algorithm }
}

/** The dotted OID of a certificate's signature algorithm (undefined when the DER does not read as a certificate). */
export function signatureAlgorithmOid(der: Uint8Array): string | undefined {
  try {
    const { algorithm } = certificateParts(der)
    const id = algorithm === undefined ? undefined : childrenOf(der, algorithm)[0]
    return id?.tag === TAG.OID ? oidText(contentsOf(der, id)) : undefined
  } catch {
    return undefined
  }
}

const KEY_USAGE = '2.5.29.15'

/** The named-bit octets of a certificate's keyUsage extension (after the unused-bits octet), if it has one. */
export function keyUsageBits(der: Uint8Array): Buffer | undefined {
  try {
    const exts = certificateParts(der).tbsFields.find((f) => f.tag === 0xa3)
    const list = exts === undefined ? undefined : childrenOf(der, exts)[0]
    for (const ext of list === undefined ? [] : childrenOf(der, list)) {
      const parts = childrenOf(der, ext)
      const id = parts[0]
      const value = parts[parts.length - 1]
      if (id?.tag !== TAG.OID || oidText(contentsOf(der, id)) !== KEY_USAGE) continue
      if (value?.tag !== TAG.OCTET_STRING) return undefined
      const inner = contentsOf(der, value)
      const bits = readNode(inner)
      return bits.tag === TAG.BIT_STRING ? contentsOf(inner, bits).subarray(1) : undefined
    }
    return undefined
  } catch {
    return undefined
  }
}
