import { describe, expect, it } from 'vitest'
import { hostOf, parseSan, parseSans, sanCoversHost } from './names'

describe('parseSan', () => {
  it('accepts IPv4, IPv6 (canonical, brackets stripped) and DNS names (lower case, trailing dot dropped)', () => {
    expect(parseSan('192.168.20.10')).toEqual({ type: 'ip', value: '192.168.20.10' })
    expect(parseSan('[FD00:0:0:0::10]')).toEqual({ type: 'ip', value: 'fd00::10' })
    expect(parseSan('Hub.Example.COM.')).toEqual({ type: 'dns', value: 'hub.example.com' })
    expect(parseSan('*.hub.lan')).toEqual({ type: 'dns', value: '*.hub.lan' })
    expect(parseSan('registry')).toEqual({ type: 'dns', value: 'registry' })
  })

  it('refuses what Docker would never match, naming the field', () => {
    expect(() => parseSan('300.1.1.1', '--ip')).toThrow(
      '--ip: "300.1.1.1" is not valid; it is not a valid IPv4 address',
    )
    expect(() => parseSan('192.168.20')).toThrow('not a valid IPv4 address')
    expect(() => parseSan('010.1.1.1')).toThrow('not a valid IPv4 address')
    expect(() => parseSan('fe80::1%eth0')).toThrow('no zone ids')
    expect(() => parseSan('a_b.lan')).toThrow('the label "a_b"')
    expect(() => parseSan('*')).toThrow()
    expect(() => parseSan('x.*.lan')).toThrow('whole left-most label')
    expect(() => parseSan('f*.lan')).toThrow('whole left-most label')
    expect(() => parseSan('host.123')).toThrow('all-numeric label')
    expect(() => parseSans([])).toThrow('at least one IP address or DNS name is required')
  })

  it('de-duplicates', () => {
    expect(parseSans(['a.lan', 'A.lan', '10.0.0.1', '10.0.0.1'])).toHaveLength(2)
  })
})

describe('sanCoversHost (Go rules)', () => {
  it('matches IPs exactly, and a wildcard for exactly one label', () => {
    expect(sanCoversHost({ type: 'ip', value: 'fd00::10' }, 'FD00:0::10')).toBe(true)
    expect(sanCoversHost({ type: 'ip', value: '10.0.0.1' }, '10.0.0.2')).toBe(false)
    expect(sanCoversHost({ type: 'dns', value: '10.0.0.1' }, '10.0.0.1')).toBe(false)
    expect(sanCoversHost({ type: 'dns', value: '*.hub.lan' }, 'a.hub.lan')).toBe(true)
    expect(sanCoversHost({ type: 'dns', value: '*.hub.lan' }, 'hub.lan')).toBe(false)
    expect(sanCoversHost({ type: 'dns', value: '*.hub.lan' }, 'a.b.hub.lan')).toBe(false)
    expect(sanCoversHost({ type: 'dns', value: 'hub.lan' }, 'HUB.lan.')).toBe(true)
  })

  it('hostOf strips the port and brackets', () => {
    expect(hostOf('192.168.20.10:5000')).toBe('192.168.20.10')
    expect(hostOf('[fd00::1]:5000')).toBe('fd00::1')
    expect(hostOf('fd00::1')).toBe('fd00::1')
    expect(hostOf('hub.lan')).toBe('hub.lan')
  })
})
