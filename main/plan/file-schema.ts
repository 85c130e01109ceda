import { z } from 'zod'
import { KEY_TYPES } from '../pki/types'
import { TARGET_IDS } from '../trust/types'
import { addressSchema, portSchema } from './schema'

/**
 * The plan FILE (YAML, `version: 1`): what `registry-wizard setup --plan FILE` runs and what the GUI opens and saves
 * (File > Open plan / Save plan). Key names are a promise: a plan written by hand keeps working. Paths are relative to
 * the file (load.ts resolves them). Custom error texts are catalogue keys (`plan.problem.*`): load.ts renders them
 * with the key and the line.
 */
export const PLAN_VERSION = 1

const path = z.string({ error: 'plan.problem.path' }).min(1, { error: 'plan.problem.path' }).max(4096)
const positive = (max: number): z.ZodNumber =>
  z
    .number({ error: 'plan.problem.number' })
    .int({ error: 'plan.problem.number' })
    .min(1, { error: 'plan.problem.number' })
    .max(max, { error: 'plan.problem.number' })
const keyType = z.enum(KEY_TYPES, { error: 'plan.problem.keyType' })
const name = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: 'plan.problem.name' })
  .max(128, { error: 'plan.problem.name' })

const tlsFiles = z.strictObject({ ca: path, cert: path, key: path })

export const engineFileSchema = z.strictObject({
  /** `local`, `ssh://user@host` or `tcp://host:2376`. */
  host: z
    .string({ error: 'plan.problem.engineHost' })
    .regex(/^(local|ssh:\/\/\S+|tcp:\/\/\S+)$/, { error: 'plan.problem.engineHost' }),
  /** tcp:// only: the client certificate files. */
  tls: tlsFiles.optional(),
  /** ssh:// only. */
  ssh: z
    .strictObject({
      key: path.optional(),
      passphraseFile: path.optional(),
      knownHosts: path.optional(),
      hostKeyFingerprint: z
        .string()
        .regex(/^SHA256:\S+$/, { error: 'plan.problem.fingerprint' })
        .optional(),
    })
    .optional(),
  /** tcp:// without TLS, on purpose (the registry key then crosses the network in clear text). */
  insecure: z.boolean({ error: 'plan.problem.boolean' }).optional(),
})

const userSchema = z.strictObject({ name, passwordFile: path })

export const registryFileSchema = z.strictObject({
  addresses: z
    .array(addressSchema, { error: 'plan.problem.addresses' })
    .min(1, { error: 'plan.problem.addresses' })
    .max(32),
  port: portSchema,
  name: name.optional(),
  image: z.string().min(1).max(512).optional(),
  /** An image archive (`docker save`) loaded when the image is not on the engine. */
  tar: path.optional(),
  /** Storage: a host folder (`data`) or a named volume (`volume`), not both. Default: volume NAME-data. */
  data: path.optional(),
  volume: name.optional(),
  users: z.array(userSchema, { error: 'plan.problem.users' }).max(64).optional(),
  delete: z.boolean({ error: 'plan.problem.boolean' }).optional(),
  healthTimeout: positive(3600).optional(),
})

const subject = {
  cn: z.string({ error: 'plan.problem.text' }).min(1, { error: 'plan.problem.text' }).max(64),
  o: z.string().max(64).optional(),
  ou: z.string().max(64).optional(),
  c: z.string().length(2, { error: 'plan.problem.country' }).optional(),
  st: z.string().max(128).optional(),
  l: z.string().max(128).optional(),
}

export const caFileSchema = z.strictObject({
  dir: path,
  create: z
    .strictObject({
      ...subject,
      keyType: keyType.optional(),
      days: positive(36500).optional(),
      passphraseFile: path.optional(),
    })
    .optional(),
  import: z
    .strictObject({ cert: path, chain: path.optional(), key: path, passphraseFile: path.optional() })
    .optional(),
})

export const planFileSchema = z
  .strictObject({
    version: z.literal(PLAN_VERSION, { error: 'plan.problem.version' }),
    registry: registryFileSchema,
    engine: engineFileSchema.optional(),
    ca: caFileSchema,
    certificate: z.strictObject({
      dir: path,
      days: positive(3650).optional(),
      keyType: keyType.optional(),
    }),
    trust: z
      .strictObject({
        targets: z
          .array(z.enum(TARGET_IDS, { error: 'plan.problem.target' }))
          .min(1)
          .optional(),
        root: path.optional(),
      })
      .optional(),
    bundle: z.strictObject({ out: path, archive: z.enum(['zip', 'tar.gz']).optional() }).optional(),
    verify: z
      .strictObject({
        push: z.boolean({ error: 'plan.problem.boolean' }).optional(),
        timeout: positive(600).optional(),
        /** Which of registry.users the round trip logs in as (default: the first). */
        user: name.optional(),
      })
      .optional(),
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string): void =>
      ctx.addIssue({ code: 'custom', path, message })
    if ((p.ca.create === undefined) === (p.ca.import === undefined)) issue(['ca'], 'plan.problem.caSource')
    if (p.registry.data !== undefined && p.registry.volume !== undefined)
      issue(['registry', 'volume'], 'plan.problem.storage')
    const host = p.engine?.host ?? 'local'
    if (p.engine?.tls !== undefined && !host.startsWith('tcp://'))
      issue(['engine', 'tls'], 'plan.problem.tlsTcp')
    if (p.engine?.ssh !== undefined && !host.startsWith('ssh://'))
      issue(['engine', 'ssh'], 'plan.problem.sshSsh')
    const users = p.registry.users ?? []
    if (p.verify?.user !== undefined && !users.some((u) => u.name === p.verify?.user))
      issue(['verify', 'user'], 'plan.problem.verifyUser')
  })

export type PlanFile = z.infer<typeof planFileSchema>
export type EngineFile = z.infer<typeof engineFileSchema>
