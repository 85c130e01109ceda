import { readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type { RegistryWizardApi } from '../../../main/ipc/contract'
import * as standIn from './index'

export const BUILT_PRELOAD = resolve(__dirname, '../../../out/preload/index.cjs')

/**
 * Runs the BUILT preload (out/preload/index.cjs, exactly what Electron loads) with `require('electron')` answered
 * by the stand-in, and returns the API it exposed through contextBridge.
 */
export function loadBuiltPreload(file = BUILT_PRELOAD): RegistryWizardApi {
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npx electron-vite build\` first (npm test does)`)
  const code = readFileSync(file, 'utf8')
  const realRequire = createRequire(file)
  const module = { exports: {} as unknown }
  const requireShim = (id: string): unknown => (id === 'electron' ? standIn : realRequire(id))
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- loading a CommonJS bundle with a custom require
  const run = new Function('require', 'module', 'exports', '__filename', '__dirname', code) as (
    ...a: unknown[]
  ) => void
  run(requireShim, module, module.exports, file, resolve(file, '..'))
  const api = standIn.exposed('registryWizard')
  if (!api) throw new Error('the preload did not expose window.registryWizard')
  return api as RegistryWizardApi
}
