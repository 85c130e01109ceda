import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet'
import type { IContainer } from 'kubernetes-models/v1/Container'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { buildK8sFiles, type K8sFile } from '../../main/cluster/k8s/index'
import { connectEngine, startRegistry } from '../../main/docker'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddress } from '../../main/trust/registry-address'
import { makeTmpDir, snapshotDir } from '../support/fs-snapshot'
import { startNetnsClient, type NetnsClient } from '../support/rw-verify-netns'
import { dockerCleanup, freePort } from '../support/rw-reg-fixtures'
import { issueServerCert, makeTestCa } from '../trust/fixtures'

// The DaemonSet's container, exactly as the manifest gives it (image aside: a local busybox laid out like Docker
// Hub's), runs on the test dockerd with the manifest's own mounts: a temp folder bind-mounted where the manifest mounts
// the node's /etc/containerd, and the ConfigMap projected the way the kubelet does (..data symlink, items as paths)
// where the manifest mounts it. Then ctr, in its own network namespace and with that folder as its /etc/containerd,
// pulls from our registry on a non-loopback address through the files the container wrote (and fails without them);
// SIGTERM and the uninstall manifest remove exactly those files.
const run = promisify(execFile)
const id = randomBytes(3).toString('hex')
const REGISTRY = `rw-k8s-reg-${id}`
const IMAGE = 'rw-k8s-busybox:1'
const CTR_NS = `rw-k8s-${id}`
const CTR_SOCK = '/var/run/docker/containerd/containerd.sock'
const containers: string[] = []

let available = true
let client: NetnsClient | undefined
let work: string
let caPem: string
let registry: string

const CONFIG_TOML_V2 =
  'version = 2\n[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n'

async function has(cmd: string, args: string[]): Promise<boolean> {
  return run(cmd, args).then(
    () => true,
    () => false,
  )
}

beforeAll(async () => {
  const tools = await Promise.all([
    has('docker', ['image', 'inspect', 'registry:2']),
    has('skopeo', ['--version']),
    has('ctr', ['--version']),
    has('nsenter', ['--version']),
    has('busybox', ['true']),
    fs.stat('/etc/containerd').then(
      (s) => s.isDirectory(),
      () => false,
    ),
  ])
  available = tools.every(Boolean) && process.getuid?.() === 0
  if (!available) {
    if (process.env.CI === 'true')
      throw new Error(
        'CI=true: root, docker + registry:2, skopeo, ctr, nsenter, busybox, /etc/containerd are required',
      )
    return
  }
  work = makeTmpDir('rw-k8s-node-')
  await run('bash', [join(import.meta.dirname, 'k8s-busybox-image.sh'), IMAGE])
  client = await startNetnsClient()
  const ca = await makeTestCa('K8s Node Test CA')
  caPem = ca.certPem
  const port = await freePort()
  const server = await issueServerCert(ca, [client.hostIp, '127.0.0.1'])
  await startRegistry(connectEngine({}), { name: REGISTRY, port, certs: { ...server, caPem } })
  registry = `${client.hostIp}:${port}`
  const certDir = join(work, 'skopeo-certs')
  await fs.mkdir(certDir)
  await fs.writeFile(join(certDir, 'ca.crt'), caPem)
  await run('skopeo', [
    'copy',
    '--dest-cert-dir',
    certDir,
    `docker-daemon:${IMAGE}`,
    `docker://127.0.0.1:${port}/k8s/busybox:1`,
  ])
}, 300_000)

afterAll(async () => {
  if (!available) return
  for (const ref of [`${registry}/k8s/busybox:1`, 'docker.io/k8s/busybox:1'])
    await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'images', 'rm', ref]).catch(() => undefined)
  const content = await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'content', 'ls', '-q']).catch(() => ({
    stdout: '',
  }))
  for (const d of content.stdout.split('\n').filter(Boolean))
    await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'content', 'rm', d]).catch(() => undefined)
  await run('ctr', ['-a', CTR_SOCK, 'namespaces', 'rm', CTR_NS]).catch(() => undefined)
  await dockerCleanup([REGISTRY, ...containers], [`${REGISTRY}-data`, `${REGISTRY}-certs`])
  await client?.down()
  if (work) await fs.rm(work, { recursive: true, force: true })
}, 120_000)

