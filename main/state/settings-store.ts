import { promises as fs } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { KnownCa, KnownCert, Language, Plan, Settings } from '../ipc/contract'
import { writeFileAtomic } from '../fs/atomic-write'
import { planSchema } from '../plan/schema'

/**
 * Non-secret settings as JSON in the app data folder: language, the plan, the CAs and certificates this app made
 * (paths, subjects, fingerprints, expiry). Never a key, never a passphrase. A damaged file is set aside and the
 * defaults are used, so the app always starts. The plan is read with the one plan schema (main/plan/schema.ts) the
 * IPC requests use: a saved plan the app would refuse today is dropped (the Plan step starts afresh), the rest kept.
 */
const fileSchema = z.object({
  language: z.enum(['en', 'zh-CN']).optional(),
  plan: planSchema.optional().catch(undefined),
  knownCas: z
    .array(
      z.object({ dir: z.string(), subject: z.string(), fingerprintSha256: z.string(), notAfter: z.string() }),
    )
    .default([]),
  knownCerts: z
    .array(
      z.object({
        certPath: z.string(),
        caDir: z.string(),
        sans: z.array(z.string()),
        fingerprintSha256: z.string(),
        notAfter: z.string(),
      }),
    )
    .default([]),
})

export class SettingsStore {
  readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json')
  }

  async read(): Promise<Settings> {
    let text: string
    try {
      text = await fs.readFile(this.file, 'utf8')
    } catch {
      return { knownCas: [], knownCerts: [] }
    }
    try {
      return fileSchema.parse(JSON.parse(text))
    } catch {
      await fs.rename(this.file, `${this.file}.damaged-${Date.now()}`).catch(() => undefined)
      return { knownCas: [], knownCerts: [] }
    }
  }

  async update(change: (s: Settings) => Settings): Promise<Settings> {
    const next = change(await this.read())
    await fs.mkdir(dirname(this.file), { recursive: true })
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
    return next
  }

  savePlan(p: Plan): Promise<Settings> {
    return this.update((s) => ({ ...s, plan: p }))
  }

  setLanguage(language: Language): Promise<Settings> {
    return this.update((s) => ({ ...s, language }))
  }

  rememberCa(ca: KnownCa): Promise<Settings> {
    return this.update((s) => ({
      ...s,
      knownCas: [ca, ...s.knownCas.filter((c) => c.dir !== ca.dir)].slice(0, 20),
    }))
  }

  rememberCert(cert: KnownCert): Promise<Settings> {
    return this.update((s) => ({
      ...s,
      knownCerts: [cert, ...s.knownCerts.filter((c) => c.certPath !== cert.certPath)].slice(0, 20),
    }))
  }
}
