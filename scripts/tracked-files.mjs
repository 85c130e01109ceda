#!/usr/bin/env node
// `npm test` must leave every tracked file as it found it (no test rewrites docs/ or fixtures):
//   node scripts/tracked-files.mjs save    before the suite: records each tracked file that differs from HEAD
//   node scripts/tracked-files.mjs check   after it: exit 1 naming every tracked file the run changed
// Changes made before the run (work in progress) are allowed; only the run's own changes count. Outside a git
// checkout (a tarball) there is nothing to compare: it says so and exits 0.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const STATE = join(ROOT, 'tests/.tmp/tracked-files.json')

const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })

/** Tracked files that differ from HEAD, each with its content hash (or "deleted"). */
function snapshot() {
  const diff = git(['diff', '--name-only', '-z', 'HEAD'])
  if (diff.status !== 0) throw new Error(`git diff failed: ${diff.stderr.trim()}`)
  const state = {}
  for (const path of diff.stdout.split('\0').filter(Boolean)) {
    const full = join(ROOT, path)
    state[path] = existsSync(full) ? createHash('sha256').update(readFileSync(full)).digest('hex') : 'deleted'
  }
  return state
}

const mode = process.argv[2]
const inGit =
  git(['rev-parse', '--is-inside-work-tree']).stdout.trim() === 'true' &&
  git(['rev-parse', 'HEAD']).status === 0
if (!inGit) {
  process.stdout.write('tracked-files: not a git checkout with a commit; nothing to compare\n')
  process.exit(0)
}
if (mode === 'save') {
  mkdirSync(dirname(STATE), { recursive: true })
  writeFileSync(STATE, JSON.stringify(snapshot()))
} else if (mode === 'check') {
  if (!existsSync(STATE)) {
    process.stderr.write(
      `tracked-files: ${STATE} is missing: run \`node scripts/tracked-files.mjs save\` before the suite\n`,
    )
    process.exit(1)
  }
  const before = JSON.parse(readFileSync(STATE, 'utf8'))
  const after = snapshot()
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((p) => before[p] !== after[p])
    .sort()
  if (changed.length > 0) {
    process.stderr.write(
      `tracked-files: the test run changed ${changed.length} tracked file(s); tests must write under tests/.tmp/ ` +
        `(ignored) instead:\n${changed.map((p) => `  ${p}`).join('\n')}\n` +
        '(restore them with `git checkout -- FILE` if the change was not meant; `npm run screenshots` refreshes ' +
        'docs/screenshots on purpose)\n',
    )
    process.exit(1)
  }
  process.stdout.write('tracked-files: the test run left every tracked file unchanged\n')
} else {
  process.stderr.write('usage: node scripts/tracked-files.mjs save|check\n')
  process.exit(2)
}
