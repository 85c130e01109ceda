import { cpSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { makeTmpDir } from '../support/fs-snapshot'

export interface Finding {
  issue: string
  severity: string
  confidence: string
  filename: string
  location: string
  sample: string
}

interface ElectronegativityOptions {
  input: string
  customScan: string[]
  excludeFromScan: string[]
  isRelative: boolean
  isVerbose: boolean
  parserPlugins: string[]
}

interface RawIssue {
  id: string
  severity: { name: string }
  confidence: { name: string }
  file: string
  location: { line: number; column: number }
  sample: string
}

/**
 * Runs Doyensec's Electronegativity on what ships: the built main, preload and renderer (a copy of out/ without
 * the CLI, plus package.json). Its own CLI entry is unusable here (it relies on an old hoisted commander), so this
 * calls its runner, the function the CLI calls, which returns the findings when not printing for a terminal.
 */
export async function scanBuiltApp(): Promise<Finding[]> {
  const input = join(makeTmpDir('rw-eneg-'), 'app')
  for (const part of ['main', 'preload', 'renderer']) cpSync(resolve('out', part), join(input, part), { recursive: true })
  cpSync(resolve('package.json'), join(input, 'package.json'))
  const require = createRequire(import.meta.url)
  const run = require('@doyensec/electronegativity') as (
    o: ElectronegativityOptions,
    forCli: boolean,
  ) => Promise<{ issues: RawIssue[] }>
  const { issues } = await run(
    { input, customScan: [], excludeFromScan: [], isRelative: true, isVerbose: false, parserPlugins: [] },
    false,
  )
  return issues.map((i) => ({
    issue: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    filename: i.file,
    location: `${i.location.line}:${i.location.column}`,
    sample: i.sample,
  }))
}

export interface AcceptedFinding {
  issue: string
  reason: string
}

/** Findings we accept, each with its reason: tests/release/electronegativity-accepted.yml. */
export function acceptedFindings(): AcceptedFinding[] {
  return parse(readFileSync(resolve('tests/release/electronegativity-accepted.yml'), 'utf8')) as AcceptedFinding[]
}
