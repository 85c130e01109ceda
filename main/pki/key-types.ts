// The key types (no Node imports: the renderer reads them too).

/**
 * Key types for CAs and server certificates (issue 15). ECDSA P-256 is the default for new CAs and certificates;
 * `--key-size N` (keySize) stays and means rsa-N (main/pki/keys.ts resolveKeyType).
 */
export const KEY_TYPES = ['ecdsa-p256', 'rsa-2048', 'rsa-3072', 'rsa-4096'] as const
export type KeyType = (typeof KEY_TYPES)[number]
export const DEFAULT_KEY_TYPE: KeyType = 'ecdsa-p256'
/** The EC curves a CA key may be on to issue (an imported CA): P-256, P-384, P-521 (OpenSSL's names). */
export const SIGNING_CURVES = ['prime256v1', 'secp384r1', 'secp521r1'] as const
