import { z } from 'zod'

/**
 * The plan: where the registry will be reached and which Docker engine runs it. ONE schema, used where a plan
 * comes in (the IPC requests in main/ipc/schemas.ts) and where one is loaded back (main/state/settings-store.ts),
 * so a plan the app would refuse from the window is refused the same way from disk. Custom error texts are
 * catalogue keys (`input.allowed.*`): the front ends render them as the `allowed` of INVALID_INPUT.
 */
export type DockerEndpoint =
  | { kind: 'local' }
  | { kind: 'ssh'; url: string }
  /** `insecure`: the user ticked "engine without TLS" (secrets would cross the network in clear text). */
  | { kind: 'tcp'; url: string; tlsDir?: string | undefined; insecure?: boolean | undefined }

export interface Plan {
  /** IPs and DNS names clients will use to reach the registry; every one becomes a SAN. */
  addresses: string[]
  port: number
  docker: DockerEndpoint
}

/** A file or folder path as a request gives it. */
export const pathSchema = z.string().min(1).max(4096)
/** A TCP port. */
export const portSchema = z
  .number({ error: 'input.allowed.port' })
  .int({ error: 'input.allowed.port' })
  .min(1, { error: 'input.allowed.port' })
  .max(65535, { error: 'input.allowed.port' })
/** An IP address or DNS name (surrounding blanks are dropped). */
export const addressSchema = z.string().trim().min(1).max(253)

export const dockerEndpointSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('local') }),
    z.strictObject({
      kind: z.literal('ssh'),
      url: z.string().regex(/^ssh:\/\/\S+$/, { error: 'input.allowed.sshUrl' }),
    }),
    z.strictObject({
      kind: z.literal('tcp'),
      url: z.string().regex(/^tcp:\/\/\S+$/, { error: 'input.allowed.tcpUrl' }),
      tlsDir: pathSchema.optional(),
      insecure: z.boolean().optional(),
    }),
  ],
  { error: 'input.allowed.dockerKind' },
) satisfies z.ZodType<DockerEndpoint>

export const planSchema = z.strictObject({
  addresses: z.array(addressSchema).min(1).max(32),
  port: portSchema,
  docker: dockerEndpointSchema,
}) satisfies z.ZodType<Plan>
