// The Trust step's Kubernetes channels through the real preload API and IPC handlers (tests/support/ipc-harness.ts):
// the page gets a pick id from main's folder dialog and names the folder only by it; main writes the manifests into a
// sub-folder of it. Unknown ids, a path sent instead of an id and bad fields are refused before anything is written.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { snapshotDir } from '../support/fs-snapshot'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import { tempDir } from '../support/rw-reg-fixtures'
import { makeTestCa } from '../trust/fixtures'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

let root: { path: string; cleanup: () => Promise<void> }
let ipc: IpcHarness
let chosen: string | null
let caCertPath: string

beforeAll(async () => {
  root = await tempDir('rw-k8s-ipc-')
  caCertPath = join(root.path, 'ca.crt')
  await fs.writeFile(caCertPath, (await makeTestCa('K8s IPC Test CA')).certPem)
  ipc = startIpc({
    dir: root.path,
    deps: {
      dialogs: { chooseFolder: () => Promise.resolve(chosen), chooseFile: () => Promise.resolve(null) },
    },
  })
})
afterAll(async () => {
  ipc.close()
  await root.cleanup()
})

const pick = () => ipc.fromApp(() => ipc.api.pickK8sFolder())
const writeWith = (req: Record<string, unknown>) =>
  ipc.fromApp(() =>
    ipc.api.writeK8sManifests({ caCertPath, host: '192.168.20.10', port: 5000, ...req } as never),
  )

describe('pickK8sFolder / writeK8sManifests', () => {
  it('writes into a sub-folder of the picked folder, with the login as a pull secret; a second write needs force', async () => {
    chosen = join(root.path, 'clusters')
    await fs.mkdir(chosen)
    const picked = await pick()
    if (!picked.ok || picked.value.picked === null) throw new Error(JSON.stringify(picked))
    const folderId = picked.value.picked.id
    expect(folderId).toMatch(/^k8s-[0-9a-f]{16}$/)
    const req = { folderId, mirror: '192.168.20.10:5001', login: { user: 'alice', password: 'pw-ipc-1' } }
    const r = await writeWith(req)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const dir = join(chosen, 'kubernetes-192.168.20.10_5000')
    expect(r.value).toMatchObject({ dir, namespace: 'registry-wizard' })
    expect(r.value.files).toContain('pull-secret/registry-wizard-pull.yaml')
    const ds = parseAllDocuments(await fs.readFile(join(dir, '20-daemonset.yaml'), 'utf8'))[0]?.toJS() as {
      kind: string
    }
    expect(ds.kind).toBe('DaemonSet')
    const before = await snapshotDir(dir)
    const again = await writeWith(req)
    expect(again).toMatchObject({ ok: false, error: { code: 'K8S_OUT_EXISTS', field: 'folderId' } })
    expect(await snapshotDir(dir)).toEqual(before)
    expect(await writeWith({ ...req, force: true })).toMatchObject({ ok: true })
  })

  it('refuses an unknown id, a path in place of an id, and a bad namespace; nothing is written', async () => {
    chosen = join(root.path, 'other')
    await fs.mkdir(chosen)
    const picked = await pick()
    if (!picked.ok || picked.value.picked === null) throw new Error(JSON.stringify(picked))
    expect(await writeWith({ folderId: 'k8s-0000000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'K8S_FOLDER_UNKNOWN', field: 'folderId' },
    })
    expect(await writeWith({ folderId: chosen })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await writeWith({ folderId: picked.value.picked.id, namespace: 'Bad_NS' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'namespace' },
    })
    expect(await writeWith({ folderId: picked.value.picked.id, outDir: '/etc' })).toMatchObject({ ok: false })
    expect(await fs.readdir(chosen)).toEqual([])
    chosen = null
    expect(await pick()).toMatchObject({ ok: true, value: { picked: null } })
  })
})
