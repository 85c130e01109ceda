import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ErrorInfo, Result } from '../../main/ipc/contract'
import { createTranslator, en, errorTexts, type Lang } from '../../main/messages/index'
import { describeViolations, seriousAxeViolations } from './axe'
import { startWizard, type Wizard } from './harness'

vi.mock('electron', () => import('../support/electron-stand-in/index'))

/**
 * The wizard by keyboard only, in Chromium with the real preload and handlers (tests/e2e/harness.ts): every control a
 * step needs is reached with Tab / Shift+Tab and worked with Enter, Space and the arrow keys (no click, no fill), and
 * axe-core finds no serious or critical violation on each screen. Then failing steps in zh-CN: the error the core
 * raised is shown in Chinese at its control, with no English word from that code's English texts.
 */
const CONTAINER = 'rw-keyboard-e2e-registry'

let wizard: Wizard
let page: Page

/** Is this element the page's focused element? */
const isFocused = (loc: Locator): Promise<boolean> =>
  loc.evaluate(
    (el: unknown) =>
      el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  )

/** Presses Tab (or Shift+Tab) until `loc` has the focus; fails if it is not reached within `max` presses. */
async function tabTo(loc: Locator, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const key = opts.back ? 'Shift+Tab' : 'Tab'
  await loc.waitFor({ timeout: 20_000 })
  for (let i = 0; i < (opts.max ?? 80); i++) {
    if (await isFocused(loc)) return
    await page.keyboard.press(key)
  }
  throw new Error(`${String(loc)} was not reached with ${key}`)
}

/** Replaces a focused text field's value by typing. */
async function retype(text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.type(text)
}

async function expectNoSeriousAxe(where: string): Promise<void> {
  const violations = await seriousAxeViolations(page)
  expect(violations, `${where}: axe-core\n${describeViolations(violations)}`).toEqual([])
}

const button = (name: string | RegExp): Locator => page.getByRole('button', { name, exact: true })
const nav = (name: string): Locator => page.getByRole('navigation').getByRole('button', { name, exact: true })
const heading = (name: string): Locator => page.getByRole('heading', { level: 1, name })

/** The words (4+ letters) of a code's English texts as the GUI shows them, without the parameters' own words. */
function englishWords(error: ErrorInfo, label: string): string[] {
  const shown = errorTexts(createTranslator('en'), error, 'gui', () => label)
  const params = JSON.stringify(error.params ?? {}) + label
  const words = `${shown.message} ${shown.hint ?? ''}`.match(/[A-Za-z]{4,}/g) ?? []
  return [...new Set(words)].filter((w) => !params.includes(w))
}

/** The last response of the IPC channel that failed (the bridge records every response the page received). */
function lastFailure(): ErrorInfo {
  const failures = wizard.seen.filter((r): r is Extract<Result<unknown>, { ok: false }> => {
    return typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false
  })
  const last = failures.at(-1)
  if (!last) throw new Error('no failed IPC response was seen')
  return last.error
}

/** Checks the error shown at `control` is the code's text in `lang`, and holds no English word of its en texts. */
async function expectShownIn(lang: Lang, control: string, label: string): Promise<ErrorInfo> {
  const error = lastFailure()
  const shown = await page.locator(`#${control}-error`).innerText()
  const expected = errorTexts(createTranslator(lang), error, 'gui', () => label)
  expect(shown).toContain(expected.message)
  if (expected.hint) expect(shown).toContain(expected.hint)
  // The code has catalogue texts, and English words to look for (so the check below can fail).
  expect(en.error).toHaveProperty(error.code)
  expect(englishWords(error, label).length).toBeGreaterThan(3)
  const english = englishWords(error, label).filter((w) => shown.includes(w))
  expect(english, `${error.code} in ${lang}: ${shown}`).toEqual([])
  return error
}

