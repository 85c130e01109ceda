// File > Open Plan / Save Plan through the real preload API and IPC handlers (tests/support/ipc-harness.ts): main
// shows the dialog and keeps the path, the page gets an id; saving with it writes the same file (its other keys and
// comments kept), the written file is a plan `setup --plan` reads.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadPlanFile } from '../../main/plan/load'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import { tempDir } from '../support/rw-reg-fixtures'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

const HAND_WRITTEN = `version: 1
# Site B: the registry in the server room.
registry: { addresses: [192.168.20.10, hub.example.lan], port: 5000, name: registry, data: ./storage }
engine: { host: local }
ca: { dir: ./ca, create: { cn: Example Registry CA, keyType: ecdsa-p256 } }   # kept in the vault
certificate: { dir: ./certs }
trust: { targets: [docker, os], root: / }
bundle: { out: ./bundle }
verify: { push: true }
`

let root: { path: string; cleanup: () => Promise<void> }
let ipc: IpcHarness
let openPath: string | null
let savePath: string | null

beforeAll(async () => {
  root = await tempDir('rw-plan-ipc-')
  ipc = startIpc({
    dir: root.path,
    deps: {
      planDialogs: { openPlan: () => Promise.resolve(openPath), savePlan: () => Promise.resolve(savePath) },
    },
  })
})
afterAll(async () => {
  ipc.close()
  await root.cleanup()
})

const open = () => ipc.fromApp(() => ipc.api.openPlanFile())
const save = (req: Parameters<IpcHarness['api']['savePlanFile']>[0]) =>
  ipc.fromApp(() => ipc.api.savePlanFile(req))

describe('openPlanFile / savePlanFile', () => {
  it('opens a hand-written plan: the Plan step part, an id, and the keys it also holds', async () => {
    openPath = join(root.path, 'site-b.yaml')
    await fs.writeFile(openPath, HAND_WRITTEN)
    const r = await open()
    if (!r.ok || r.value.file === null) throw new Error(JSON.stringify(r))
    expect(r.value.file.id).toMatch(/^plan-[0-9a-f]{16}$/)
    expect(r.value.file.path).toBe(openPath)
    expect(r.value.file.plan).toEqual({
      addresses: ['192.168.20.10', 'hub.example.lan'],
      port: 5000,
      docker: { kind: 'local' },
    })
    expect(r.value.file.sections).toEqual(['ca', 'certificate', 'trust', 'bundle', 'verify'])
  })

  it('saves to the same file by id: addresses and port changed, every other key and the comments kept', async () => {
    openPath = join(root.path, 'site-b.yaml')
    const opened = await open()
    if (!opened.ok || opened.value.file === null) throw new Error(JSON.stringify(opened))
    savePath = null // the dialog must not be asked
    const plan = { addresses: ['192.168.20.11'], port: 5443, docker: { kind: 'local' as const } }
    const r = await save({ id: opened.value.file.id, plan })
    if (!r.ok || r.value.file === null) throw new Error(JSON.stringify(r))
    expect(r.value.file).toEqual({ id: opened.value.file.id, path: openPath })
    const text = await fs.readFile(openPath, 'utf8')
    expect(text).toContain('# Site B: the registry in the server room.')
    expect(text).toContain('# kept in the vault')
    const back = await loadPlanFile(openPath)
    expect(back.plan.registry).toEqual({
      addresses: ['192.168.20.11'],
      port: 5443,
      name: 'registry',
      data: './storage',
    })
    expect(back.plan.ca).toEqual({
      dir: './ca',
      create: { cn: 'Example Registry CA', keyType: 'ecdsa-p256' },
    })
    expect(back.plan.trust).toEqual({ targets: ['docker', 'os'], root: '/' })
    expect(back.plan.verify).toEqual({ push: true })
    // No temp file left beside it (the write is a rename).
    expect((await fs.readdir(root.path)).filter((f) => f.startsWith('site-b'))).toEqual(['site-b.yaml'])
  })

  it('saves a new file where the dialog says: a plan setup reads, with a CA and certificate folder beside it', async () => {
    savePath = join(root.path, 'new-site.yaml')
    const plan = {
      addresses: ['10.0.0.7'],
      port: 5000,
      docker: { kind: 'tcp' as const, url: 'tcp://10.0.0.2:2376', tlsDir: join(root.path, 'engine-tls') },
    }
    const r = await save({ plan })
    if (!r.ok || r.value.file === null) throw new Error(JSON.stringify(r))
    expect(r.value.file.path).toBe(savePath)
    const back = await loadPlanFile(savePath)
    expect(back.plan.version).toBe(1)
    expect(back.plan.engine).toEqual({
      host: 'tcp://10.0.0.2:2376',
      tls: { ca: 'engine-tls/ca.pem', cert: 'engine-tls/cert.pem', key: 'engine-tls/key.pem' },
    })
    expect(back.plan.ca.create?.keyType).toBe('ecdsa-p256')
    // Opened again, the engine reads back as the GUI gave it.
    openPath = savePath
    const reopened = await open()
    if (!reopened.ok || reopened.value.file === null) throw new Error(JSON.stringify(reopened))
    expect(reopened.value.file.plan).toEqual(plan)
  })

  it('a cancelled dialog changes nothing', async () => {
    openPath = null
    savePath = null
    expect(await open()).toEqual({ ok: true, value: { file: null } })
    const plan = { addresses: ['10.0.0.7'], port: 5000, docker: { kind: 'local' as const } }
    expect(await save({ plan })).toEqual({ ok: true, value: { file: null } })
  })

  it('a plan with a mistake is refused naming the key and the line, in the GUI words', async () => {
    openPath = join(root.path, 'bad.yaml')
    await fs.writeFile(openPath, HAND_WRITTEN.replace('port: 5000', 'port: 70000'))
    const r = await open()
    if (r.ok) throw new Error('accepted')
    expect(r.error.code).toBe('PLAN_INVALID')
    expect(r.error.message).toContain(':3: registry.port: must be a port from 1 to 65535')
  })

  it('an id main never gave, or a path instead of an id, is refused and nothing is written', async () => {
    const plan = { addresses: ['10.0.0.7'], port: 5000, docker: { kind: 'local' as const } }
    const before = await fs.readdir(root.path)
    const unknown = await save({ id: 'plan-0000000000000000', plan })
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('PLAN_FILE_UNKNOWN')
    const asPath = await save({ id: join(root.path, 'evil.yaml'), plan })
    expect(asPath.ok ? 'ok' : asPath.error.code).toBe('INVALID_INPUT')
    expect(await fs.readdir(root.path)).toEqual(before)
  })
})