function daemonSetOf(files: K8sFile[], path: string): DaemonSet {
  const f = files.find((x) => x.path === path)
  const docs = parseAllDocuments(f?.content ?? '').map((d) => d.toJS() as { kind: string })
  return docs.find((d) => d.kind === 'DaemonSet') as unknown as DaemonSet
}

/** The ConfigMap volume as the kubelet projects it: a timestamped folder, `..data` pointing at it, one link per top name. */
async function projectConfigMap(files: K8sFile[], ds: DaemonSet, into: string): Promise<void> {
  const cm = parseAllDocuments(
    files.find((f) => f.path === '10-configmap.yaml')?.content ?? '',
  )[0]?.toJS() as {
    data: Record<string, string>
  }
  const items = ds.spec?.template.spec?.volumes?.find((v) => v.configMap)?.configMap?.items ?? []
  const stamp = '..2026_01_01_00_00_00.000000001'
  for (const item of items) {
    const path = join(into, stamp, item.path)
    await fs.mkdir(dirname(path), { recursive: true })
    await fs.writeFile(path, cm.data[item.key] ?? '', { mode: 0o444 })
  }
  await fs.symlink(stamp, join(into, '..data'))
  for (const top of new Set(items.map((i) => i.path.split('/')[0] ?? '')))
    await fs.symlink(join('..data', top), join(into, top))
}

/** docker run of the manifest's container: its command, its mounts, its security context. */
async function runContainer(ds: DaemonSet, mounts: Record<string, string>, name: string): Promise<void> {
  const c = ds.spec?.template.spec?.containers[0] as IContainer
  const volumes = ds.spec?.template.spec?.volumes ?? []
  const args = ['run', '-d', '--name', name, '--user', String(c.securityContext?.runAsUser ?? 0)]
  if (c.securityContext?.readOnlyRootFilesystem === true) args.push('--read-only')
  for (const cap of c.securityContext?.capabilities?.drop ?? []) args.push('--cap-drop', cap)
  if (c.securityContext?.allowPrivilegeEscalation === false) args.push('--security-opt', 'no-new-privileges')
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.find((x) => x.name === m.name)
    const source = v?.hostPath ? mounts['hostPath'] : mounts['configMap']
    if (source === undefined) throw new Error(`no stand-in for volume ${m.name}`)
    args.push('-v', `${source}:${m.mountPath}${m.readOnly === true ? ':ro' : ''}`)
  }
  const [entry, ...rest] = c.command ?? []
  containers.push(name)
  await run('docker', [...args, '--entrypoint', entry ?? '', IMAGE, ...rest])
}

async function logs(name: string): Promise<string> {
  const { stdout, stderr } = await run('docker', ['logs', name])
  return stdout + stderr
}

