import bcrypt from 'bcryptjs'
import { describe, expect, it } from 'vitest'
import { registryContainerOptions } from './container-spec'
import { demuxLogs } from './container-logs'
import { makeHtpasswd } from './htpasswd'
import { isRegistryV3, normalizeImageRef, sameImageRef } from './image-ref'

describe('registryContainerOptions', () => {
  const base = {
    name: 'registry',
    image: 'registry:2',
    port: 5000,
    storage: { kind: 'volume' as const, name: 'registry-data' },
    certStore: { kind: 'bind' as const, dir: '/root/certs' },
  }

  it('is the runbook docker run without SETTINGS_FLAVOUR', () => {
    const o = registryContainerOptions(base)
    expect(o.Env).toEqual([
      'REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt',
      'REGISTRY_HTTP_TLS_KEY=/certs/domain.key',
    ])
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: 'always' })
    expect(o.HostConfig?.PortBindings).toEqual({ '5000/tcp': [{ HostIp: '', HostPort: '5000' }] })
    expect(o.HostConfig?.Binds).toEqual(['registry-data:/var/lib/registry', '/root/certs:/certs:ro'])
    expect(o.Cmd).toBeUndefined()
    expect(JSON.stringify(o)).not.toContain('SETTINGS_FLAVOUR')
  })

  it('adds htpasswd auth and delete when asked', () => {
    const o = registryContainerOptions({
      ...base,
      authVolume: 'registry-auth',
      deleteEnabled: true,
      storage: { kind: 'hostPath', path: '/srv/registry' },
    })
    expect(o.Env).toContain('REGISTRY_AUTH=htpasswd')
    expect(o.Env).toContain('REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd')
    expect(o.Env).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
    expect(o.HostConfig?.Binds).toContain('registry-auth:/auth:ro')
    expect(o.HostConfig?.Binds).toContain('/srv/registry:/var/lib/registry')
  })
})

describe('makeHtpasswd', () => {
  it('writes bcrypt lines that verify', async () => {
    const text = await makeHtpasswd([{ user: 'alice', password: 'pw one' }], 4)
    const [user, hash] = text.trim().split(':')
    expect(user).toBe('alice')
    expect(hash).toMatch(/^\$2[aby]\$04\$/)
    expect(await bcrypt.compare('pw one', hash ?? '')).toBe(true)
  })
  it('refuses a colon in the name and duplicate users', async () => {
    await expect(makeHtpasswd([{ user: 'a:b', password: 'x' }])).rejects.toThrow('user: "a:b" is not valid')
    await expect(
      makeHtpasswd(
        [
          { user: 'a', password: 'x' },
          { user: 'a', password: 'y' },
        ],
        4,
      ),
    ).rejects.toThrow('each user name may appear once')
  })
})

describe('image refs and logs', () => {
  it('normalises Docker Hub names', () => {
    expect(normalizeImageRef('docker.io/library/registry:2')).toBe('registry:2')
    expect(sameImageRef('registry', 'registry:latest')).toBe(true)
    expect(sameImageRef('localhost:5000/x', 'localhost:5000/x:latest')).toBe(true)
    expect(isRegistryV3('registry:3')).toBe(true)
    expect(isRegistryV3('registry:2')).toBe(false)
  })
  it('demultiplexes stdout/stderr frames', () => {
    const frame = (type: number, text: string): Buffer => {
      const b = Buffer.alloc(8)
      b[0] = type
      b.writeUInt32BE(Buffer.byteLength(text), 4)
      return Buffer.concat([b, Buffer.from(text)])
    }
    expect(demuxLogs(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]))).toBe('out\nerr\n')
    expect(demuxLogs(Buffer.from('plain text\n'))).toBe('plain text\n')
  })
})
