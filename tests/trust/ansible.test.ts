import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { listFiles } from '../../main/bundle/verify-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import type { TrustCa } from '../../main/trust/types'
import { makeTestCa } from './fixtures'

// The bundle's Ansible playbook, run for real with ansible_connection=local against a temp root prefix
// (install.sh --root): the host's trust stores are never touched, and the store update is only printed.
let work: string
let bundle: string
let ca: TrustCa

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-ansible-'))
  ca = parseTrustCa((await makeTestCa('Ansible CA')).certPem)
  bundle = (
    await exportBundle({ ca, registries: parseRegistryAddresses(['192.168.20.10:5000']), outDir: work })
  ).dir
  for (const d of ['tmp', 'ansible-local', 'ansible-remote']) await fs.mkdir(join(work, d))
  await fs.writeFile(join(work, 'inventory.ini'), 'localhost ansible_connection=local\n')
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

function playbook(args: string[]): { code: number; out: string } {
  const r = spawnSync(
    'ansible-playbook',
    ['-i', join(work, 'inventory.ini'), join(bundle, 'ansible/registry-trust.yml'), ...args],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        TMPDIR: join(work, 'tmp'),
        ANSIBLE_LOCAL_TEMP: join(work, 'ansible-local'),
        ANSIBLE_REMOTE_TEMP: join(work, 'ansible-remote'),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: '0',
        ANSIBLE_PYTHON_INTERPRETER: 'auto_silent',
      },
    },
  )
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

describe('ansible/registry-trust.yml', () => {
  it('passes ansible-playbook --syntax-check and names no fixed /tmp folder', async () => {
    const r = playbook(['--syntax-check'])
    expect(r.code, r.out).toBe(0)
    const text = await fs.readFile(join(bundle, 'ansible/registry-trust.yml'), 'utf8')
    expect(text).not.toMatch(/\/tmp\//)
    expect(text).toMatch(/ansible\.builtin\.tempfile:\s*\n\s*state: directory/)
  })

  it('runs locally against a root prefix: a private temp folder (0700, root), install.sh checks, files written, folder removed', async () => {
    const root = await fs.mkdtemp(join(work, 'root-'))
    await fs.mkdir(join(root, 'etc'))
    await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\n')
    const vars = ['-e', 'trust_hosts=localhost', '-e', 'trust_become=false', '-e', `trust_root=${root}`]
    const r = playbook([...vars, '-v'])
    expect(r.code, r.out).toBe(0)
    // The tempfile task made a fresh folder under TMPDIR, mode 0700, owned by root (the user the play runs as).
    const tmpTask = /"path": "([^"]*registry-trust\.[^"]*)"/.exec(r.out)
    expect(tmpTask?.[1], r.out).toBeDefined()
    expect(tmpTask?.[1]?.startsWith(join(work, 'tmp'))).toBe(true)
    expect(r.out).toMatch(/"mode": "0700"/)
    expect(r.out).toMatch(/"owner": "root"/)
    expect(r.out).toContain('ca.crt fingerprint OK')
    expect(r.out).toContain(`not run (root prefix ${root}): update-ca-certificates`)
    expect(await fs.readFile(join(root, 'etc/docker/certs.d/192.168.20.10:5000/ca.crt'), 'utf8')).toBe(ca.pem)
    // Removed afterwards; nothing at the old fixed path.
    expect(await fs.readdir(join(work, 'tmp'))).toEqual([])
    await expect(fs.access('/tmp/registry-trust-bundle')).rejects.toThrow()

    const un = playbook([...vars, '-e', 'trust_state=absent'])
    expect(un.code, un.out).toBe(0)
    expect(await listFiles(root)).toEqual(['etc/os-release'])
    expect(await fs.readdir(join(work, 'tmp'))).toEqual([])
  }, 240_000)

  it('a tampered bundle fails on the host (install.sh refuses) and the temp folder is still removed', async () => {
    const copy = join(work, 'tampered')
    await fs.cp(bundle, copy, { recursive: true })
    await fs.appendFile(join(copy, 'registries.txt'), 'evil.lan:5000\n')
    const root = await fs.mkdtemp(join(work, 'root-'))
    await fs.mkdir(join(root, 'etc'))
    await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\n')
    const r = spawnSync(
      'ansible-playbook',
      [
        '-i',
        join(work, 'inventory.ini'),
        join(copy, 'ansible/registry-trust.yml'),
        '-e',
        'trust_hosts=localhost',
        '-e',
        'trust_become=false',
        '-e',
        `trust_root=${root}`,
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          TMPDIR: join(work, 'tmp'),
          ANSIBLE_LOCAL_TEMP: join(work, 'ansible-local'),
          ANSIBLE_REMOTE_TEMP: join(work, 'ansible-remote'),
          ANSIBLE_NOCOLOR: '1',
        },
      },
    )
    expect(r.status).not.toBe(0)
    expect(`${r.stdout}${r.stderr}`).toMatch(/registries\.txt does not match SHA256SUMS/)
    expect(await listFiles(root)).toEqual(['etc/os-release'])
    expect(await fs.readdir(join(work, 'tmp'))).toEqual([])
  }, 240_000)
})
