import { isAbsolute } from 'node:path'
import { z } from 'zod'
import {
  addressSchema as address,
  dockerEndpointSchema as dockerEndpoint,
  pathSchema as path,
  planSchema as plan,
  portSchema as port,
} from '../plan/schema'
import { KEY_TYPES } from '../pki/key-types'
import type { Channel, RequestOf } from './contract'

/**
 * One zod schema per channel, typed against the contract: `satisfies` below fails to compile when a schema's
 * output no longer fits its request type, and `SchemaMatches` fails when the contract grows a field the schema lacks.
 * Strings are bounded, objects are strict (unknown fields are refused, not ignored). The plan's schema is
 * main/plan/schema.ts (the settings file loads plans with it too). Custom error texts are catalogue keys
 * (`input.allowed.*`): main/ipc/request-error.ts turns a failure into INVALID_INPUT with them as `allowed`.
 */
const text = (max = 4096) => z.string().min(1).max(max)
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'input.allowed.jobId' })
const secret = z.string().min(1).max(1024).optional()

const hostPort = { host: address, port }
/** A Docker Hub mirror HOST:PORT (the trust domain parses it; empty = none). */
const mirror = z.string().max(300).optional()
const login = z.strictObject({
  user: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'input.allowed.user' }),
  password: z.string().min(1).max(256),
})

// Images: picks are named by main's ids; references and platforms are checked again by the domain.
const pickId = z.string().regex(/^pick-[0-9a-f]{16}$/, { error: 'gui.images.allowed.pickId' })
const imagesRegistry = { ...hostPort, caCertPath: path, credentials: login.optional() }
const imageRef = z.string().regex(/^[A-Za-z0-9][\w.:/@+-]{0,511}$/, { error: 'gui.images.allowed.reference' })

