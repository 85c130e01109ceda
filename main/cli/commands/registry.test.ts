import { describe, expect, it } from 'vitest'
import { runCli } from '../program'

function io(): { io: Parameters<typeof runCli>[1]; err: () => string } {
  let err = ''
  return {
    io: { stdout: () => undefined, stderr: (t) => (err += t), env: {}, cwd: '/tmp' },
    err: () => err,
  }
}

describe('registry/engine CLI input checks (no engine needed, nothing changed)', () => {
  it.each([
    [
      ['registry', 'start', '--certs', '/nonexistent', '--port', '70000'],
      '--port: "70000" is not valid; a whole number from 1 to 65535 is allowed',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--name', 'bad name'],
      '--name: "bad name" is not valid',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--data', 'relative/path'],
      '--data: "relative/path" is not valid; an absolute path on the engine\'s host is allowed',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--cert-store', 'nowhere'],
      '--cert-store: "nowhere" is not valid; allowed: auto, bind, volume, host:/ABSOLUTE/PATH',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--user', 'alice'],
      '--user/--password-file: "1 users, 0 password files" is not valid',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent'],
      'certs: /nonexistent/domain.crt cannot be read (ENOENT)',
    ],
    [['engine', 'check', '--tls-ca', '/x'], '--tls-ca/--tls-cert/--tls-key: "1 of 3 given" is not valid'],
    [['engine', 'check', '--docker-host', 'ftp://x'], 'docker-host: "ftp://x" is not valid'],
  ])('%j', async (argv, message) => {
    const c = io()
    expect(await runCli(argv, c.io)).toBe(2)
    expect(c.err()).toContain(`error: ${message}`)
  })
})
