import { describe, expect, it } from 'vitest'
import {
  bitString,
  childrenOf,
  contentsOf,
  explicit,
  ia5String,
  implicit,
  integer,
  namedBits,
  octetString,
  oid,
  oidText,
  printableString,
  readNode,
  sequence,
  setOf,
  time,
  utf8String,
} from './der'

const hex = (b: Buffer): string => b.toString('hex')

describe('DER encoder', () => {
  it('writes INTEGERs in their minimal two’s-complement form (non-negative)', () => {
    expect(hex(integer(0))).toBe('020100')
    expect(hex(integer(2))).toBe('020102')
    expect(hex(integer(127))).toBe('02017f')
    expect(hex(integer(128))).toBe('02020080')
    expect(hex(integer(256))).toBe('02020100')
    expect(hex(integer(Buffer.from('00007f01', 'hex')))).toBe('02027f01')
    expect(hex(integer(Buffer.from('ff', 'hex')))).toBe('020200ff')
    expect(hex(integer(Buffer.alloc(0)))).toBe('020100')
    expect(() => integer(-1)).toThrow(RangeError)
  })

  it('uses the short length form below 128 octets and the shortest long form above', () => {
    expect(hex(octetString(Buffer.alloc(127))).slice(0, 4)).toBe('047f')
    expect(hex(octetString(Buffer.alloc(128))).slice(0, 6)).toBe('048180')
    expect(hex(octetString(Buffer.alloc(255))).slice(0, 6)).toBe('0481ff')
    expect(hex(octetString(Buffer.alloc(256))).slice(0, 8)).toBe('04820100')
    expect(hex(octetString(Buffer.alloc(70000))).slice(0, 10)).toBe('0483011170')
  })

  it('encodes OIDs (first two arcs in one octet, base-128 arcs)', () => {
    expect(hex(oid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b')
    expect(hex(oid('2.5.29.17'))).toBe('0603551d11')
    expect(hex(oid('1.3.6.1.5.5.7.3.1'))).toBe('06082b06010505070301')
    expect(hex(oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302')
    expect(() => oid('1.40.1')).toThrow(RangeError)
    expect(() => oid('3.1')).toThrow(RangeError)
    expect(() => oid('1.2.x')).toThrow(RangeError)
    for (const o of ['1.2.840.113549.1.1.11', '2.5.29.14', '2.999.3', '1.3.6.1.4.1.311.60.2.1.3']) {
      const der = oid(o)
      expect(oidText(contentsOf(der, readNode(der)))).toBe(o)
    }
  })

  it('writes keyUsage-style named bits without trailing zero bits', () => {
    expect(hex(namedBits([0, 2]))).toBe('030205a0') // digitalSignature, keyEncipherment
    expect(hex(namedBits([5, 6]))).toBe('03020106') // keyCertSign, cRLSign
    expect(hex(namedBits([8]))).toBe('0303070080') // decipherOnly
    expect(hex(namedBits([]))).toBe('030100')
    expect(hex(bitString(Buffer.from([0xab])))).toBe('030200ab')
    expect(() => bitString(Buffer.alloc(0), 3)).toThrow(RangeError)
  })

  it('writes validity as UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280), seconds precision', () => {
    expect(time(new Date('2049-12-31T23:59:59.999Z')).toString('latin1', 2)).toBe('491231235959Z')
    expect(time(new Date('2049-12-31T23:59:59Z'))[0]).toBe(0x17)
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18)
    expect(time(new Date('2050-01-01T00:00:00Z')).toString('latin1', 2)).toBe('20500101000000Z')
    expect(time(new Date('2000-02-29T01:02:03Z')).toString('latin1', 2)).toBe('000229010203Z')
    expect(time(new Date('1950-01-01T00:00:00Z')).toString('latin1', 2)).toBe('500101000000Z')
    expect(time(new Date('1949-12-31T23:59:59Z')).toString('latin1', 2)).toBe('19491231235959Z')
    expect(() => time(new Date(Number.NaN))).toThrow(RangeError)
  })

  it('sorts SET OF elements by their encodings, and checks string types', () => {
    expect(hex(setOf(integer(2), integer(1)))).toBe('3106020101020102')
    expect(hex(utf8String('公司'))).toBe('0c06e585ace58fb8')
    expect(hex(printableString('CN'))).toBe('1302434e')
    expect(() => printableString('é')).toThrow(RangeError)
    expect(() => ia5String('é')).toThrow(RangeError)
    expect(hex(explicit(0, integer(2)))).toBe('a003020102')
    expect(hex(implicit(7, Buffer.from([127, 0, 0, 1])))).toBe('87047f000001')
    expect(() => implicit(31, Buffer.alloc(0))).toThrow(RangeError)
  })
})

describe('DER reader', () => {
  it('walks what the encoder writes', () => {
    const der = sequence(
      integer(5),
      sequence(oid('2.5.4.3'), utf8String('x')),
      octetString(Buffer.alloc(300)),
    )
    const top = readNode(der)
    expect(top).toMatchObject({ tag: 0x30, start: 0, end: der.length })
    const kids = childrenOf(der, top)
    expect(kids.map((k) => k.tag)).toEqual([0x02, 0x30, 0x04])
    expect(contentsOf(der, kids[2] as (typeof kids)[number])).toHaveLength(300)
    expect(childrenOf(der, kids[1] as (typeof kids)[number]).map((k) => k.tag)).toEqual([0x06, 0x0c])
  })

  it('refuses truncated or overrunning input instead of reading past it', () => {
    expect(() => readNode(Buffer.from('30', 'hex'))).toThrow(/malformed DER/)
    expect(() => readNode(Buffer.from('3005020101', 'hex'))).toThrow(/past their container/)
    expect(() => readNode(Buffer.from('3082', 'hex'))).toThrow(/truncated length/)
    expect(() => readNode(Buffer.from('3080', 'hex'))).toThrow(/unsupported length/)
    expect(() =>
      childrenOf(Buffer.from('3003020501', 'hex'), readNode(Buffer.from('3003020501', 'hex'))),
    ).toThrow(/malformed DER/)
  })
})
