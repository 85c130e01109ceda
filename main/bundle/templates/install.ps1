<#
.SYNOPSIS
  Registry Wizard trust bundle for Windows: trusts the private registry's CA.
.DESCRIPTION
  During a CA renewal's overlap ca.crt holds two CAs (the new one first), each with its line in ca.crt.sha256; each is
  imported. Checks its files against SHA256SUMS and every certificate of ca.crt against its SHA-256 fingerprint first, then imports them into
  Cert:\LocalMachine\Root (Docker Desktop and Windows programs read it) and writes
  C:\ProgramData\docker\certs.d\HOSTPORT\ca.crt for Docker Engine on Windows (the ':' is dropped: Windows folder
  names cannot hold it). Run from an elevated PowerShell:
    powershell -ExecutionPolicy Bypass -File .\install.ps1
    powershell -ExecutionPolicy Bypass -File .\install.ps1 -Uninstall
    powershell -ExecutionPolicy Bypass -File .\install.ps1 -DryRun -Registry 192.168.20.10:5000,registry.lan:5000
#>
param(
  [switch]$Uninstall,
  [switch]$DryRun,
  [string[]]$Registry
)
$ErrorActionPreference = 'Stop'
$bundle = Split-Path -Parent $MyInvocation.MyCommand.Path
$caFile = Join-Path $bundle 'ca.crt'

function Fail($message) { Write-Error "registry-trust: $message"; exit 1 }

# The bundle's own checksums come before anything else: every file this script uses must be listed and match.
$sumsFile = Join-Path $bundle 'SHA256SUMS'
if (-not (Test-Path -LiteralPath $sumsFile -PathType Leaf)) { Fail 'SHA256SUMS is missing beside install.ps1: the bundle is incomplete. Nothing was done.' }
$sums = @{}
foreach ($line in Get-Content -LiteralPath $sumsFile) {
  if ($line -match '^([0-9a-fA-F]{64}) [ *](.+)$') { $sums[$Matches[2]] = $Matches[1].ToUpperInvariant() }
}
foreach ($name in @('install.ps1', 'ca.crt', 'ca.crt.sha256', 'registries.txt')) {
  if (-not $sums.ContainsKey($name)) { Fail "SHA256SUMS does not list ${name}: the bundle was changed or damaged. Nothing was done." }
  $path = Join-Path $bundle $name
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { Fail "$name is missing beside install.ps1 (SHA256SUMS lists it): copy the whole bundle folder. Nothing was done." }
  $got = (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash.ToUpperInvariant()
  if ($got -ne $sums[$name]) { Fail "$name does not match SHA256SUMS (expected $($sums[$name]), got $got): the file was changed or damaged. Nothing was done." }
}

if (-not $Registry -or $Registry.Count -eq 0) {
  $Registry = Get-Content (Join-Path $bundle 'registries.txt') | Where-Object { $_ -and -not $_.StartsWith('#') } | ForEach-Object { $_.Trim() }
}
foreach ($r in $Registry) {
  # A registry name becomes a folder name: never . or .. or a path separator.
  if ($r -notmatch '^[A-Za-z0-9.:\[\]-]+$' -or $r -eq '.' -or $r -eq '..' -or $r.StartsWith('-')) { Fail "-Registry: '$r' is not valid; HOST:PORT is allowed" }
}

# The fingerprint check comes first: ca.crt holds one CA, or two while a CA renewal overlaps (one line each).
function Get-PemCertificates([string]$text) {
  $found = [regex]::Matches($text, '-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----')
  $certs = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
  foreach ($m in $found) {
    $der = [Convert]::FromBase64String(($m.Groups[1].Value -replace '\s', ''))
    [void]$certs.Add((New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (, $der)))
  }
  return , $certs
}
function Get-Sha256([System.Security.Cryptography.X509Certificates.X509Certificate2]$c) {
  $sha = [System.Security.Cryptography.SHA256]::Create()
  return -join ($sha.ComputeHash($c.RawData) | ForEach-Object { $_.ToString('X2') })
}
$text = Get-Content -Raw $caFile
if ($text -match 'PRIVATE KEY') { Fail 'ca.crt holds a private key: refusing' }
$certs = Get-PemCertificates $text
if ($certs.Count -lt 1 -or $certs.Count -gt 2) { Fail 'ca.crt must hold one certificate (two while a CA renewal overlaps)' }
$expected = @(Get-Content (Join-Path $bundle 'ca.crt.sha256') | Where-Object { $_ -match '^SHA256 Fingerprint=' } | ForEach-Object { ($_ -replace '^SHA256 Fingerprint=', '' -replace '[:\s]', '').ToUpperInvariant() })
if ($expected.Count -ne $certs.Count) { Fail 'ca.crt.sha256 must hold one SHA-256 fingerprint line (SHA256 Fingerprint=AB:CD:...) per certificate of ca.crt' }
for ($i = 0; $i -lt $certs.Count; $i++) {
  $actual = Get-Sha256 $certs[$i]
  if ($actual -ne $expected[$i]) { Fail "ca.crt does not match its fingerprint ($($expected[$i])): the file was changed or damaged. Nothing was done." }
  Write-Output "ca.crt fingerprint OK (SHA-256 $($expected[$i]))"
}

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $DryRun -and -not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  Fail 'run from an elevated PowerShell (Run as administrator)'
}

