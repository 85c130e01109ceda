import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as electron from '../../tests/support/electron-stand-in/index'
import { en, zhCN, type Lang } from '../messages/index'
import { installAppMenu } from './menu'

vi.mock('electron', () => import('../../tests/support/electron-stand-in/index'))

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }
const LOGS = '/home/u/.config/Registry Wizard/logs'
const sent: unknown[] = []
const win = { webContents: { send: (...args: unknown[]) => void sent.push(args) } }
const options = (platform: NodeJS.Platform = 'linux') => ({
  getWindow: () => win as unknown as Electron.BrowserWindow,
  logDir: LOGS,
  platform,
})

const template = (): MenuItemConstructorOptions[] =>
  (electron.Menu.applicationMenu?.template ?? []) as MenuItemConstructorOptions[]
const items = (t: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  t.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])])
const labels = (): string[] =>
  items(template()).flatMap((i) => (i.type === 'separator' ? [] : [i.label ?? '']))
const byLabel = (label: string): MenuItemConstructorOptions => {
  const found = items(template()).find((i) => i.label === label)
  if (!found) throw new Error(`no menu item "${label}" in ${labels().join(' | ')}`)
  return found
}
const click = (label: string): void => (byLabel(label).click as () => void)()

/** Every text of a catalogue's `menu` namespace, with the app's name filled in as the menu does. */
function menuTexts(lang: Lang): Set<string> {
  const c = lang === 'en' ? en : zhCN
  const out = new Set<string>()
  const walk = (o: object): void => {
    for (const v of Object.values(o)) {
      if (typeof v === 'string') out.add(v.replace('{{appName}}', c.gui.app.name))
      else walk(v as object)
    }
  }
  walk(c.menu)
  return out
}

beforeEach(() => {
  electron.reset()
  sent.length = 0
})

describe('the app menu', () => {
  for (const platform of ['linux', 'darwin'] as const)
    it(`on ${platform}: every label comes from the catalogue, in Chinese for zh-CN`, () => {
      installAppMenu(options(platform), 'zh-CN')
      const zh = labels()
      expect(zh.length).toBeGreaterThan(10)
      const zhTexts = menuTexts('zh-CN')
      for (const label of zh) expect(zhTexts, label).toContain(label)
      // Only the language names read the same in both languages; every other label is Chinese.
      const english = menuTexts('en')
      for (const label of zh.filter((l) => !['English', '简体中文'].includes(l))) {
        expect(label).toMatch(/[\u4e00-\u9fff]/)
        expect(english).not.toContain(label)
      }
      expect(template().map((m) => m.label)).toEqual([
        ...(platform === 'darwin' ? ['镜像仓库向导'] : []),
        '文件',
        '编辑',
        '视图',
        '帮助',
      ])
      installAppMenu(options(platform), 'en')
      for (const label of labels()) expect(menuTexts('en'), label).toContain(label)
    })

  it('is rebuilt in the language the app switches to', () => {
    const menu = installAppMenu(options(), 'en')
    expect(template()[0]?.label).toBe('File')
    menu.setLanguage('zh-CN')
    expect(menu.lang).toBe('zh-CN')
    expect(template()[0]?.label).toBe('文件')
    expect(labels()).toContain('关于镜像仓库向导')
  })

  it('sends wizard actions to the window and opens the log folder itself', () => {
    installAppMenu(options(), 'en')
    click('Home')
    click('简体中文')
    expect(sent).toEqual([
      ['rw:event:menu:action', { action: 'home' }],
      ['rw:event:menu:action', { action: 'language-zh-CN' }],
    ])
    click('Open Log Folder')
    expect(electron.shell.opened).toEqual([LOGS])
  })
})

describe('Help > About', () => {
  it('shows the name, the version from package.json and the licence, in the menu language', async () => {
    installAppMenu(options(), 'zh-CN')
    click('关于镜像仓库向导')
    await vi.waitFor(() => expect(electron.dialog.shown).toHaveLength(1))
    const box = electron.dialog.shown[0]
    expect(box).toMatchObject({
      title: '关于镜像仓库向导',
      message: `镜像仓库向导 ${pkg.version}`,
      buttons: ['确定', '打开日志文件夹'],
      cancelId: 0,
    })
    expect(box?.['detail']).toContain('MIT')
    expect(box?.['detail']).toContain(`Node.js ${process.versions.node}`)
    expect(electron.shell.opened).toEqual([])
  })

  it('opens the log folder when the user picks that button, and nothing on OK (the app opens no web links)', async () => {
    installAppMenu(options('darwin'), 'en')
    electron.dialog.answers.push(0, 1)
    click('About Registry Wizard')
    await vi.waitFor(() => expect(electron.dialog.shown).toHaveLength(1))
    expect(electron.shell.opened).toEqual([])
    click('About Registry Wizard')
    await vi.waitFor(() => expect(electron.shell.opened).toEqual([LOGS]))
    expect(electron.dialog.shown[0]?.['message']).toBe(`Registry Wizard ${pkg.version}`)
  })
})