async function waitForLog(name: string, text: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const l = await logs(name)
    if (l.includes(text)) return l
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${name} never logged ${text}: ${await logs(name)}`)
}

/** ctr in the client's network namespace, with `nodeEtc` bind-mounted over /etc/containerd (hosts.toml's ca paths). */
function ctrPull(c: NetnsClient, nodeEtc: string, hostsDir: string, ref: string) {
  const pid = join(dirname(c.root), 'dockerd.pid')
  const script =
    'mount --bind "$1" /etc/containerd && pid=$(cat "$2") && shift 2 && exec nsenter --net=/proc/$pid/ns/net "$@"'
  const ctr = ['ctr', '-a', CTR_SOCK, '-n', CTR_NS, 'images', 'pull', '--hosts-dir', hostsDir, ref]
  return run(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', script, 'rw-k8s', nodeEtc, pid, ...ctr],
    {
      timeout: 120_000,
    },
  )
}

/** A node's /etc/containerd with an admin's files in it already. */
async function nodeWithForeignFiles(
  dir: string,
  configToml: string | undefined,
): Promise<Record<string, string>> {
  await fs.mkdir(join(dir, 'certs.d/other.lan:5000'), { recursive: true })
  await fs.writeFile(join(dir, 'certs.d/other.lan:5000/ca.crt'), 'an admin CA\n')
  await fs.writeFile(join(dir, 'certs.d/other.lan:5000/hosts.toml'), 'server = "https://other.lan:5000"\n')
  if (configToml !== undefined) await fs.writeFile(join(dir, 'config.toml'), configToml)
  return snapshotDir(dir)
}

describe('the DaemonSet container on a "node"', () => {
  it('writes exactly its files, ctr pulls through them on a non-loopback address, SIGTERM removes exactly them', async (t) => {
    if (!available || client === undefined) return t.skip()
    const reg = parseRegistryAddress(registry)
    // The registry stands in for a Docker Hub mirror too: docker.io/... is fetched from it with its CA (no internet).
    const files = buildK8sFiles({ ca: parseTrustCa(caPem), registries: [reg], mirror: reg })
    const ds = daemonSetOf(files, '20-daemonset.yaml')
    const node = join(work, 'node1')
    const cm = join(work, 'cm1')
    await fs.mkdir(cm)
    const before = await nodeWithForeignFiles(node, CONFIG_TOML_V2)

    // Without the container's files, the same pull fails on TLS: trust comes from them alone.
    await fs.mkdir(join(work, 'empty-hosts'))
    await expect(
      ctrPull(client, node, join(work, 'empty-hosts'), `${registry}/k8s/busybox:1`),
    ).rejects.toThrow(/x509|certificate/)

    await projectConfigMap(files, ds, cm)
    const name = `rw-k8s-node-${id}-1`
    await runContainer(ds, { hostPath: node, configMap: cm }, name)
    const log = await waitForLog(name, 'registry-wizard: ready')
    expect(log).toContain("containerd's config_path names /etc/containerd/certs.d")
    expect(log).not.toContain('WARNING')

    const after = await snapshotDir(node)
    const added = Object.keys(after)
      .filter((k) => !(k in before))
      .sort()
    expect(added).toEqual([
      `certs.d/${registry}/`,
      `certs.d/${registry}/ca.crt`,
      `certs.d/${registry}/hosts.toml`,
      'certs.d/docker.io/',
      'certs.d/docker.io/hosts.toml',
    ])
    for (const k of Object.keys(before)) expect(after[k], k).toBe(before[k])
    expect(await fs.readFile(join(node, `certs.d/${registry}/ca.crt`), 'utf8')).toBe(parseTrustCa(caPem).pem)

    const hostsDir = join(node, 'certs.d')
    const direct = await ctrPull(client, node, hostsDir, `${registry}/k8s/busybox:1`)
    expect(direct.stdout + direct.stderr).toMatch(/done/)
    const viaMirror = await ctrPull(client, node, hostsDir, 'docker.io/k8s/busybox:1')
    expect(viaMirror.stdout + viaMirror.stderr).toMatch(/done/)
    const { stdout: images } = await run('ctr', ['-a', CTR_SOCK, '-n', CTR_NS, 'images', 'ls', '-q'])
    expect(images).toContain(`${registry}/k8s/busybox:1`)
    expect(images).toContain('docker.io/k8s/busybox:1')
    expect(await snapshotDir(node)).toEqual(after) // the pulls and the 60 s loop add nothing

    await run('docker', ['stop', '-t', '20', name])
    const state = JSON.parse((await run('docker', ['inspect', name])).stdout) as {
      State: { ExitCode: number }
    }[]
    expect(state[0]?.State.ExitCode).toBe(0)
    expect(await logs(name)).toContain(`removed /etc/containerd/certs.d/${registry}`)
    expect(await snapshotDir(node)).toEqual(before)
  }, 300_000)

  it('the uninstall manifest removes what a killed pod left, and only that (an admin file in our folder stays)', async (t) => {
    if (!available) return t.skip()
    const reg = parseRegistryAddress(registry)
    const files = buildK8sFiles({ ca: parseTrustCa(caPem), registries: [reg], mirror: reg })
    const ds = daemonSetOf(files, '20-daemonset.yaml')
    const node = join(work, 'node2')
    const cm = join(work, 'cm2')
    await fs.mkdir(cm)
    const before = await nodeWithForeignFiles(node, CONFIG_TOML_V2)
    await projectConfigMap(files, ds, cm)
    const name = `rw-k8s-node-${id}-2`
    await runContainer(ds, { hostPath: node, configMap: cm }, name)
    await waitForLog(name, 'registry-wizard: ready')
    // The node went away: no SIGTERM, no cleanup. An admin meanwhile added a client certificate to our folder.
    await run('docker', ['kill', '-s', 'KILL', name])
    await fs.writeFile(join(node, `certs.d/${registry}/client.cert`), 'admin client cert\n')
    expect(Object.keys(await snapshotDir(node))).toContain('certs.d/docker.io/hosts.toml')

    const un = daemonSetOf(files, 'uninstall/uninstall.yaml')
    expect(un.spec?.template.spec?.containers[0]?.command?.at(-1)).toBe('uninstall')
    const unName = `rw-k8s-uninstall-${id}`
    await runContainer(un, { hostPath: node }, unName)
    const log = await waitForLog(unName, 'registry-wizard: done')
    expect(log).toContain(`kept the folder`)
    const left = await snapshotDir(node)
    expect(Object.keys(left).sort()).toEqual(
      [...Object.keys(before), `certs.d/${registry}/`, `certs.d/${registry}/client.cert`].sort(),
    )
    for (const k of Object.keys(before)) expect(left[k], k).toBe(before[k])
    await expect(fs.access(join(node, 'certs.d/docker.io'))).rejects.toThrow()
    const t0 = Date.now()
    await run('docker', ['stop', '-t', '20', unName])
    expect(Date.now() - t0).toBeLessThan(10_000) // it honours SIGTERM at once
  }, 300_000)

  it('says clearly when config_path is not set or config.toml is missing, and leaves a folder it did not write alone', async (t) => {
    if (!available) return t.skip()
    const reg = parseRegistryAddress(registry)
    const files = buildK8sFiles({ ca: parseTrustCa(caPem), registries: [reg], mirror: reg })
    const ds = daemonSetOf(files, '20-daemonset.yaml')
    const cases = [
      {
        dir: 'node3',
        config: 'version = 2\n',
        expect: 'WARNING: /etc/containerd/config.toml does not set config_path',
      },
      { dir: 'node4', config: undefined, expect: 'WARNING: /etc/containerd/config.toml does not exist' },
    ]
    for (const [i, c] of cases.entries()) {
      const node = join(work, c.dir)
      const cm = join(work, `cm-${c.dir}`)
      await fs.mkdir(cm)
      await nodeWithForeignFiles(node, c.config)
      // Someone else's Docker Hub mirror config: not ours, never overwritten nor removed.
      await fs.mkdir(join(node, 'certs.d/docker.io'))
      await fs.writeFile(
        join(node, 'certs.d/docker.io/hosts.toml'),
        'server = "https://registry-1.docker.io"\n',
      )
      const before = await snapshotDir(node)
      await projectConfigMap(files, ds, cm)
      const name = `rw-k8s-node-${id}-w${i}`
      await runContainer(ds, { hostPath: node, configMap: cm }, name)
      const log = await waitForLog(name, 'registry-wizard: ready')
      expect(log).toContain(c.expect)
      expect(log).toContain('restart containerd once')
      expect(log).toContain('WARNING: left /etc/containerd/certs.d/docker.io alone')
      expect(await fs.readFile(join(node, 'certs.d/docker.io/hosts.toml'), 'utf8')).toBe(
        'server = "https://registry-1.docker.io"\n',
      )
      await run('docker', ['stop', '-t', '20', name])
      expect(await snapshotDir(node)).toEqual(before)
    }
  }, 300_000)
})
