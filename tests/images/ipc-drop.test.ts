// registerDroppedImagesPath through the real preload API and IPC handlers (tests/support/ipc-harness.ts): the page
// hands over a dropped File, the preload turns it into its path (webUtils; here the stand-in's map), main checks the
// path and answers with a pick id the other channels take. Paths main refuses never become picks.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { webUtils } from '../support/electron-stand-in/index'
import { startIpc, type IpcHarness } from '../support/ipc-harness'
import { tempDir } from '../support/rw-reg-fixtures'
import { tarLayout, writeOciLayout } from './import-support'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

let root: { path: string; cleanup: () => Promise<void> }
let ipc: IpcHarness

beforeAll(async () => {
  root = await tempDir('rw-imp-drop-')
  ipc = startIpc({ dir: root.path })
})
afterAll(async () => {
  ipc.close()
  await root.cleanup()
})

const drop = (name: string) => ipc.fromApp(() => ipc.api.registerDroppedImagesPath({ name }))

describe('dropping files on the Images screen', () => {
  it('a dropped archive and a dropped layout folder become picks that inspect reads', async () => {
    const layout = await writeOciLayout(join(root.path, 'layout'), 'team/app:1')
    const archive = await tarLayout(layout.dir, join(root.path, 'app.tar'))
    webUtils.paths.set('app.tar', archive)
    webUtils.paths.set('layout', layout.dir)
    for (const [name, kind] of [
      ['app.tar', 'oci-archive'],
      ['layout', 'oci-layout'],
    ] as const) {
      const r = await drop(name)
      if (!r.ok) throw new Error(JSON.stringify(r.error))
      expect(r.value.picked.id).toMatch(/^pick-[0-9a-f]{16}$/)
      expect(r.value.picked.name).toBe(name)
      const info = await ipc.fromApp(() => ipc.api.inspectImageArchive({ archiveId: r.value.picked.id }))
      expect(info).toMatchObject({ ok: true, value: { kind, images: [{ names: ['team/app:1'] }] } })
    }
  })

  it('refused: a File with no path, a missing file, a folder that is no layout, a relative path sent raw', async () => {
    const nothing = await drop('unknown.tar')
    expect(nothing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'path' } })
    webUtils.paths.set('gone.tar', join(root.path, 'gone.tar'))
    expect(await drop('gone.tar')).toMatchObject({
      ok: false,
      error: { code: 'IMAGE_DROP_UNUSABLE', params: { reason: { key: 'gui.images.dropReason.missing' } } },
    })
    await mkdir(join(root.path, 'plain'))
    await writeFile(join(root.path, 'plain/readme.txt'), 'x')
    webUtils.paths.set('plain', join(root.path, 'plain'))
    expect(await drop('plain')).toMatchObject({
      ok: false,
      error: { code: 'IMAGE_DROP_UNUSABLE', params: { reason: { key: 'gui.images.dropReason.notLayout' } } },
    })
    // A page that skips the preload's File and sends a path itself gets a path the preload cannot read: ''.
    const raw = await ipc.fromApp(() =>
      (ipc.api.registerDroppedImagesPath as unknown as (r: unknown) => Promise<unknown>)('relative/app.tar'),
    )
    expect(raw).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'path' } })
  })
})
