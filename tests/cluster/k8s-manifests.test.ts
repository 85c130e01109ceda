import { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet'
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { Namespace } from 'kubernetes-models/v1/Namespace'
import { Secret } from 'kubernetes-models/v1/Secret'
import { parse as parseToml } from 'smol-toml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { buildK8sFiles, DEFAULT_IMAGE, type K8sFile } from '../../main/cluster/k8s/index'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddress } from '../../main/trust/registry-address'
import type { TrustCa } from '../../main/trust/types'
import { englishWords } from '../support/english-words'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { runCliIn } from '../support/run-cli'
import { makeTestCa } from '../trust/fixtures'

// The manifests as objects: every document validates against the Kubernetes schemas (kubernetes-models), the
// certificate is the DER re-encoded, registries.yaml uses only the keys k3s documents, and the CLI refuses bad input
// (exit 2, nothing written) in both languages.
const MODELS = { Namespace, ConfigMap, DaemonSet, Secret } as const
type Kind = keyof typeof MODELS

let work: string
let caPem: string
let ca: TrustCa
const reg = parseRegistryAddress('192.168.20.10:5000')
const reg2 = parseRegistryAddress('[fd00::10]:5000')
const mirror = parseRegistryAddress('192.168.20.10:5001')
const login = { user: 'alice', password: 'pw-Ünï-42' }

beforeAll(async () => {
  work = makeTmpDir('rw-k8s-manifests-')
  caPem = (await makeTestCa('K8s Manifests Test CA')).certPem
  ca = parseTrustCa(caPem)
  await fs.writeFile(join(work, 'ca.crt'), caPem)
  await fs.writeFile(join(work, 'pw'), `${login.password}\nignored second line\n`)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

const files = (): K8sFile[] => buildK8sFiles({ ca, registries: [reg, reg2], mirror, login })
const file = (all: K8sFile[], path: string): K8sFile => {
  const f = all.find((x) => x.path === path)
  if (f === undefined) throw new Error(`no ${path} in ${all.map((x) => x.path).join(', ')}`)
  return f
}
const docsOf = (f: K8sFile): Record<string, unknown>[] =>
  parseAllDocuments(f.content).map((d) => d.toJS() as Record<string, unknown>)

/** The object a YAML document holds, as its typed model (validate() checks the Kubernetes schema). */
function model(doc: Record<string, unknown>): { validate: () => void } {
  const Model = (MODELS as Partial<typeof MODELS>)[doc['kind'] as Kind]
  if (Model === undefined) throw new Error(`unexpected kind ${String(doc['kind'])}`)
  return new Model(doc)
}

function daemonSet(all: K8sFile[], path = '20-daemonset.yaml') {
  return docsOf(file(all, path)).find((d) => d['kind'] === 'DaemonSet') as unknown as DaemonSet
}

describe('k8s manifests: typed, validated objects', () => {
  it('every YAML document validates against the Kubernetes schemas, and a broken copy does not', () => {
    const all = files()
    const yamlFiles = all.filter((f) => f.path.endsWith('.yaml') && !f.path.includes('registries'))
    expect(yamlFiles.map((f) => f.path).sort()).toEqual([
      '00-namespace.yaml',
      '10-configmap.yaml',
      '20-daemonset.yaml',
      'pull-secret/registry-wizard-pull.yaml',
      'uninstall/uninstall.yaml',
    ])
    const kinds: string[] = []
    for (const f of yamlFiles)
      for (const doc of docsOf(f)) {
        expect(() => model(doc).validate(), `${f.path} ${String(doc['kind'])}`).not.toThrow()
        kinds.push(`${f.path}:${String(doc['kind'])}`)
      }
    expect(kinds).toContain('uninstall/uninstall.yaml:DaemonSet')
    // The check can fail: a container without a name, a ConfigMap value that is not a string.
    const ds = docsOf(file(all, '20-daemonset.yaml'))[0] as Record<string, never>
    const broken = JSON.parse(JSON.stringify(ds)) as {
      spec: { template: { spec: { containers: object[] } } }
    }
    delete (broken.spec.template.spec.containers[0] as Record<string, unknown>)['name']
    expect(() => model(broken as never).validate()).toThrow(/name/)
    expect(() => new ConfigMap({ metadata: { name: 'x' }, data: { a: 1 as never } }).validate()).toThrow()
  })

  it('the DaemonSet runs everywhere, as a root without capabilities, with /etc/containerd and the ConfigMap mounted', () => {
    const ds = daemonSet(files())
    const pod = ds.spec?.template.spec
    expect(pod?.tolerations).toEqual([{ operator: 'Exists' }])
    expect(pod?.volumes).toContainEqual({
      name: 'node-containerd',
      hostPath: { path: '/etc/containerd', type: 'Directory' },
    })
    const c = pod?.containers[0]
    expect(c?.image).toBe(DEFAULT_IMAGE)
    expect(c?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    })
    expect(c?.command?.slice(0, 2)).toEqual(['/bin/sh', '-c'])
    expect(c?.command?.slice(3)).toEqual(['registry-trust', 'install'])
    const items = pod?.volumes?.find((v) => v.configMap)?.configMap?.items?.map((i) => i.path)
    expect(items).toEqual([
      '192.168.20.10:5000/hosts.toml',
      '192.168.20.10:5000/ca.crt',
      '[fd00::10]:5000/hosts.toml',
      '[fd00::10]:5000/ca.crt',
      '192.168.20.10:5001/hosts.toml',
      '192.168.20.10:5001/ca.crt',
      'docker.io/hosts.toml',
    ])
    // The script never carries the certificate: the container copies it from the ConfigMap mount.
    expect(c?.command?.[2]).not.toContain('BEGIN CERTIFICATE')
    expect(c?.command?.[2]).not.toMatch(/<<-?\s*['"]?\w+/)
  })

  it('ca.crt is the DER re-encoded (text around the block dropped); hosts.toml names it', () => {
    const noisy = `Subject: something\n${caPem.replace(/\n/g, '\r\n')}trailing words\n`
    const all = buildK8sFiles({ ca: parseTrustCa(noisy), registries: [reg] })
    const cm = docsOf(file(all, '10-configmap.yaml'))[0] as { data: Record<string, string> }
    const der = new X509Certificate(caPem).raw.toString('base64')
    expect(cm.data['ca.crt']).toBe(
      `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`,
    )
    const hosts = parseToml(cm.data['hosts-192.168.20.10_5000.toml'] ?? '') as Record<string, unknown>
    expect(hosts).toEqual({
      server: 'https://192.168.20.10:5000',
      host: {
        'https://192.168.20.10:5000': {
          capabilities: ['pull', 'resolve', 'push'],
          ca: '/etc/containerd/certs.d/192.168.20.10:5000/ca.crt',
        },
      },
    })
    expect(Object.keys(cm.data).every((k) => /^[-._a-zA-Z0-9]+$/.test(k))).toBe(true)
  })

  it('the docker.io hosts.toml puts the mirror first, with its CA', () => {
    const cm = docsOf(file(files(), '10-configmap.yaml'))[0] as { data: Record<string, string> }
    expect(parseToml(cm.data['hosts-docker.io.toml'] ?? '')).toEqual({
      server: 'https://registry-1.docker.io',
      host: {
        'https://192.168.20.10:5001': {
          capabilities: ['pull', 'resolve'],
          ca: '/etc/containerd/certs.d/192.168.20.10:5001/ca.crt',
        },
      },
    })
  })

  it('the pull secret is a kubernetes.io/dockerconfigjson for every address, without a namespace, mode 0600', () => {
    const f = file(files(), 'pull-secret/registry-wizard-pull.yaml')
    expect(f.mode).toBe(0o600)
    const s = docsOf(f)[0] as {
      type: string
      metadata: Record<string, unknown>
      data: Record<string, string>
    }
    expect(s.type).toBe('kubernetes.io/dockerconfigjson')
    expect(s.metadata['namespace']).toBeUndefined()
    const json = JSON.parse(Buffer.from(s.data['.dockerconfigjson'] ?? '', 'base64').toString('utf8')) as {
      auths: Record<string, { username: string; password: string; auth: string }>
    }
    expect(Object.keys(json.auths)).toEqual(['192.168.20.10:5000', '[fd00::10]:5000', '192.168.20.10:5001'])
    const a = json.auths['192.168.20.10:5000']
    expect(a).toEqual({
      username: 'alice',
      password: login.password,
      auth: Buffer.from(`alice:${login.password}`).toString('base64'),
    })
    // Only that file holds the Secret (kubectl apply -f on the folder never creates it by surprise).
    const withSecret = files().filter((x) => x.path.endsWith('.yaml') && /^kind: Secret$/m.test(x.content))
    expect(withSecret.map((x) => x.path)).toEqual(['pull-secret/registry-wizard-pull.yaml'])
    const without = buildK8sFiles({ ca, registries: [reg] })
    expect(without.some((x) => x.content.includes(login.password))).toBe(false)
  })
})

/** k3s's documented keys (docs.k3s.io/installation/private-registry, "Registries Configuration File"). */
const K3S_KEYS = {
  top: ['mirrors', 'configs'],
  mirror: ['endpoint', 'rewrite'],
  config: ['auth', 'tls'],
  auth: ['username', 'password', 'token', 'auth'],
  tls: ['ca_file', 'cert_file', 'key_file', 'insecure_skip_verify'],
}

function expectK3sKeys(doc: Record<string, Record<string, Record<string, unknown>>>): void {
  expect(K3S_KEYS.top).toEqual(expect.arrayContaining(Object.keys(doc)))
  for (const m of Object.values(doc['mirrors'] ?? {}))
    expect(K3S_KEYS.mirror).toEqual(expect.arrayContaining(Object.keys(m)))
  for (const c of Object.values(doc['configs'] ?? {})) {
    expect(K3S_KEYS.config).toEqual(expect.arrayContaining(Object.keys(c)))
    if (c['auth']) expect(K3S_KEYS.auth).toEqual(expect.arrayContaining(Object.keys(c['auth'])))
    if (c['tls']) expect(K3S_KEYS.tls).toEqual(expect.arrayContaining(Object.keys(c['tls'])))
  }
}

describe('k3s / RKE2 registries.yaml', () => {
  it('parses, uses only the documented keys, names CA files that are in the folder, docker.io mirror first', () => {
    const all = files()
    for (const distro of ['k3s', 'rke2']) {
      const f = file(all, `${distro}/registries.yaml`)
      expect(f.mode).toBe(0o600) // it holds the password
      const doc = parse(f.content) as {
        mirrors: Record<string, { endpoint: string[] }>
        configs: Record<string, { tls: { ca_file: string }; auth?: { username: string; password: string } }>
      }
      expectK3sKeys(doc)
      expect(doc.mirrors['docker.io']?.endpoint[0]).toBe('https://192.168.20.10:5001')
      expect(doc.configs['192.168.20.10:5000']?.auth).toEqual({ username: 'alice', password: login.password })
      for (const [host, c] of Object.entries(doc.configs)) {
        expect(c.tls.ca_file.startsWith(`/etc/rancher/${distro}/registry-wizard-`), host).toBe(true)
        const beside = file(all, `${distro}/${c.tls.ca_file.split('/').pop() ?? ''}`)
        expect(beside.content).toBe(ca.pem)
      }
      expect(Object.keys(doc.configs).sort()).toEqual([
        '192.168.20.10:5000',
        '192.168.20.10:5001',
        '[fd00::10]:5000',
      ])
    }
  })

  it("with only a mirror it is the mirror target's own file; without a login there is no auth", () => {
    const only = buildK8sFiles({ ca, registries: [], mirror })
    const doc = parse(file(only, 'k3s/registries.yaml').content) as Record<string, Record<string, unknown>>
    expectK3sKeys(doc as never)
    expect(doc['mirrors']).toEqual({ 'docker.io': { endpoint: ['https://192.168.20.10:5001'] } })
    const plain = parse(file(buildK8sFiles({ ca, registries: [reg] }), 'k3s/registries.yaml').content) as {
      configs: Record<string, Record<string, unknown>>
    }
    expect(plain.configs['192.168.20.10:5000']).toEqual({
      tls: { ca_file: '/etc/rancher/k3s/registry-wizard-192.168.20.10_5000-ca.crt' },
    })
  })
})

describe('registry-wizard k8s manifests (CLI)', () => {
  const base = (out: string): string[] => [
    'k8s',
    'manifests',
    '--ca',
    'ca.crt',
    '--registry',
    '192.168.20.10:5000',
    '--out',
    out,
  ]

  it('writes the folder; the password is never printed; a second run needs --force', async () => {
    const args = [
      ...base('out'),
      '--mirror',
      '192.168.20.10:5001',
      '--pull-secret-user',
      'alice',
      '--password-file',
      'pw',
    ]
    const r = await runCliIn(work, args, {})
    expect(r.code, r.err).toBe(0)
    const printed = r.out + r.err
    expect(printed).not.toContain(login.password)
    expect(printed).not.toContain(Buffer.from(`alice:${login.password}`).toString('base64'))
    expect(printed).toContain(`kubectl apply -f ${join(work, 'out')}/`)
    const secret = await fs.readFile(join(work, 'out/pull-secret/registry-wizard-pull.yaml'), 'utf8')
    expect(secret).not.toContain('ignored second line')
    expect((await fs.stat(join(work, 'out/pull-secret/registry-wizard-pull.yaml'))).mode & 0o777).toBe(0o600)
    const before = await snapshotDir(join(work, 'out'))
    const again = await runCliIn(work, args, {})
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already exists.*\n.*--force/)
    expect(await snapshotDir(join(work, 'out'))).toEqual(before)
    const forced = await runCliIn(work, [...args, '--force'], {})
    expect(forced.code, forced.err).toBe(0)
  })

  it.each([
    [['--namespace', 'Bad_NS'], /--namespace/],
    [['--image', 'not an image'], /--image/],
    [['--pull-secret-user', 'alice'], /--password-file|--pull-secret-user/],
    [['--pull-secret-user', 'a:b', '--password-file', 'pw'], /--pull-secret-user/],
    [['--registry', 'no-port.lan'], /port/],
    [['--password-file', 'missing-file', '--pull-secret-user', 'alice'], /--password-file/],
  ])('bad input %j: exit 2, nothing written', async (extra, pattern) => {
    const out = join(work, `bad-${Math.random().toString(36).slice(2)}`)
    const r = await runCliIn(work, [...base(out), ...extra], {})
    expect(r.code, r.out + r.err).toBe(2)
    expect(r.err).toMatch(pattern)
    await expect(fs.access(out)).rejects.toThrow()
  })

  it('a CA file holding a private key is refused (exit 2, nothing written)', async () => {
    await fs.writeFile(
      join(work, 'with-key.pem'),
      `${caPem}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`,
    )
    const r = await runCliIn(
      work,
      ['k8s', 'manifests', '--ca', 'with-key.pem', '--registry', '192.168.20.10:5000', '--out', 'k'],
      {},
    )
    expect(r.code).toBe(2)
    await expect(fs.access(join(work, 'k'))).rejects.toThrow()
  })

  it('zh-CN: help, result and errors in Chinese (no English words but data and commands)', async () => {
    const out = join(work, 'zh')
    const r = await runCliIn(work, ['--lang', 'zh-CN', ...base(out)], {})
    expect(r.code, r.err).toBe(0)
    const data = [
      out,
      '192.168.20.10:5000',
      DEFAULT_IMAGE,
      'registry-wizard',
      ...'kubectl apply rollout status daemonset logs Kubernetes ConfigMap DaemonSet Pod k3s RKE2 imagePullPolicy IfNotPresent tar'.split(
        ' ',
      ),
    ]
    expect(englishWords(r.out, data)).toEqual([])
    expect(r.out).toContain('接下来')
    const bad = await runCliIn(
      work,
      ['--lang', 'zh-CN', ...base(join(work, 'zh-bad')), '--namespace', 'BAD'],
      {},
    )
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('命名空间')
    expect(englishWords(bad.err, ['--namespace', '"BAD"', 'Kubernetes'])).toEqual([])
    const help = await runCliIn(work, ['--lang', 'zh-CN', 'k8s', 'manifests', '--help'], {})
    expect(help.out).toContain('镜像仓库的 CA 证书')
  })
})
