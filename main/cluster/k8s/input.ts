import { invalidInput } from '../../errors'
import { message } from '../../messages/index'
import type { RegistryAddress, TrustCa } from '../../trust/types'
import { DEFAULT_IMAGE, DEFAULT_NAMESPACE } from './constants'

/** A login for the registries, for the pull secret and registries.yaml's `auth` (the password never printed). */
export interface PullLogin {
  user: string
  password: string
}

/** What the manifests are made from: checked by {@link checkK8sInput} before anything is built or written. */
export interface K8sManifestInput {
  ca: TrustCa
  /** The CA a renewal replaced (bundle overlap): ca.crt on the nodes then carries both. */
  previousCa?: TrustCa | undefined
  registries: RegistryAddress[]
  /** The Docker Hub pull-through mirror: certs.d/docker.io/hosts.toml and k3s's docker.io mirror entry. */
  mirror?: RegistryAddress | undefined
  namespace?: string | undefined
  image?: string | undefined
  /** htpasswd login: a kubernetes.io/dockerconfigjson Secret and `auth` in registries.yaml. */
  login?: PullLogin | undefined
}

/** The same, with the defaults filled in. */
export interface K8sSpec extends K8sManifestInput {
  namespace: string
  image: string
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
/** An image reference as the kubelet takes it: [registry[:port]/]path[:tag][@sha256:digest]. */
const IMAGE_REF = new RegExp(
  `^(?:(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\])(?::\\d{1,5})?/)?${COMPONENT}(?:/${COMPONENT})*` +
    '(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$',
)
const USER = /^[^\s:]{1,256}$/

/** The namespace: a DNS label (RFC 1123), at most 63 characters. */
export function checkNamespace(value: string, field = 'namespace'): string {
  if (value.length > 63 || !DNS_LABEL.test(value))
    throw invalidInput(field, value, message('k8s.allowed.namespace'))
  return value
}

export function checkImage(value: string, field = 'image'): string {
  if (value.length > 512 || !IMAGE_REF.test(value))
    throw invalidInput(field, value, message('k8s.allowed.image'))
  return value
}

export function checkPullUser(value: string, field = 'pullSecretUser'): string {
  if (!USER.test(value)) throw invalidInput(field, value, message('k8s.allowed.user'))
  return value
}

/** Checks every field (bad input: a clear error naming it, nothing built) and fills in the defaults. */
export function checkK8sInput(input: K8sManifestInput): K8sSpec {
  const namespace = checkNamespace(input.namespace ?? DEFAULT_NAMESPACE)
  const image = checkImage(input.image ?? DEFAULT_IMAGE)
  if (input.login !== undefined) checkPullUser(input.login.user)
  if (input.login !== undefined && input.login.password === '')
    throw invalidInput('password', '', message('k8s.allowed.password'))
  return { ...input, namespace, image }
}
