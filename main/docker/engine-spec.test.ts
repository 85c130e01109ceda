import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { resolveEngine } from './engine-spec'

describe('resolveEngine', () => {
  it('defaults to the local socket, then DOCKER_HOST', () => {
    expect(resolveEngine({}, {}, 'linux')).toMatchObject({
      kind: 'socket',
      display: 'unix:///var/run/docker.sock',
      local: true,
      hostname: '127.0.0.1',
    })
    expect(resolveEngine({}, {}, 'win32')).toMatchObject({
      kind: 'npipe',
      options: { socketPath: '//./pipe/docker_engine' },
    })
    expect(
      resolveEngine({}, { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, 'linux').options.socketPath,
    ).toBe('/run/user/1000/docker.sock')
  })

  it('tcp with TLS uses https and the PEMs; without TLS plain http', () => {
    const r = resolveEngine({ host: 'tcp://10.0.0.5:2376', tls: { ca: 'CA', cert: 'C', key: 'K' } })
    expect(r).toMatchObject({
      kind: 'tcp+tls',
      display: 'tcp://10.0.0.5:2376',
      hostname: '10.0.0.5',
      local: false,
    })
    expect(r.options).toMatchObject({
      protocol: 'https',
      host: '10.0.0.5',
      port: 2376,
      ca: 'CA',
      cert: 'C',
      key: 'K',
    })
    expect(resolveEngine({ host: '10.0.0.5' }).options).toMatchObject({ protocol: 'http', port: 2375 })
  })

  it('ssh with user, port, key, a 5 s ready timeout, and host keys checked against known_hosts', () => {
    const r = resolveEngine(
      { host: 'ssh://admin@registry.lan:2222', ssh: { privateKey: 'KEY' } },
      { HOME: '/home/admin' },
    )
    expect(r).toMatchObject({
      kind: 'ssh',
      display: 'ssh://admin@registry.lan:2222',
      hostname: 'registry.lan',
    })
    // Plain HTTP over our one-connection SSH agent, not docker-modem's connection-per-call ssh transport.
    expect(r.options).toMatchObject({ protocol: 'http', host: 'registry.lan', port: 2222 })
    expect(r.ssh).toMatchObject({
      username: 'admin',
      port: 2222,
      privateKey: 'KEY',
      readyTimeoutMs: 5000,
      fingerprint: undefined,
    })
    expect(r.ssh?.knownHostsFiles).toEqual([
      '/home/admin/.ssh/known_hosts',
      '/home/admin/.ssh/known_hosts2',
      '/etc/ssh/ssh_known_hosts',
      '/etc/ssh/ssh_known_hosts2',
    ])
    const pinned = resolveEngine(
      { host: 'ssh://h', ssh: { hostKeyFingerprint: `SHA256:${'A'.repeat(43)}=` } },
      { USER: 'ops' },
    )
    expect(pinned.ssh).toMatchObject({ username: 'ops', port: 22, fingerprint: `SHA256:${'A'.repeat(43)}` })
    expect(() => resolveEngine({ host: 'ssh://h', ssh: { hostKeyFingerprint: 'abc' } })).toThrow(
      'sshHostKeyFingerprint: "abc" is not valid',
    )
  })

  it('rejects other schemes as input naming the field', () => {
    const e = (() => {
      try {
        resolveEngine({ host: 'ftp://x' })
      } catch (err) {
        return err
      }
    })()
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).kind).toBe('input')
    expect(e).toMatchObject({ code: 'INVALID_DOCKER_HOST', field: 'dockerHost' })
    expect((e as AppError).message).toContain('dockerHost: "ftp://x" is not valid; allowed: unix:///path')
  })

  it('brackets an IPv6 engine host in what it shows, and knows ::1 and 127.0.0.0/8 as this machine', () => {
    const tcp = resolveEngine({ host: 'tcp://[fd00::5]:2376' })
    expect(tcp).toMatchObject({ display: 'tcp://[fd00::5]:2376', hostname: 'fd00::5', local: false })
    expect(tcp.options).toMatchObject({ host: 'fd00::5', port: 2376 })
    const ssh = resolveEngine({ host: 'ssh://ops@[::1]:2222' })
    expect(ssh).toMatchObject({ display: 'ssh://ops@[::1]:2222', hostname: '::1', local: true })
    expect(resolveEngine({ host: 'tcp://127.0.0.2:2375' }).local).toBe(true)
  })
})
