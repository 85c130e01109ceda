import { describe, expect, it } from 'vitest'
import { familyFromOsRelease, parseOsRelease } from './os-family'

describe('OS family from /etc/os-release', () => {
  it.each([
    ['ID=debian', 'debian'],
    ['ID=ubuntu\nID_LIKE=debian', 'debian'],
    ['ID=alpine', 'debian'],
    ['ID="centos"\nID_LIKE="rhel fedora"', 'rhel'],
    ['ID="rocky"\nID_LIKE="rhel centos fedora"', 'rhel'],
    ['ID="almalinux"', 'rhel'],
    ['ID=fedora', 'rhel'],
    ['ID="opensuse-leap"\nID_LIKE="suse opensuse"', 'suse'],
    ['ID="sles"', 'suse'],
    ['ID=arch', 'arch'],
    ['ID=somethingnew\nID_LIKE="ubuntu debian"', 'debian'],
    ['ID=gentoo', 'unknown'],
  ])('%j -> %s', (text, family) => {
    expect(familyFromOsRelease(parseOsRelease(text))).toBe(family)
  })

  it('parses quoted values', () => {
    expect(parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n# c\nID=debian')).toEqual({
      PRETTY_NAME: 'Debian GNU/Linux 12 (bookworm)',
      ID: 'debian',
    })
  })
})
