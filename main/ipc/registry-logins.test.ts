import { describe, expect, it } from 'vitest'
import { toErrorInfo } from './map-error'
import { RegistryLogins } from './registry-logins'
import { schemas } from './schemas'

describe('RegistryLogins (main memory only)', () => {
  it('keeps the first user of a start for every planned address, and forgets them on remove', () => {
    const logins = new RegistryLogins()
    logins.remember(['192.168.20.10', 'Registry.Example.LAN'], 5000, [
      { user: 'ci', password: 'pw1' },
      { user: 'ops', password: 'pw2' },
    ])
    expect(logins.get('192.168.20.10', 5000)).toEqual({ user: 'ci', password: 'pw1' })
    expect(logins.get('registry.example.lan', 5000)).toEqual({ user: 'ci', password: 'pw1' })
    expect(logins.get('192.168.20.10', 5001)).toBeUndefined()
    logins.remember(['192.168.20.10'], 5000, undefined)
    expect(logins.get('192.168.20.10', 5000)).toBeUndefined()
    logins.forget(['registry.example.lan'], 5000)
    expect(logins.get('registry.example.lan', 5000)).toBeUndefined()
  })
})

describe('runVerify request schema', () => {
  const base = { jobId: 'v1', host: '127.0.0.1', port: 5000, caCertPath: '/ca.crt' }
  it('takes the round trip with the planned engine and a login', () => {
    const r = schemas.runVerify.safeParse({
      ...base,
      push: true,
      docker: { kind: 'local' },
      credentials: { user: 'ci', password: 'pw' },
    })
    expect(r.success).toBe(true)
  })
  it('refuses a round trip without the engine, naming the field', () => {
    const r = schemas.runVerify.safeParse({ ...base, push: true })
    expect(r.success).toBe(false)
    if (!r.success) expect(toErrorInfo(r.error)).toMatchObject({ code: 'INVALID_INPUT', field: 'docker' })
  })
  it('refuses a bad user name and unknown fields', () => {
    expect(
      schemas.runVerify.safeParse({ ...base, credentials: { user: 'a b', password: 'pw' } }).success,
    ).toBe(false)
    expect(schemas.runVerify.safeParse({ ...base, password: 'pw' }).success).toBe(false)
  })
})