// Registry contents: the registry by the saved plan's address (main finds CA, engine, container); names checked.
const contentsRegistry = { ...hostPort, credentials: login.optional() }
const repoName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._/-]{0,254}$/, { error: 'gui.contents.allowed.repository' })
const repoFilter = z
  .string()
  .regex(/^[\w./*?{}[\]!,-]{1,255}$/, { error: 'gui.contents.allowed.filter' })
  .optional()
const tagName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/, { error: 'gui.contents.allowed.tag' })
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'gui.contents.allowed.digest' })
const retentionRules = z.strictObject({
  keepLast: z.number().int().min(0).max(1_000_000).optional(),
  olderThanDays: z.number().min(0).max(100_000).optional(),
  protect: z.array(z.string().min(1).max(255)).max(64).optional(),
})

export const schemas = {
  getAppInfo: z.undefined(),
  getSettings: z.undefined(),
  savePlan: plan,
  setLanguage: z.strictObject({ language: z.enum(['en', 'zh-CN']) }),
  listAddresses: z.undefined(),
  chooseFolder: z.strictObject({ title: text(200).optional(), defaultPath: path.optional() }),
  chooseFile: z.strictObject({
    title: text(200).optional(),
    extensions: z.array(text(16)).max(16).optional(),
  }),
  cancelJob: z.strictObject({ jobId }),
  openPlanFile: z.undefined(),
  savePlanFile: z.strictObject({
    id: z
      .string()
      .regex(/^plan-[0-9a-f]{16}$/)
      .optional(),
    plan,
  }),
  checkSans: z.strictObject({ sans: z.array(address).max(32) }),
  createCa: z.strictObject({
    jobId,
    dir: path,
    commonName: text(64),
    organization: text(64).optional(),
    days: z.number().int().min(1).max(36500).optional(),
    keyType: z.enum(KEY_TYPES).optional(),
    keySize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
    passphrase: secret,
    force: z.boolean().optional(),
  }),
  importCa: z.strictObject({
    dir: path,
    certPath: path,
    chainPath: path.optional(),
    keyPath: path,
    passphrase: secret,
    force: z.boolean().optional(),
  }),
  openCa: z.strictObject({ dir: path }),
  pregenKey: z.strictObject({ keyType: z.enum(KEY_TYPES) }),
  issueServerCert: z.strictObject({
    jobId,
    caDir: path,
    outDir: path,
    sans: z.array(address).min(1).max(32),
    days: z.number().int().min(1).max(825).optional(),
    keyType: z.enum(KEY_TYPES).optional(),
    passphrase: secret,
    force: z.boolean().optional(),
  }),
  inspectCertificate: z.strictObject({ path, host: address.optional() }),
  testDockerConnection: z.strictObject({ endpoint: dockerEndpoint }),
  registryPreflight: z.strictObject({ plan, certDir: path }),
  startRegistry: z.strictObject({
    jobId,
    plan,
    certDir: path,
    imageTar: path.optional(),
    storagePath: path.optional(),
    users: z.array(login).max(20).optional(),
  }),
  registryStatus: z.strictObject({ plan }),
  followRegistryLogs: z.strictObject({ jobId, plan }),
  registryStop: z.strictObject({ plan }),
  registryRestart: z.strictObject({ jobId, plan, certDir: path }),
  registryRemove: z.strictObject({ plan, deleteData: z.boolean() }),
  registryRenewCert: z.strictObject({
    jobId,
    plan,
    caDir: path.optional(),
    passphrase: secret,
    days: z.number().int().min(1).max(825).optional(),
    toNewCa: z.boolean().optional(),
  }),
  renewCa: z.strictObject({
    jobId,
    caDir: path,
    passphrase: secret,
    days: z.number().int().min(1).max(36500).optional(),
  }),
  servedCa: z.strictObject({ plan }),
  registryReplaceCert: z.strictObject({
    jobId,
    plan,
    certDir: path,
    caDir: path,
    passphrase: secret,
    days: z.number().int().min(1).max(825).optional(),
  }),
  startMirror: z.strictObject({
    jobId,
    plan,
    certDir: path,
    upstream: text(2048).optional(),
    upstreamCaPath: path.optional(),
    upstreamUser: z
      .string()
      .regex(/^[^\s:]{1,256}$/, { error: 'mirror.allowed.user' })
      .optional(),
    upstreamPasswordPath: path.optional(),
    port: port.optional(),
  }),
  mirrorStatus: z.strictObject({ plan }),
  mirrorStop: z.strictObject({ plan }),
  mirrorRestart: z.strictObject({ jobId, plan, certDir: path }),
  mirrorRemove: z.strictObject({ plan, deleteData: z.boolean() }),
  planTrust: z.strictObject({ caCertPath: path, ...hostPort, mirror }),
  applyTrust: z.strictObject({ jobId, caCertPath: path, ...hostPort, mirror }),
  listDrives: z.undefined(),
  exportBundle: z.strictObject({
    jobId,
    outDir: path,
    caCertPath: path,
    ...hostPort,
    mirror,
    previousCa: z.boolean().optional(),
  }),
  copyBundleToDrive: z.strictObject({
    jobId,
    bundleId: z.string().regex(/^bundle-[0-9a-f]{16}$/, { error: 'input.allowed.bundleId' }),
    driveId: z.string().regex(/^drive-[0-9a-f]{16}$/, { error: 'input.allowed.driveId' }),
    force: z.boolean().optional(),
  }),
  runVerify: z
    .strictObject({
      jobId,
      caCertPath: path,
      certPath: path.optional(),
      ...hostPort,
      push: z.boolean().optional(),
      docker: dockerEndpoint.optional(),
      credentials: login.optional(),
    })
    .refine((r) => r.push !== true || r.docker !== undefined, {
      error: 'input.allowed.pushNeedsDocker',
      path: ['docker'],
    }),
  pickImagesPath: z.strictObject({ kind: z.enum(['archive', 'layout', 'exportFolder']) }),
  inspectImageArchive: z.strictObject({ archiveId: pickId }),
  importImages: z.strictObject({
    jobId,
    ...imagesRegistry,
    archiveIds: z.array(pickId).min(1).max(64),
    prefix: text(255).optional(),
    repository: text(255).optional(),
  }),
  registerDroppedImagesPath: z.strictObject({
    path: z
      .string()
      .max(4096)
      .refine((p) => isAbsolute(p), { error: 'gui.images.allowed.droppedPath' }),
  }),
  exportImages: z
    .strictObject({
      jobId,
      ...imagesRegistry,
      refs: z.array(imageRef).min(1).max(1000),
      format: z.enum(['oci', 'docker']),
      platform: z
        .string()
        .regex(/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/, { error: 'gui.images.allowed.platform' })
        .optional(),
      prefix: text(255).optional(),
      fileName: z
        .string()
        .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,123}\.tar$/, { error: 'gui.images.allowed.fileName' }),
      folderId: pickId.optional(),
      driveId: z
        .string()
        .regex(/^drive-[0-9a-f]{16}$/, { error: 'input.allowed.driveId' })
        .optional(),
      force: z.boolean().optional(),
    })
    .refine((r) => (r.folderId === undefined) !== (r.driveId === undefined), {
      error: 'gui.images.allowed.destination',
      path: ['folderId'],
    }),
  readCatalog: z.strictObject({ ...contentsRegistry, repo: repoFilter }),
  storageUsage: z.strictObject(contentsRegistry),
  deleteImage: z
    .strictObject({
      ...contentsRegistry,
      repository: repoName,
      tag: tagName.optional(),
      digest: digest.optional(),
    })
    .refine((r) => (r.tag === undefined) !== (r.digest === undefined), {
      error: 'gui.contents.allowed.tagOrDigest',
      path: ['tag'],
    }),
  planRetention: z.strictObject({ ...contentsRegistry, rules: retentionRules, repo: repoFilter }),
  swarmAvailable: z.strictObject({ plan }),
  startSwarmRegistry: z.strictObject({
    jobId,
    plan,
    certDir: path,
    replicas: z.number().int().min(1).max(100),
    publishMode: z.enum(['ingress', 'host']),
    volume: z
      .strictObject({
        name: z
          .string()
          .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, { error: 'gui.swarm.allowed.volumeName' })
          .optional(),
        driver: z
          .string()
          .regex(/^[\w.:/-]{1,128}$/, { error: 'gui.swarm.allowed.volumeDriver' })
          .optional(),
        options: z
          .record(
            z.string().regex(/^[\w.-]{1,64}$/, { error: 'gui.swarm.allowed.volumeOption' }),
            z.string().max(1024),
          )
          .optional(),
      })
      .optional(),
    redisImage: imageRef.optional(),
    replace: z.boolean().optional(),
    imageTar: path.optional(),
    users: z.array(login).max(20).optional(),
  }),
  swarmStatus: z.strictObject({ plan }),
  swarmRestart: z.strictObject({ jobId, plan, certDir: path }),
  swarmReplaceCert: z.strictObject({
    jobId,
    plan,
    certDir: path,
    caDir: path.optional(),
    passphrase: secret,
    days: z.number().int().min(1).max(825).optional(),
  }),
  swarmRemove: z.strictObject({ plan, deleteData: z.boolean() }),
  pickK8sFolder: z.undefined(),
  writeK8sManifests: z.strictObject({
    folderId: z.string().regex(/^k8s-[0-9a-f]{16}$/, { error: 'gui.k8s.allowed.folderId' }),
    caCertPath: path,
    ...hostPort,
    mirror,
    namespace: z.string().max(253).optional(),
    image: z.string().max(512).optional(),
    login: login.optional(),
    force: z.boolean().optional(),
  }),
  prune: z.strictObject({
    jobId,
    ...contentsRegistry,
    planId: z.string().regex(/^plan-[0-9a-f]{16}$/, { error: 'gui.contents.allowed.planId' }),
  }),
  enableDelete: z.strictObject({ jobId, ...contentsRegistry }),
  garbageCollect: z
    .strictObject({
      jobId,
      ...contentsRegistry,
      dryRun: z.boolean(),
      deleteUntagged: z.boolean().optional(),
      untaggedWarningAccepted: z.boolean().optional(),
    })
    .refine((r) => r.deleteUntagged !== true || r.untaggedWarningAccepted === true, {
      error: 'gui.contents.allowed.untaggedConfirm',
      path: ['deleteUntagged'],
    }),
} satisfies { [C in Channel]: z.ZodType<RequestOf<C>> }

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** Compile-time check in the other direction: every contract request type equals its schema's output. */
type SchemaMatches = { [C in Channel]: Same<z.output<(typeof schemas)[C]>, RequestOf<C>> }
export const schemasMatchContract: SchemaMatches = Object.fromEntries(
  Object.keys(schemas).map((k) => [k, true]),
) as {
  [C in Channel]: true
}
