import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { schemas } from '../ipc/schemas'
import { SettingsStore } from './settings-store'

const dirs: string[] = []
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'rw-settings-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('SettingsStore', () => {
  it('starts empty, persists plan and language in a 0600 JSON file', async () => {
    const dir = tmp()
    const store = new SettingsStore(dir)
    expect(await store.read()).toEqual({ knownCas: [], knownCerts: [] })
    await store.savePlan({ addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } })
    await store.setLanguage('zh-CN')
    const again = await new SettingsStore(dir).read()
    expect(again.plan?.addresses).toEqual(['192.168.20.10'])
    expect(again.language).toBe('zh-CN')
    expect(statSync(store.file).mode & 0o777).toBe(0o600)
  })

  it('remembers a CA once per folder, newest first', async () => {
    const store = new SettingsStore(tmp())
    const ca = { dir: '/a', subject: 'CN=A', fingerprintSha256: 'AA', notAfter: '2030-01-01T00:00:00.000Z' }
    await store.rememberCa(ca)
    await store.rememberCa({ ...ca, dir: '/b' })
    const s = await store.rememberCa(ca)
    expect(s.knownCas.map((c) => c.dir)).toEqual(['/a', '/b'])
    expect(readFileSync(store.file, 'utf8')).not.toMatch(/PRIVATE KEY/)
  })

  it('sets a damaged file aside and starts from defaults', async () => {
    const dir = tmp()
    writeFileSync(join(dir, 'settings.json'), '{not json')
    expect(await new SettingsStore(dir).read()).toEqual({ knownCas: [], knownCerts: [] })
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.damaged-'))).toBe(true)
  })

  it('loads a saved plan exactly as the IPC would take it: refused plans dropped, the rest of the file kept', async () => {
    const ca = { dir: '/a', subject: 'CN=A', fingerprintSha256: 'AA', notAfter: '2030-01-01T00:00:00.000Z' }
    const plans: unknown[] = [
      { addresses: [' 10.0.0.1 ', 'registry.lan'], port: 5000, docker: { kind: 'local' } },
      { addresses: ['10.0.0.1'], port: 5000, docker: { kind: 'tcp', url: 'tcp://h:2376', insecure: true } },
      { addresses: ['10.0.0.1'], port: 70000, docker: { kind: 'local' } },
      { addresses: [], port: 5000, docker: { kind: 'local' } },
      { addresses: ['10.0.0.1'], port: 5000, docker: { kind: 'ssh', url: 'http://h' } },
      { addresses: ['10.0.0.1'], port: 5000, docker: { kind: 'local' }, extra: true },
      { addresses: ['10.0.0.1'], port: 5000, docker: { kind: 'podman' } },
    ]
    const verdicts: boolean[] = []
    for (const plan of plans) {
      const dir = tmp()
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'zh-CN', plan, knownCas: [ca] }))
      const read = await new SettingsStore(dir).read()
      const ipc = schemas.savePlan.safeParse(plan)
      expect(read.plan).toEqual(ipc.success ? ipc.data : undefined)
      expect(read).toMatchObject({ language: 'zh-CN', knownCas: [ca] })
      expect(readdirSync(dir)).toEqual(['settings.json'])
      verdicts.push(ipc.success)
    }
    expect(verdicts).toEqual([true, true, false, false, false, false, false])
    const dir = tmp()
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ plan: plans[0] }))
    expect((await new SettingsStore(dir).read()).plan?.addresses).toEqual(['10.0.0.1', 'registry.lan'])
  })
})
