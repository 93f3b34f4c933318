// The app's settings (src/preload/schemas.ts settingsSchema), kept in userData/settings.json.
// A file that is missing, damaged or from an incompatible version counts as the defaults:
// settings are recoverable by an administrator, a crash at start-up is not.
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../preload/schemas';
import type { JsonFile } from '../storage/json-file';

export interface SettingsStore {
  get(): Promise<Settings>;
  set(settings: Settings): Promise<Settings>;
}

export function createSettingsStore(file: JsonFile, onDamaged: (reason: string) => void): SettingsStore {
  return {
    async get() {
      const stored = await file.read();
      if (stored === undefined) return DEFAULT_SETTINGS;
      const parsed = settingsSchema.safeParse(stored);
      if (parsed.success) return parsed.data;
      onDamaged(
        `settings.json is not valid (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); using defaults.`,
      );
      return DEFAULT_SETTINGS;
    },
    async set(settings) {
      // Parsed again although IPC already did: the store is also called from main itself.
      const valid = settingsSchema.parse(settings);
      await file.write(valid);
      return valid;
    },
  };
}
