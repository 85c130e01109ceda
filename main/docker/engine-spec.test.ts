import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { resolveEngine } from './engine-spec'

describe('resolveEngine', () => {
  it('defaults to the local socket, then DOCKER_HOST', () => {
    expect(resolveEngine({}, {}, 'linux')).toMatchObject({ kind: 'socket', display: 'unix:///var/run/docker.sock', local: true, hostname: '127.0.0.1' })
    expect(resolveEngine({}, {}, 'win32')).toMatchObject({ kind: 'npipe', options: { socketPath: '//./pipe/docker_engine' } })
    expect(resolveEngine({}, { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, 'linux').options.socketPath).toBe('/run/user/1000/docker.sock')
  })

  it('tcp with TLS uses https and the PEMs; without TLS plain http', () => {
    const r = resolveEngine({ host: 'tcp://10.0.0.5:2376', tls: { ca: 'CA', cert: 'C', key: 'K' } })
    expect(r).toMatchObject({ kind: 'tcp+tls', display: 'tcp://10.0.0.5:2376', hostname: '10.0.0.5', local: false })
    expect(r.options).toMatchObject({ protocol: 'https', host: '10.0.0.5', port: 2376, ca: 'CA', cert: 'C', key: 'K' })
    expect(resolveEngine({ host: '10.0.0.5' }).options).toMatchObject({ protocol: 'http', port: 2375 })
  })

  it('ssh with user, port, key and a 5 s ready timeout', () => {
    const r = resolveEngine({ host: 'ssh://admin@registry.lan:2222', ssh: { privateKey: 'KEY' } })
    expect(r).toMatchObject({ kind: 'ssh', display: 'ssh://admin@registry.lan:2222', hostname: 'registry.lan' })
    expect(r.options).toMatchObject({ protocol: 'ssh', username: 'admin', port: 2222, sshOptions: { privateKey: 'KEY', readyTimeout: 5000 } })
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
    expect((e as AppError).message).toContain('docker-host: "ftp://x" is not valid; allowed: unix:///path')
  })
})