# The SHA-256 of each certificate of a file (none when it is not PEM).
function Get-FileCertHashes([string]$path) {
  $inFile = Get-PemCertificates (Get-Content -Raw $path)
  return @($inFile | ForEach-Object { Get-Sha256 $_ })
}
# One of this bundle's CAs alone (an earlier bundle of the same CA wrote it): replacing it is an upgrade.
function Test-BundleCa([string]$path) {
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { return $false }
  $h = Get-FileCertHashes $path
  return ($h.Count -eq 1) -and ($expected -contains $h[0])
}
# The two-CA file of a CA renewal holding one of our CAs: the thumbprints of its other certificates.
function Get-OverlapPartners([string]$path) {
  $inFile = Get-PemCertificates (Get-Content -Raw $path)
  if ($inFile.Count -ne 2) { return $null }
  $ours = @($inFile | Where-Object { $expected -contains (Get-Sha256 $_) })
  if ($ours.Count -eq 0) { return $null }
  return @($inFile | Where-Object { $expected -notcontains (Get-Sha256 $_) } | ForEach-Object { $_.Thumbprint })
}

$partners = @()
foreach ($r in $Registry) {
  $dir = Join-Path 'C:\ProgramData\docker\certs.d' ($r -replace ':', '')
  $dest = Join-Path $dir 'ca.crt'
  $bak = "$dest.bak-registry-wizard"
  $same = (Test-Path $dest) -and ((Get-FileHash $dest).Hash -eq (Get-FileHash $caFile).Hash)
  if (-not $Uninstall) {
    if ($same) { Write-Output "  already in place: $dest"; continue }
    if ((Test-Path $dest) -and -not (Test-BundleCa $dest)) { Fail "$dest exists with different content; left unchanged" }
    if ($DryRun) { Write-Output "  would write: $dest"; continue }
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    if (Test-Path $dest) { Copy-Item $dest $bak -Force; Write-Output "  kept: $bak" }
    Copy-Item $caFile $dest -Force
    Write-Output "  wrote: $dest"
    continue
  }
  # Uninstall: this ca.crt, one of our CAs alone, or the two-CA file a renewal's bundle put over our file (our backup
  # beside it; its other CA then leaves the store too). Anything else is left in place.
  $oursBak = Test-BundleCa $bak
  if ((Test-Path $dest) -and -not $same -and -not (Test-BundleCa $dest)) {
    $other = if ($oursBak) { Get-OverlapPartners $dest } else { $null }
    if ($null -eq $other) { Write-Output "  left in place (not installed by this bundle): $dest"; continue }
    $partners += $other
  }
  foreach ($f in @($dest, $bak)) {
    if (-not (Test-Path $f) -or ($f -eq $bak -and -not $oursBak)) { continue }
    if ($DryRun) { Write-Output "  would remove: $f"; continue }
    Remove-Item $f
    Write-Output "  removed: $f"
  }
  if (-not $DryRun -and (Test-Path $dir) -and -not (Get-ChildItem $dir)) { Remove-Item $dir }
}

# The Root store: one import (or removal) per certificate.
$restart = $false
foreach ($c in $certs) {
  $storePath = "Cert:\LocalMachine\Root\$($c.Thumbprint)"
  $trusted = Test-Path $storePath
  if (-not $Uninstall) {
    if ($trusted) { Write-Output "  already trusted: $storePath"; continue }
    if ($DryRun) { Write-Output "  would import into Cert:\LocalMachine\Root (thumbprint $($c.Thumbprint))"; continue }
    $tmp = Join-Path ([System.IO.Path]::GetTempPath()) "registry-wizard-$($c.Thumbprint).cer"
    [System.IO.File]::WriteAllBytes($tmp, $c.RawData)
    try { Import-Certificate -FilePath $tmp -CertStoreLocation Cert:\LocalMachine\Root | Out-Null }
    finally { Remove-Item $tmp -ErrorAction SilentlyContinue }
    Write-Output "  imported into Cert:\LocalMachine\Root (thumbprint $($c.Thumbprint))"
    $restart = $true
  } elseif ($trusted) {
    if ($DryRun) { Write-Output "  would remove $storePath"; continue }
    Remove-Item -Path $storePath
    Write-Output "  removed $storePath"
    $restart = $true
  }
}
foreach ($t in ($partners | Select-Object -Unique)) {
  $storePath = "Cert:\LocalMachine\Root\$t"
  if (-not (Test-Path $storePath)) { continue }
  if ($DryRun) { Write-Output "  would remove $storePath"; continue }
  Remove-Item -Path $storePath
  Write-Output "  removed $storePath"
  $restart = $true
}
if ($restart) { Write-Output 'note: restart Docker (Restart-Service docker, or restart Docker Desktop) so it sees the change' }
Write-Output "registry-trust: $(if ($Uninstall) { 'uninstall' } else { 'install' }) finished"
