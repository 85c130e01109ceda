/** Normalises an image reference for comparison: "docker.io/library/registry:2" and "registry:2" are the same. */
export function normalizeImageRef(ref: string): string {
  let r = ref.trim()
  const lastSlash = r.lastIndexOf('/')
  const lastColon = r.lastIndexOf(':')
  if (!r.includes('@') && (lastColon === -1 || lastColon < lastSlash)) r = `${r}:latest`
  r = r.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
  if (!r.includes('/')) return r
  return r.replace(/^library\//, '')
}

export function sameImageRef(a: string, b: string): boolean {
  return normalizeImageRef(a) === normalizeImageRef(b)
}

/** registry:3 (distribution v3) reads /etc/distribution/config.yml; registry:2 reads /etc/docker/registry/config.yml. */
export function isRegistryV3(ref: string): boolean {
  return /(^|\/)registry:3(\.|$)/.test(normalizeImageRef(ref))
}
