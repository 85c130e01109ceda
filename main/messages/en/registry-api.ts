// The OCI distribution API client (main/registry-api): what a registry answered, digests, TLS, auth.

export const registryApiErrors = {
  REGISTRY_API_READ_ONLY: {
    message:
      '{{method}} {{url}}: the registry is in read-only maintenance mode (garbage collection is running); pushes and deletes are refused meanwhile.',
    hint: 'Push again when the garbage collection has finished.',
  },
  REGISTRY_API_NO_PUSH: {
    message:
      '{{url}}: the registry refuses uploads (405 UNSUPPORTED): it is a pull-through mirror, which only serves what it fetches from its upstream.',
    hint: 'Push to your own registry (its address and port), not to the mirror.',
  },
  REGISTRY_API_HTTP: {
    message: '{{method}} {{url}}: the registry answered {{status}} {{registryCode}} {{registryMessage}}',
    hint: 'Check the repository name, the reference and the rights of the user; the registry log tells more.',
  },
  REGISTRY_API_DIGEST_MISMATCH: {
    message: 'Digest mismatch for {{what}}: expected {{expected}}, the content is {{actual}}.',
    hint: 'The content was changed or cut short on the way. Nothing was tagged; copy the source again.',
  },
  REGISTRY_API_DIGEST_INVALID: {
    message: '{{field}}: "{{value}}" is not a sha256 digest (sha256: and 64 hex digits).',
    hint: 'Give the digest as sha256:<64 lowercase hex digits>.',
  },
  REGISTRY_API_UNAUTHORIZED: {
    message: '{{method}} {{url}}: the registry refused the credentials ({{status}}).',
    hint: 'Check the user name and the password for this registry.',
  },
  REGISTRY_API_TOKEN: {
    message: 'No token from {{realm}}: {{reason}}',
    hint: 'Check that the token service is reachable and accepts the credentials.',
  },
  REGISTRY_API_TLS: {
    message: 'TLS to {{host}} failed: {{reason}}',
    hint: 'The registry certificate must be issued by the CA given here and name the address used.',
  },
  REGISTRY_API_UNREACHABLE: {
    message: 'Cannot reach the registry at {{host}}: {{reason}}',
    hint: 'Check the address and port, and that the registry is running.',
  },
  REGISTRY_API_PROTOCOL: {
    message: '{{method}} {{url}}: unexpected answer from the registry: {{detail}}',
    hint: 'Check that the address is an OCI distribution registry (/v2/).',
  },
} as const
