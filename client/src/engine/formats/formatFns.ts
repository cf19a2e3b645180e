/**
 * Cell formats (`Format.type`): each turns a plain cell value into a display string and a raw
 * value for CSV/XLSX export. Registered by name like every other built-in.
 */

import { FIELD_TYPES, type FieldType } from "../columns/types";
import type { Format, FormatType } from "../model";
import { defineRegistry } from "../registry";
import { isoDateOfDay, MS_PER_DAY, MS_PER_HOUR, pad2 } from "../time/civil";
import type { TimeZone } from "../time/timeZone";

/**
 * A cell's plain value: numbers for number/duration (seconds)/date (UTC-midnight ms)/datetime
 * (epoch ms), labels for options/users/issue links, label lists for multi, null when empty.
 */
export type CellValue = null | number | string | boolean | readonly string[];

export interface FormattedValue {
  display: string;
  /** For export: numbers stay numbers (durations in the display unit), dates as ISO strings. */
  raw: string | number | boolean | null;
}

export interface FormatContext {
  readonly timeZone: TimeZone;
  readonly locale: string;
}

export interface FormatFn {
  readonly name: FormatType;
  /** Field types this format can display; others fall back to their default format. */
  readonly appliesTo: readonly FieldType[];
  format(value: CellValue, fieldType: FieldType, format: Format, context: FormatContext): FormattedValue;
}

const EMPTY: FormattedValue = { display: "", raw: null };

/** How many decimals a number shows: exactly `min` when they equal, else trailing zeros dropped down to `min`. */
interface Decimals {
  readonly min: number;
  readonly max: number;
}

// A plain number without `decimals` keeps its fraction (0.5 story points is not 1) but drops
// trailing zeros, so whole numbers still read as whole numbers.
const DEFAULT_NUMBER_DECIMALS: Decimals = { min: 0, max: 2 };

const FALLBACK_LOCALE = "en-US";
const canonicalLocales = new Map<string, string>();
/**
 * A locale Intl accepts: Jira's `en_US` becomes `en-US`, and one Intl cannot read becomes en-US
 * rather than a RangeError in every cell.
 */
export function intlLocale(locale: string): string {
  let canonical = canonicalLocales.get(locale);
  if (canonical === undefined) {
    try {
      canonical = Intl.getCanonicalLocales(locale.replace(/_/g, "-"))[0] ?? FALLBACK_LOCALE;
    } catch {
      canonical = FALLBACK_LOCALE;
    }
    canonicalLocales.set(locale, canonical);
  }
  return canonical;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, decimals: Decimals, grouping: boolean): Intl.NumberFormat {
  const id = `${locale}|${decimals.min}|${decimals.max}|${grouping ? 1 : 0}`;
  let nf = numberFormats.get(id);
  if (!nf) {
    nf = new Intl.NumberFormat(intlLocale(locale), {
      minimumFractionDigits: decimals.min,
      maximumFractionDigits: decimals.max,
      useGrouping: grouping,
      // −0.004 rounds to 0, not "-0".
      signDisplay: "negative",
    });
    numberFormats.set(id, nf);
  }
  return nf;
}

// Without a `date_style`, dates read as the rest of the app shows them (the report list, the
// trash): the user's locale, medium length, with a short time for date-times. ISO is a choice.
const DEFAULT_DATE_STYLE = "medium";

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, timeZone: string, dateStyle: "short" | "medium" | "long", withTime: boolean): Intl.DateTimeFormat {
  const id = `${locale}|${timeZone}|${dateStyle}|${withTime ? 1 : 0}`;
  let df = dateFormats.get(id);
  if (!df) {
    df = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, dateStyle, ...(withTime ? { timeStyle: "short" } : {}) });
    dateFormats.set(id, df);
  }
  return df;
}

const validDecimals = (d: number | null | undefined): d is number => typeof d === "number" && Number.isInteger(d) && d >= 0 && d <= 6;

/** The format's `decimals` exactly, when it sets a valid count; else the fallback. */
function decimalsOf(format: Format, fallback: Decimals | number): Decimals {
  if (validDecimals(format.decimals)) return { min: format.decimals, max: format.decimals };
  return typeof fallback === "number" ? { min: fallback, max: fallback } : fallback;
}

function labelText(value: CellValue): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return typeof value === "number" ? value.toString() : (value as string);
}

/** Civil day of a date or datetime value: dates are UTC-midnight ms, datetimes are instants. */
function dayOf(value: number, fieldType: FieldType, timeZone: TimeZone): number {
  return fieldType === "datetime" ? timeZone.localDay(value) : Math.floor(value / MS_PER_DAY);
}

