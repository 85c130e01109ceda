import { spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../main/bundle/export-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddress, parseRegistryAddresses } from '../../main/trust/registry-address'
import { makeTmpDir } from '../support/fs-snapshot'
import { makeTestCa } from './fixtures'

// The playbook with a mirror bundle: mirror.txt travels with install.sh (SHA256SUMS lists it), or trust_mirror names
// another mirror; run locally against a root prefix (never the host's files).
let work: string
let bundle: string
const available = spawnSync('ansible-playbook', ['--version']).status === 0

beforeAll(async () => {
  work = makeTmpDir('rw-trust-mirror-ansible-')
  const ca = parseTrustCa((await makeTestCa('Mirror Ansible CA')).certPem)
  bundle = (
    await exportBundle({
      ca,
      registries: parseRegistryAddresses(['192.168.20.10:5000']),
      mirror: parseRegistryAddress('192.168.20.10:5001'),
      outDir: work,
    })
  ).dir
  for (const d of ['tmp', 'ansible-local', 'ansible-remote']) await fs.mkdir(join(work, d))
  await fs.writeFile(join(work, 'inventory.ini'), 'localhost ansible_connection=local\n')
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

function playbook(root: string, extra: string[] = []): { code: number; out: string } {
  const vars = [
    '-e',
    'trust_hosts=localhost',
    '-e',
    'trust_become=false',
    '-e',
    `trust_root=${root}`,
    ...extra,
  ]
  const r = spawnSync(
    'ansible-playbook',
    ['-i', join(work, 'inventory.ini'), join(bundle, 'ansible/registry-trust.yml'), ...vars],
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

async function newRoot(name: string): Promise<string> {
  const root = join(work, name)
  await fs.mkdir(join(root, 'etc'), { recursive: true })
  await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\n')
  return root
}

describe('ansible/registry-trust.yml with a Docker Hub mirror', () => {
  it("sets up the bundle's mirror (mirror.txt copied with install.sh), or the one trust_mirror names", async (t) => {
    if (!available) {
      if (process.env.CI === 'true') throw new Error('CI=true: ansible-playbook is required')
      return t.skip()
    }
    const root = await newRoot('default')
    const r = playbook(root)
    expect(r.code, r.out).toBe(0)
    expect(JSON.parse(await fs.readFile(join(root, 'etc/docker/daemon.json'), 'utf8'))).toEqual({
      'registry-mirrors': ['https://192.168.20.10:5001'],
    })
    const other = await newRoot('other')
    const o = playbook(other, ['-e', 'trust_mirror=10.9.8.7:5001'])
    expect(o.code, o.out).toBe(0)
    expect(await fs.readFile(join(other, 'etc/docker/certs.d/10.9.8.7:5001/ca.crt'), 'utf8')).toContain(
      'BEGIN',
    )
    expect(await fs.readdir(join(work, 'tmp'))).toEqual([])
  }, 240_000)
})
