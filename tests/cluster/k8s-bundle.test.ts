// The trust bundle's kubernetes/ folder: the same manifests as `k8s manifests` (validated objects), listed in
// SHA256SUMS, with no login in it, the README's section in both languages, and both CAs during a renewal overlap.
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet'
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { Namespace } from 'kubernetes-models/v1/Namespace'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { exportBundle } from '../../main/bundle/export-bundle'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { parseRegistryAddress } from '../../main/trust/registry-address'
import { makeTmpDir } from '../support/fs-snapshot'
import { makeTestCa } from '../trust/fixtures'

const MODELS = { Namespace, ConfigMap, DaemonSet } as const
let work: string

beforeAll(() => {
  work = makeTmpDir('rw-k8s-bundle-')
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

describe('bundle export: kubernetes/', () => {
  it('holds the validated manifests and registries.yaml, checked by SHA256SUMS, README in zh-CN and en', async () => {
    const ca = parseTrustCa((await makeTestCa('K8s Bundle CA')).certPem)
    const previous = parseTrustCa((await makeTestCa('K8s Bundle Old CA')).certPem)
    const b = await exportBundle({
      ca,
      previousCa: previous,
      registries: [parseRegistryAddress('192.168.20.10:5000')],
      mirror: parseRegistryAddress('192.168.20.10:5001'),
      outDir: work,
    })
    const k = join(b.dir, 'kubernetes')
    for (const f of [
      '00-namespace.yaml',
      '10-configmap.yaml',
      '20-daemonset.yaml',
      'uninstall/uninstall.yaml',
    ])
      for (const doc of parseAllDocuments(await fs.readFile(join(k, f), 'utf8'))) {
        const o = doc.toJS() as { kind: keyof typeof MODELS }
        expect(() => new MODELS[o.kind](o as never).validate(), f).not.toThrow()
      }
    await expect(fs.access(join(k, 'pull-secret'))).rejects.toThrow()
    const cm = parse(await fs.readFile(join(k, '10-configmap.yaml'), 'utf8')) as {
      data: Record<string, string>
    }
    expect(cm.data['ca.crt']).toBe(ca.pem + previous.pem)
    const k3s = parse(await fs.readFile(join(k, 'k3s/registries.yaml'), 'utf8')) as {
      mirrors: Record<string, { endpoint: string[] }>
      configs: Record<string, Record<string, unknown>>
    }
    expect(k3s.mirrors['docker.io']?.endpoint).toEqual(['https://192.168.20.10:5001'])
    expect(Object.values(k3s.configs).some((c) => 'auth' in c)).toBe(false)
    const sums = await fs.readFile(join(b.dir, 'SHA256SUMS'), 'utf8')
    expect(sums).toContain('  kubernetes/20-daemonset.yaml\n')
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: b.dir, encoding: 'utf8' })).not.toMatch(
      /FAILED/,
    )
    const readme = await fs.readFile(join(b.dir, 'README.md'), 'utf8')
    expect(readme).toContain('## 6. Kubernetes / k3s / RKE2（`kubernetes/` 文件夹）')
    expect(readme).toContain('## 6. Kubernetes / k3s / RKE2 (the `kubernetes/` folder)')
    expect(readme).toContain('kubectl apply -f kubernetes/')
    expect(readme).toContain('ctr -n k8s.io images import busybox.tar')
  })
})
