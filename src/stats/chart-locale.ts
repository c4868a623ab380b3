// Vega's number and time formats for the chart's axes in the current language (d3 locale
// definitions), built from the runtime's own Intl data: month and day names as the language
// writes them, its decimal and thousands separators. English keeps d3's defaults.
import { currentLanguage } from '../i18n/translate.js';

interface VegaLocale {
  number: { decimal: string; thousands: string; grouping: number[]; currency: [string, string] };
  time: { dateTime: string; date: string; time: string; periods: [string, string]; days: string[]; shortDays: string[]; months: string[]; shortMonths: string[] };
}

const cache = new Map<string, VegaLocale>();

function names(language: string, option: Intl.DateTimeFormatOptions, dates: Date[]): string[] {
  const f = new Intl.DateTimeFormat(language, { ...option, timeZone: 'UTC' });
  return dates.map((d) => f.format(d).replace(/\.$/, ''));
}

function build(language: string): VegaLocale {
  const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const thousands = parts.find((p) => p.type === 'group')?.value ?? ',';
  const months = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2026, m, 15)));
  // 2026-02-01 was a Sunday: d3 lists days from Sunday.
  const days = Array.from({ length: 7 }, (_, d) => new Date(Date.UTC(2026, 1, 1 + d)));
  return {
    number: { decimal, thousands, grouping: [3], currency: ['', ''] },
    time: {
      dateTime: '%x, %X',
      date: '%d.%m.%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: names(language, { weekday: 'long' }, days),
      shortDays: names(language, { weekday: 'short' }, days),
      // Standalone month names (nominative): "prosinec", not "prosince".
      months: months.map((d) => new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).formatToParts(d).find((p) => p.type === 'month')!.value),
      shortMonths: names(language, { month: 'short' }, months),
    },
  };
}

/** The current language's locale for a vega View; undefined for English (vega's defaults). */
export function chartLocale(): VegaLocale | undefined {
  const language = currentLanguage();
  if (language === 'en' || language === 'pseudo') return undefined;
  let locale = cache.get(language);
  if (!locale) cache.set(language, (locale = build(language)));
  return locale;
}
