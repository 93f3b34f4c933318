/** Dates and ages as officers read them: Indonesian format, in the unit's own time zone. */
import { TIME_ZONES, type TimeZone } from '../../shared';

const ZONE_LABEL: Record<TimeZone, string> = { WIB: 'WIB', WITA: 'WITA', WIT: 'WIT' };

type Shape = 'dateTime' | 'date' | 'time';
const SHAPES: Record<Shape, Intl.DateTimeFormatOptions> = {
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
};

// Building an Intl.DateTimeFormat costs far more than formatting with one, and a queue
// re-renders its rows often: one formatter per language, zone and shape, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(shape: Shape, zone: TimeZone, language: string): Intl.DateTimeFormat {
  const locale = language === 'en' ? 'en-GB' : 'id-ID';
  const key = `${shape}|${zone}|${locale}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONES[zone].iana, ...SHAPES[shape] });
    formatters.set(key, found);
  }
  return found;
}

export function formatDateTime(iso: string, zone: TimeZone, language: string): string {
  return `${formatter('dateTime', zone, language).format(new Date(iso))} ${ZONE_LABEL[zone]}`;
}

export type AgeUnit = 'justNow' | 'minutes' | 'hours' | 'days';

/** How long ago, in the largest whole unit. */
export function ageOf(ms: number): { unit: AgeUnit; count: number } {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { unit: 'justNow', count: 0 };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatTime(date: Date, zone: TimeZone, language: string): string {
  return `${formatter('time', zone, language).format(date)} ${ZONE_LABEL[zone]}`;
}
