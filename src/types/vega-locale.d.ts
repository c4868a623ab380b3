// vega exports `locale(numberSpec, timeSpec)` (from vega-format) at run time; its typings omit it.
import type { LocaleFormatters } from 'vega';

declare module 'vega' {
  export function locale(numberSpec: object, timeSpec: object): LocaleFormatters;
}
