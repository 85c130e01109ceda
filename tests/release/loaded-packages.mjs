// Preload for tests/release/cli-startup.test.ts: at exit, writes every CommonJS module this process loaded (npm
// packages are CommonJS; an ESM import of one goes through require.cache too) to the file named by RW_LOADED_OUT.
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const cache = createRequire(import.meta.url).cache
process.on('exit', () => writeFileSync(process.env.RW_LOADED_OUT, Object.keys(cache).join('\n')))
