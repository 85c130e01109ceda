// Node module hooks: Vite's `?raw` import suffix (`import text from './install.sh?raw'`, see
// main/bundle/templates/raw.d.ts) becomes a module whose default export is the file's text, as Vite builds it.
// Registered by raw-loader.mjs.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const RAW = '?raw'

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith(RAW)) return nextResolve(specifier, context)
  const target = await nextResolve(specifier.slice(0, -RAW.length), context)
  return { url: `${target.url.split('?')[0]}${RAW}`, format: 'module', shortCircuit: true }
}

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.endsWith(RAW)) return nextLoad(url, context)
  const text = await readFile(fileURLToPath(url.slice(0, -RAW.length)), 'utf8')
  return { format: 'module', source: `export default ${JSON.stringify(text)}\n`, shortCircuit: true }
}
