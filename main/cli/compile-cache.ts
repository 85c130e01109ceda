// A V8 code cache for the CLI's own chunks (out/cli): every command otherwise compiles ~1.5 MB of JavaScript again
// at each start (measured: ~65 ms of `wrapSafe` in a `setup --dry-run`, more in lazily compiled functions). Node 22
// has this built in (module.enableCompileCache), which is used when present; on Node 20 the CommonJS loader's
// _compile is wrapped for files under the CLI's folder only (packages in node_modules load as before).
//
// The cache lives in the user's cache folder (XDG_CACHE_HOME or ~/.cache; %LOCALAPPDATA% on Windows), one file per
// chunk named by its path, size, mtime, the Node version and the architecture; V8 itself rejects data that does not
// match the source or its flags, and a rejected or missing entry is written again at exit (atomically: a temp file
// renamed). Any error (a read-only home, a full disk) only means no cache. RW_COMPILE_CACHE=off turns it off;
// RW_COMPILE_CACHE=DIR puts it elsewhere. It holds compiled code of our own files: no user data, no keys.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import Module from 'node:module'
import { homedir } from 'node:os'
import { basename, dirname, join, sep } from 'node:path'
import { Script } from 'node:vm'

interface LoaderModule {
  exports: unknown
  require: (id: string) => unknown
  _compile: (content: string, filename: string) => unknown
}

interface ModuleStatics {
  prototype: LoaderModule
  wrap: (content: string) => string
  _resolveFilename: (request: string, parent: LoaderModule, isMain: boolean, options?: unknown) => string
  _cache: unknown
  enableCompileCache?: (dir: string) => unknown
}

/** Where the cache goes, or undefined when it is turned off. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const asked = env.RW_COMPILE_CACHE
  if (asked === 'off' || asked === '0') return undefined
  if (asked !== undefined && asked !== '') return asked
  const base =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
      : (env.XDG_CACHE_HOME ?? join(homedir(), '.cache'))
  return join(base, 'registry-wizard', 'compile-cache')
}

/** FNV-1a, twice (64 bits): names a cache file (a collision only costs a rejected entry; node:crypto stays unloaded). */
function fnv64(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c ^ (a & 0xff), 0x01000193) >>> 0
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}

/** The cache file of one chunk: changes with the file, the Node version and the architecture. */
function entryFile(dir: string, filename: string): string {
  const { size, mtimeMs } = statSync(filename)
  const key = [filename, size, mtimeMs, process.version, process.arch].join('\0')
  return join(dir, `${basename(filename, '.js')}-${fnv64(key)}.bin`)
}

function readEntry(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/** `require` for a module compiled here, as the loader would make it (our chunks use require and resolve only). */
function requireFor(M: ModuleStatics, mod: LoaderModule): NodeJS.Require {
  const req = Object.assign((id: string) => mod.require(id), {
    resolve: (request: string, options?: unknown) => M._resolveFilename(request, mod, false, options),
    main: require.main,
    cache: M._cache,
  })
  return req as unknown as NodeJS.Require
}

/** Writes the entries compiled without usable data, once the run has compiled what it needed (at exit). */
function writeAtExit(dir: string, pending: { file: string; script: Script }[]): void {
  process.once('exit', () => {
    if (pending.length === 0) return
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      for (const { file, script } of pending) {
        const tmp = `${file}.${process.pid}.tmp`
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 })
        renameSync(tmp, file)
      }
    } catch {
      // No cache this time: the next run compiles again.
    }
  })
}

/** Installs the cache for the JavaScript files under `root` (the CLI's folder). */
export function installCompileCache(root: string, dir: string | undefined = compileCacheDir()): void {
  if (dir === undefined) return
  const M = Module as unknown as ModuleStatics
  if (typeof M.enableCompileCache === 'function') {
    M.enableCompileCache(dir)
    return
  }
  const prefix = root.endsWith(sep) ? root : root + sep
  const original = M.prototype._compile
  const pending: { file: string; script: Script }[] = []
  writeAtExit(dir, pending)
  M.prototype._compile = function compile(this: LoaderModule, content: string, filename: string) {
    if (!filename.startsWith(prefix) || !filename.endsWith('.js'))
      return original.call(this, content, filename)
    const file = entryFile(dir, filename)
    const cachedData = readEntry(file)
    // A hashbang is only valid at the very start of a script, not inside the wrapper.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content
    const script = new Script(M.wrap(source), { filename, cachedData })
    if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ file, script })
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown
    return fn.call(this.exports, this.exports, requireFor(M, this), this, filename, dirname(filename))
  }
}
