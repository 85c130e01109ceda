// The OCI distribution API client: one registry over HTTPS trusting only the CA given, basic and token auth.
export { call, httpError, parseChallenge, ping, registryClient } from './client'
export type { RegistryClient, RegistryClientOptions } from './client'
export { checkDigestForm, sha256Digest, verifyDigest } from './digest'
export type { RegistryEndpoint } from './http'
export { blobExists, getBlob, pushBlob } from './blobs'
export type { BlobSource, PushBlobOptions, PushBlobResult } from './blobs'
export { getManifest, headManifest, MANIFEST_TYPES, putManifest } from './manifests'
export type { Manifest, ManifestHead } from './manifests'