function offsetText(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `1w 2d 3h 30m` with 8-hour days and 5-day weeks, as Jira's time tracking shows durations. */
export function jiraDuration(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  let minutes = Math.round(Math.abs(seconds) / 60);
  if (minutes === 0) return "0m";
  const weeks = Math.floor(minutes / (60 * 8 * 5));
  minutes -= weeks * 60 * 8 * 5;
  const days = Math.floor(minutes / (60 * 8));
  minutes -= days * 60 * 8;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const parts: string[] = [];
  if (weeks) parts.push(`${weeks}w`);
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  return sign + parts.join(" ");
}

export const formatFn_text: FormatFn = {
  name: "text",
  appliesTo: FIELD_TYPES,
  format(value, fieldType, _format, context) {
    if (value === null || (typeof value === "number" && Number.isNaN(value))) return EMPTY;
    if (typeof value === "number") {
      if (fieldType === "date" || fieldType === "datetime") return formatFn_date.format(value, fieldType, { type: "date" }, context);
      if (fieldType === "duration") return formatFn_duration.format(value, fieldType, { type: "duration" }, context);
    }
    const display = labelText(value);
    return { display, raw: typeof value === "boolean" ? value : display };
  },
};

export const formatFn_number: FormatFn = {
  name: "number",
  appliesTo: ["number", "duration"],
  format(value, fieldType, format, context) {
    if (typeof value !== "number" || Number.isNaN(value)) return EMPTY;
    // A duration shown as a plain number is in hours, the unit formulas use too.
    const n = fieldType === "duration" ? value / 3600 : value;
    const decimals = decimalsOf(format, DEFAULT_NUMBER_DECIMALS);
    return { display: numberFormat(context.locale, decimals, format.thousands_separator !== false).format(n), raw: n };
  },
};

export const formatFn_percent: FormatFn = {
  name: "percent",
  appliesTo: ["number"],
  format(value, _fieldType, format, context) {
    if (typeof value !== "number" || Number.isNaN(value)) return EMPTY;
    const decimals = decimalsOf(format, 1);
    const display = `${numberFormat(context.locale, decimals, format.thousands_separator !== false).format(value * 100)}%`;
    return { display, raw: value };
  },
};

export const formatFn_duration: FormatFn = {
  name: "duration",
  appliesTo: ["duration"],
  format(value, _fieldType, format, context) {
    if (typeof value !== "number" || Number.isNaN(value)) return EMPTY;
    const style = format.duration_style ?? "hours";
    const grouping = format.thousands_separator !== false;
    if (style === "jira") return { display: jiraDuration(value), raw: value / 3600 };
    const decimals = decimalsOf(format, 1);
    const amount = style === "days" ? value / (8 * 3600) : value / 3600;
    const unit = style === "days" ? "d" : "h";
    return { display: `${numberFormat(context.locale, decimals, grouping).format(amount)}${unit}`, raw: amount };
  },
};

export const formatFn_date: FormatFn = {
  name: "date",
  appliesTo: ["date", "datetime"],
  format(value, fieldType, format, context) {
    if (typeof value !== "number" || Number.isNaN(value)) return EMPTY;
    const day = dayOf(value, fieldType, context.timeZone);
    const iso = isoDateOfDay(day);
    const style = format.date_style ?? DEFAULT_DATE_STYLE;
    if (style === "iso") return { display: iso, raw: iso };
    // The civil day is formatted in UTC so the viewer's zone cannot shift it by a day.
    return { display: dateFormat(context.locale, "UTC", style, false).format(day * MS_PER_DAY), raw: iso };
  },
};

export const formatFn_datetime: FormatFn = {
  name: "datetime",
  appliesTo: ["date", "datetime"],
  format(value, fieldType, format, context) {
    if (typeof value !== "number" || Number.isNaN(value)) return EMPTY;
    if (fieldType === "date") return formatFn_date.format(value, fieldType, format, context);
    const tz = context.timeZone;
    const local = tz.localMs(value);
    const day = Math.floor(local / MS_PER_DAY);
    const msOfDay = local - day * MS_PER_DAY;
    const hh = pad2(Math.floor(msOfDay / MS_PER_HOUR));
    const mm = pad2(Math.floor((msOfDay % MS_PER_HOUR) / 60000));
    const ss = pad2(Math.floor((msOfDay % 60000) / 1000));
    const isoDate = isoDateOfDay(day);
    const raw = `${isoDate}T${hh}:${mm}:${ss}${offsetText(tz.offsetAt(value))}`;
    const style = format.date_style ?? DEFAULT_DATE_STYLE;
    if (style === "iso") return { display: `${isoDate} ${hh}:${mm}`, raw };
    return { display: dateFormat(context.locale, tz.id, style, true).format(value), raw };
  },
};

export const formatFn_user: FormatFn = {
  name: "user",
  appliesTo: ["user", "multi"],
  format(value) {
    if (value === null || (Array.isArray(value) && value.length === 0)) return EMPTY;
    const display = labelText(value);
    return { display, raw: display };
  },
};

export const formatFn_option: FormatFn = {
  name: "option",
  appliesTo: ["option", "multi", "user", "issuelink", "boolean"],
  format(value) {
    if (value === null || (Array.isArray(value) && value.length === 0)) return EMPTY;
    const display = labelText(value);
    return { display, raw: typeof value === "boolean" ? value : display };
  },
};

export const formatFns = defineRegistry<FormatFn>("format", [
  formatFn_text,
  formatFn_number,
  formatFn_percent,
  formatFn_duration,
  formatFn_date,
  formatFn_datetime,
  formatFn_user,
  formatFn_option,
]);

const DEFAULT_FORMAT: Record<FieldType, FormatType> = {
  text: "text",
  number: "number",
  duration: "duration",
  date: "date",
  datetime: "datetime",
  user: "user",
  option: "option",
  multi: "option",
  issuelink: "text",
  boolean: "option",
};

/** The column's format if it fits the field type, else the type's default (and whether it fell back). */
export function resolveFormat(fieldType: FieldType, format: Format | null | undefined): { format: Format; fellBack: boolean } {
  if (format) {
    const fn = formatFns.get(format.type);
    if (fn?.appliesTo.includes(fieldType)) return { format, fellBack: false };
    return { format: { type: DEFAULT_FORMAT[fieldType] }, fellBack: true };
  }
  return { format: { type: DEFAULT_FORMAT[fieldType] }, fellBack: false };
}

export function formatValue(value: CellValue, fieldType: FieldType, format: Format, context: FormatContext): FormattedValue {
  const fn = formatFns.get(format.type) ?? formatFn_text;
  return fn.format(value, fieldType, format, context);
}
