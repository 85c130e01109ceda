import { describe, expect, it } from 'vitest'
import { parseRegistryAddress, parseRegistryAddresses } from './registry-address'

describe('parseRegistryAddress', () => {
  it('keeps the address as image references spell it', () => {
    expect(parseRegistryAddress('192.168.20.10:5000')).toMatchObject({
      host: '192.168.20.10',
      port: 5000,
      hostPort: '192.168.20.10:5000',
      windowsDirName: '192.168.20.105000',
      fileSafe: '192.168.20.10_5000',
    })
    expect(parseRegistryAddress('Registry.LAN:5000').hostPort).toBe('registry.lan:5000')
    expect(parseRegistryAddress('[FD00::10]:5000').hostPort).toBe('[fd00::10]:5000')
    expect(parseRegistryAddress('registry.lan').port).toBeUndefined()
  })

  it.each(['', 'http://x:5000', '192.168.20:5000', 'host:0', 'host:70000', 'fd00::10:5000', '*.lan:5000', 'a b:1'])(
    'refuses %j with a message naming the field',
    (bad) => {
      expect(() => parseRegistryAddress(bad)).toThrow(/registry/)
    },
  )

  it('drops duplicates and needs at least one', () => {
    expect(parseRegistryAddresses(['a.lan:5000', 'A.lan:5000', '10.0.0.1:5000'])).toHaveLength(2)
    expect(() => parseRegistryAddresses([])).toThrow(/at least one/)
  })
})
