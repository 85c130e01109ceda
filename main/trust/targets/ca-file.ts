import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { osStoreFileName } from '../ca-certificate'
import type { TargetContext, TrustStep } from '../types'

/**
 * The CA as a file path for store commands that take one (macOS `security`, Windows `Import-Certificate`): the source
 * file itself only when it holds exactly the canonical PEM; otherwise (a chain the root was taken from, text beside
 * the block, PEM text without a file) a canonical copy written first into this user's temp folder.
 */
export function caFileForCommand(ctx: TargetContext): { path: string; steps: TrustStep[] } {
  if (ctx.ca.sourcePath && ctx.ca.sourceIsCanonical === true) return { path: ctx.ca.sourcePath, steps: [] }
  const path = join(tmpdir(), osStoreFileName(ctx.ca))
  return { path, steps: [{ kind: 'write', path, content: ctx.ca.pem, mode: 0o644 }] }
}
