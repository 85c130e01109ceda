import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PrivilegedCommand } from '../../app/elevated-runner'
import { CRAFTED_COMMAND, CRAFTED_MARKER, craftPem } from '../../../tests/support/crafted-pem'
import { trustHandlers } from './trust-handlers'

let dir: string
let caPath: string
const ctx = { job: undefined, emit: () => undefined }

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rw-trust-h-'))
  caPath = join(dir, 'ca.crt')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'ca.key'),
      '-out',
      caPath,
      '-days',
      '30',
      '-subj',
      '/CN=Handler Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    { stdio: 'ignore' },
  )
  mkdirSync(join(dir, 'root/etc'), { recursive: true })
  copyFileSync('/etc/os-release', join(dir, 'root/etc/os-release'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('trust handlers', () => {
  it('plans the exact changes without touching anything', async () => {
    const h = trustHandlers({ root: join(dir, 'root'), platform: 'linux', home: '/root' })
    const { changes } = await h.planTrust({ caCertPath: caPath, host: '192.168.20.10', port: 5000 }, ctx)
    expect(changes.some((c) => c.path?.endsWith('/etc/docker/certs.d/192.168.20.10:5000/ca.crt'))).toBe(true)
    expect(existsSync(join(dir, 'root/etc/docker'))).toBe(false)
  })

  it('under a test root writes the files and returns the privileged commands as pending', async () => {
    const h = trustHandlers({ root: join(dir, 'root'), platform: 'linux', home: '/root', isRoot: () => true })
    const r = await h.applyTrust({ jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000 }, ctx)
    expect(existsSync(join(dir, 'root/etc/docker/certs.d/192.168.20.10:5000/ca.crt'))).toBe(true)
    expect(r.pending.join('\n')).toMatch(/update-ca-certificates/)
  })

  it('as a normal user on Linux, sends the whole change through ONE elevation prompt as a script', async () => {
    const prompts: PrivilegedCommand[][] = []
    const h = trustHandlers({
      platform: 'linux',
      home: '/root',
      isRoot: () => false,
      elevate: (commands) => {
        prompts.push(commands)
        return Promise.resolve({ stdout: '', stderr: '' })
      },
    })
    const r = await h.applyTrust({ jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000 }, ctx)
    expect(prompts).toHaveLength(1)
    const [cmd] = prompts[0] ?? []
    expect(cmd?.program).toBe('sh')
    expect(cmd?.args[1]).toMatch(/^set -e\n/)
    expect(cmd?.args[1]).toContain('/etc/docker/certs.d/192.168.20.10:5000/ca.crt')
    expect(cmd?.args[1]).not.toMatch(/PRIVATE KEY/)
    expect(r.pending).toEqual([])
  })

  it('a crafted ca.crt (shell after a "-" line inside the block) reaches the elevation script re-encoded, no heredoc', async () => {
    const prompts: PrivilegedCommand[][] = []
    const crafted = craftPem(readFileSync(caPath, 'utf8'))
    writeFileSync(caPath, crafted.pem)
    const h = trustHandlers({
      platform: 'linux',
      home: '/root',
      isRoot: () => false,
      elevate: (commands) => {
        prompts.push(commands)
        return Promise.resolve({ stdout: '', stderr: '' })
      },
    })
    await h.applyTrust({ jobId: 'j', caCertPath: caPath, host: '192.168.20.10', port: 5000 }, ctx)
    const script = prompts[0]?.[0]?.args[1] ?? ''
    expect(script).toContain('/etc/docker/certs.d/192.168.20.10:5000/ca.crt')
    expect(script).not.toContain(CRAFTED_COMMAND)
    expect(script).not.toContain(CRAFTED_MARKER)
    expect(script).not.toMatch(/<</)
    // Every base64 line of the canonical PEM is in the script, single-quoted, as printf writes it.
    for (const line of crafted.canonical.trimEnd().split('\n')) expect(script).toContain(`'${line}'`)
  })

  it('refuses a CA file that is missing, naming the field', async () => {
    const h = trustHandlers({ root: join(dir, 'root'), platform: 'linux', home: '/root' })
    await expect(
      h.planTrust({ caCertPath: join(dir, 'nope.crt'), host: 'h', port: 5000 }, ctx),
    ).rejects.toMatchObject({ kind: 'input', field: 'caCertPath' })
  })
})