describe('the wizard by keyboard only, and failing steps in zh-CN', () => {
  beforeAll(async () => {
    wizard = await startWizard(CONTAINER)
    page = wizard.page
  })

  afterAll(async () => {
    await (wizard as Wizard | undefined)?.close()
  })

  it('Home -> Plan: Tab, Enter and the arrow keys reach and work every control the plan needs', async () => {
    await expectNoSeriousAxe('en home')
    await tabTo(button('Start setup'))
    await page.keyboard.press('Enter')
    await heading('Plan').waitFor()
    // The new screen's heading takes the focus, so the next Tab goes into that screen.
    expect(await isFocused(heading('Plan'))).toBe(true)
    await tabTo(page.getByLabel('IP address or DNS name'))
    await page.keyboard.type('127.0.0.1')
    await page.keyboard.press('Enter')
    await page.getByRole('list', { name: 'Planned addresses' }).getByText('127.0.0.1').waitFor()
    await tabTo(page.getByLabel('Port'))
    await retype('5000')
    // The engine choice is a radio group: arrow keys move between the kinds.
    await tabTo(page.getByRole('radio', { name: /This machine/ }))
    await page.keyboard.press('ArrowDown')
    expect(await page.getByRole('radio', { name: /Over SSH/ }).isChecked()).toBe(true)
    await page.getByLabel('Engine address').waitFor()
    await page.keyboard.press('ArrowUp')
    expect(await page.getByRole('radio', { name: /This machine/ }).isChecked()).toBe(true)
    await tabTo(button('Test connection'))
    await expectNoSeriousAxe('en plan')
    await tabTo(button('Save and continue'))
    await page.keyboard.press('Enter')
    await heading('Certificates').waitFor()
  })

  it('Certificates: the CA tabs with the arrow keys, a CA and a server certificate with Enter and Space', async () => {
    const tab = (name: string): Locator => page.getByRole('tab', { name })
    await tabTo(tab('Create a new CA'))
    await page.keyboard.press('ArrowRight')
    expect(await tab('Import a CA').getAttribute('aria-selected')).toBe('true')
    await page.getByLabel('CA certificate file').waitFor()
    await page.keyboard.press('ArrowRight')
    expect(await tab('Use an existing CA folder').getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Home')
    expect(await tab('Create a new CA').getAttribute('aria-selected')).toBe('true')
    await expectNoSeriousAxe('en certificates (no CA)')
    await tabTo(page.getByLabel('CA name'))
    await retype('Keyboard Test CA')
    const keyType = page.getByLabel('Key type', { exact: true })
    await tabTo(keyType)
    await page.keyboard.press('ArrowDown')
    expect(await keyType.inputValue()).toBe('rsa-2048')
    await tabTo(button('Create CA'))
    await page.keyboard.press('Enter')
    await page.getByTestId('ca-card').waitFor({ timeout: 60_000 })
    await tabTo(button('Issue server certificate'))
    await page.keyboard.press('Space')
    await page.getByTestId('server-card').waitFor({ timeout: 60_000 })
    await expectNoSeriousAxe('en certificates (issued)')
    await tabTo(button('Next'))
    await page.keyboard.press('Enter')
    await heading('Registry').waitFor()
  })

  it('Registry, Client trust, Verify and Home: each action is reached by Tab and works with Enter or Space', async () => {
    await tabTo(button('Run preflight checks'))
    await page.keyboard.press('Enter')
    await page.locator('.check-row').first().waitFor({ timeout: 30_000 })
    for (const name of ['Add', 'Start the registry']) await tabTo(button(name))
    await expectNoSeriousAxe('en registry')

    await tabTo(nav('Client trust'), { back: true })
    await page.keyboard.press('Enter')
    await heading('Client trust').waitFor()
    await tabTo(button('Show the changes'))
    await page.keyboard.press('Enter')
    await page.locator('.changes li').first().waitFor({ timeout: 30_000 })
    // Export stays disabled (so out of the Tab order) until a folder is given.
    await tabTo(page.getByLabel('Export to folder or USB drive'))
    await retype(join(wizard.work, 'bundle'))
    await tabTo(button('Export trust bundle'))
    await page.keyboard.press('Enter')
    await page.getByText(/Bundle written to/).waitFor({ timeout: 60_000 })
    await expectNoSeriousAxe('en trust')

    await tabTo(nav('Verify'), { back: true })
    await page.keyboard.press('Enter')
    await heading('Verify').waitFor()
    const roundTrip = page.getByRole('checkbox', { name: 'Include a real push and pull through Docker' })
    await tabTo(roundTrip)
    const before = await roundTrip.isChecked()
    await page.keyboard.press('Space')
    expect(await roundTrip.isChecked()).toBe(!before)
    await tabTo(button('Run verification'))
    await expectNoSeriousAxe('en verify')

    await tabTo(nav('Home'), { back: true })
    await page.keyboard.press('Enter')
    await heading('Home').waitFor()
    const cas = page.getByRole('table', { name: 'Certificate authorities' })
    await tabTo(cas.getByRole('button', { name: /Name/ }))
    await page.keyboard.press('Enter')
    expect(await cas.locator('th[aria-sort="ascending"]').count()).toBe(1)
    await tabTo(cas.getByRole('button', { name: 'Use Keyboard Test CA' }))
    await page.keyboard.press('Enter')
    await heading('Certificates').waitFor()
    await page.getByTestId('ca-card').waitFor()
  })

  it('in zh-CN: opening a folder with no CA shows the core error in Chinese at the folder field, focus on it', async () => {
    await tabTo(page.getByLabel('Language'), { back: true })
    await page.keyboard.press('ArrowDown')
    await heading('证书').waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await expectNoSeriousAxe('zh-CN certificates')
    await tabTo(button('使用其他 CA'))
    await page.keyboard.press('Enter')
    await tabTo(page.getByRole('tab', { name: '新建 CA' }))
    await page.keyboard.press('End')
    const dir = page.getByRole('textbox', { name: 'CA 文件夹', exact: true })
    await tabTo(dir)
    const missing = join(wizard.work, 'no-ca-here')
    await retype(missing)
    await page.keyboard.press('Enter')
    await page.locator('#open-dir-error').waitFor({ timeout: 20_000 })
    expect(await isFocused(dir)).toBe(true)
    const error = await expectShownIn('zh-CN', 'open-dir', 'CA 文件夹')
    expect(error.field).toBe('dir')
    await expectNoSeriousAxe('zh-CN certificates (open failed)')
    expect(existsSync(missing)).toBe(false)
  })

  it('in zh-CN: creating a CA where one exists is refused in Chinese, with the offer to use that CA', async () => {
    await tabTo(page.getByRole('tab', { name: '使用已有的 CA 文件夹' }), { back: true })
    await page.keyboard.press('Home')
    const dir = page.getByRole('textbox', { name: 'CA 文件夹', exact: true })
    await tabTo(dir)
    await retype(join(wizard.work, 'Registry Wizard/ca'))
    await tabTo(button('创建 CA'))
    await page.keyboard.press('Enter')
    await page.getByRole('alert').first().waitFor({ timeout: 60_000 })
    const error = lastFailure()
    const shown = await page.getByRole('alert').first().innerText()
    expect(shown).toContain(errorTexts(createTranslator('zh-CN'), error, 'gui', () => 'CA 文件夹').message)
    expect(en.error).toHaveProperty(error.code)
    expect(englishWords(error, 'CA folder').length).toBeGreaterThan(3)
    expect(englishWords(error, 'CA folder').filter((w) => shown.includes(w))).toEqual([])
    await expectNoSeriousAxe('zh-CN certificates (create failed)')
    await tabTo(button('使用此文件夹中已有的 CA'))
    await page.keyboard.press('Enter')
    await page.getByTestId('ca-card').waitFor({ timeout: 20_000 })
  })
})
