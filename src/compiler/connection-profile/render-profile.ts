// A connection profile as the bytes the SDKs read: YAML (PEMs as literal blocks) or JSON (two-space indent).
// Both keep the profile's key order, which buildConnectionProfile fixes; neither wraps long lines.
import { yamlPackage } from '../../yaml-package.js';
import type { ConnectionProfile } from './connection-profile.js';

export type ProfileFormat = 'yaml' | 'json';

export const PROFILE_FORMATS: readonly ProfileFormat[] = ['yaml', 'json'];

export function renderConnectionProfile(profile: ConnectionProfile, format: ProfileFormat): string {
  if (format === 'json') return `${JSON.stringify(profile, null, 2)}\n`;
  return yamlPackage().stringify(profile, { lineWidth: 0, aliasDuplicateObjects: false });
}
