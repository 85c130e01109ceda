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

  it.each([
    '',
    'http://x:5000',
    '192.168.20:5000',
    'host:0',
    'host:70000',
    'fd00::10:5000',
    '*.lan:5000',
    'a b:1',
  ])('refuses %j with a message naming the field', (bad) => {
    expect(() => parseRegistryAddress(bad)).toThrow(/registry/)
  })

  it('drops duplicates and needs at least one', () => {
    expect(parseRegistryAddresses(['a.lan:5000', 'A.lan:5000', '10.0.0.1:5000'])).toHaveLength(2)
    expect(() => parseRegistryAddresses([])).toThrow(/at least one/)
  })

  it('with requirePort: an address without a port is refused, saying Docker would use 443; :443 covers both spellings', () => {
    for (const [raw, shown] of [
      ['192.168.20.10', '192.168.20.10'],
      ['registry.lan', 'registry.lan'],
      ['[fd00::1]', '[fd00::1]'],
    ] as const) {
      const err = (() => {
        try {
          parseRegistryAddresses([raw], '--registry', { requirePort: true })
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(err).toMatchObject({ code: 'REGISTRY_NO_PORT', kind: 'input', field: '--registry' })
      expect((err as Error).message).toBe(
        `--registry: ${shown} has no port: Docker would use 443 (certs.d/${shown}/). Write ${shown}:443 if that is meant, or add the registry's port, e.g. ${shown}:5000`,
      )
    }
    expect(
      parseRegistryAddresses(['192.168.20.10:443'], '--registry', { requirePort: true }).map(
        (a) => a.hostPort,
      ),
    ).toEqual(['192.168.20.10:443', '192.168.20.10'])
    expect(
      parseRegistryAddresses(['[fd00::1]:443'], '--registry', { requirePort: true }).map((a) => [
        a.hostPort,
        a.windowsDirName,
      ]),
    ).toEqual([
      ['[fd00::1]:443', '[fd001]443'],
      ['[fd00::1]', '[fd001]'],
    ])
    expect(parseRegistryAddresses(['192.168.20.10:5000'], '--registry', { requirePort: true })).toHaveLength(
      1,
    )
    // Without requirePort (verify and others) the address stays as given.
    expect(parseRegistryAddresses(['192.168.20.10']).map((a) => a.hostPort)).toEqual(['192.168.20.10'])
  })
})
