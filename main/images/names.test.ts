import { describe, expect, it } from 'vitest'
import { isValidPrefix, parseReference, repositoryReference, withPrefix } from './names'

describe('image references', () => {
  it('reads Docker Hub names the way Docker does', () => {
    expect(parseReference('nginx')).toEqual({
      registry: undefined,
      repository: 'library/nginx',
      tag: undefined,
      digest: undefined,
    })
    expect(parseReference('docker.io/rancher/mirrored-pause:3.6')).toMatchObject({
      registry: undefined,
      repository: 'rancher/mirrored-pause',
      tag: '3.6',
    })
    expect(parseReference('index.docker.io/library/busybox:1.36')?.repository).toBe('library/busybox')
  })

  it('keeps a registry host with a port, localhost, and a digest', () => {
    const d = `sha256:${'a'.repeat(64)}`
    expect(parseReference(`192.168.20.10:5000/app/web:2.1@${d}`)).toEqual({
      registry: '192.168.20.10:5000',
      repository: 'app/web',
      tag: '2.1',
      digest: d,
    })
    expect(parseReference('localhost/x')?.registry).toBe('localhost')
    expect(parseReference('team/app:1')?.registry).toBeUndefined()
  })

  it('refuses what is not a reference', () => {
    for (const bad of ['', 'UPPER/case', 'a//b', 'nginx:', 'nginx@sha256', 'x:bad tag', '-x'])
      expect(parseReference(bad), bad).toBeUndefined()
  })

  it('writes repository:tag, latest by default, and applies a prefix', () => {
    expect(
      repositoryReference(
        parseReference('nginx') ?? { registry: undefined, repository: '', tag: undefined, digest: undefined },
      ),
    ).toBe('library/nginx:latest')
    expect(withPrefix('library/nginx', 'mirror')).toBe('mirror/library/nginx')
    expect(withPrefix('library/nginx', '/mirror/')).toBe('mirror/library/nginx')
    expect(withPrefix('library/nginx', undefined)).toBe('library/nginx')
    expect(isValidPrefix('team/mirror')).toBe(true)
    expect(isValidPrefix('Bad Prefix')).toBe(false)
  })
})
