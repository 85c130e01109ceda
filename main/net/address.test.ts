import { isIP } from 'node:net'
import { describe, expect, it } from 'vitest'
import { bracketHost, hostPort, ipVersion, isLoopback } from './address'

describe('ipVersion', () => {
  it("answers as node:net's isIP for addresses, names and near misses", () => {
    const samples = [
      '192.168.20.10',
      '127.0.0.1',
      '0.0.0.0',
      '256.1.1.1',
      '192.168.20',
      '01.2.3.4',
      '::1',
      'fd00::10',
      '::ffff:127.0.0.1',
      'fe80::1%eth0',
      '2001:db8::g',
      ':::',
      'hub.example.lan',
      'localhost',
      '',
      '[::1]',
    ]
    for (const s of samples) expect(ipVersion(s), s).toBe(isIP(s))
  })
})

describe('addresses as clients write them', () => {
  it('brackets IPv6 before a port, leaves names and IPv4', () => {
    expect(hostPort('fd00::10', 5000)).toBe('[fd00::10]:5000')
    expect(hostPort('192.168.20.10', 5000)).toBe('192.168.20.10:5000')
    expect(bracketHost('[::1]')).toBe('[::1]')
  })

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopback(h), h).toBe(true)
    for (const h of ['192.168.20.10', 'hub.example.lan', '128.0.0.1']) expect(isLoopback(h), h).toBe(false)
  })
})
