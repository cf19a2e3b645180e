/**
 * A `ConfirmRequest` as it crosses frames: the opener sends it through the host (Connect's dialog
 * custom data, Forge's modal context), the dialog frame reads it back and answers with the form's
 * values, and the opener reads that answer. Both directions are only trusted as far as their
 * shape: a request of plain text fields in small numbers, values that fit the request.
 */

import type { ConfirmRequest, DialogAnswer, DialogCheck, DialogChoice, DialogTypeToConfirm, DialogValues } from "./host";

/** Enough for any dialog of the app; a request past them is not one of ours. */
const MAX_TEXT = 2000;
const MAX_CHOICES = 4;
const MAX_OPTIONS = 8;
const MAX_CHECKS = 8;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.length <= MAX_TEXT;
const isName = (value: unknown): value is string => typeof value === "string" && NAME.test(value);

function typeToConfirmOf(value: unknown): DialogTypeToConfirm | null {
  if (!isFields(value)) return null;
  const { name, label, expected, placeholder } = value;
  if (!isName(name) || !isText(label) || !(expected === null || isText(expected))) return null;
  if (placeholder !== undefined && !isText(placeholder)) return null;
  return placeholder === undefined ? { name, label, expected } : { name, label, expected, placeholder };
}

function choiceOf(value: unknown): DialogChoice | null {
  if (!isFields(value)) return null;
  const { name, legend, options, initial } = value;
  if (!isName(name) || !isText(legend) || !Array.isArray(options)) return null;
  if (options.length < 2 || options.length > MAX_OPTIONS) return null;
  const read = options.map((option) => (isFields(option) && isText(option.value) && isText(option.label) ? option : null));
  if (read.some((option) => option === null)) return null;
  const valid = read.map((option) => ({ value: option?.value as string, label: option?.label as string }));
  const values = new Set(valid.map((option) => option.value));
  if (values.size !== valid.length || typeof initial !== "string" || !values.has(initial)) return null;
  return { name, legend, options: valid, initial };
}

function checkOf(value: unknown): DialogCheck | null {
  if (!isFields(value)) return null;
  const { name, label, initial } = value;
  if (!isName(name) || !isText(label) || typeof initial !== "boolean") return null;
  return { name, label, initial };
}

/** A list of `max` items at most, each read by `read`; null when absent. Undefined: refused. */
function listOf<T>(value: unknown, max: number, read: (item: unknown) => T | null): T[] | null | undefined {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length > max) return undefined;
  const items = value.map(read);
  return items.some((item) => item === null) ? undefined : (items as T[]);
}

/** The request in `value`, or null when it is not one. */
export function confirmRequestOf(value: unknown): ConfirmRequest | null {
  if (!isFields(value)) return null;
  const { title, message, confirmLabel, danger, cancelLabel, typeToConfirm, choices, checks } = value;
  if (!isText(title) || !isText(message) || !isText(confirmLabel)) return null;
  if (cancelLabel !== undefined && !isText(cancelLabel)) return null;
  const typed = typeToConfirm === undefined ? null : typeToConfirmOf(typeToConfirm);
  if (typeToConfirm !== undefined && typed === null) return null;
  const choiceList = listOf(choices, MAX_CHOICES, choiceOf);
  const checkList = listOf(checks, MAX_CHECKS, checkOf);
  if (choiceList === undefined || checkList === undefined) return null;
  const request: ConfirmRequest = {
    title,
    message,
    confirmLabel,
    danger: danger === true,
    ...(cancelLabel === undefined ? {} : { cancelLabel }),
    ...(typed ? { typeToConfirm: typed } : {}),
    ...(choiceList ? { choices: choiceList } : {}),
    ...(checkList ? { checks: checkList } : {}),
  };
  // One value per name: two fields of one name would overwrite each other's answer.
  const names = fieldNames(request);
  return new Set(names).size === names.length ? request : null;
}

function fieldNames(request: ConfirmRequest): string[] {
  return [
    ...(request.typeToConfirm ? [request.typeToConfirm.name] : []),
    ...(request.choices ?? []).map((choice) => choice.name),
    ...(request.checks ?? []).map((check) => check.name),
  ];
}

/** Whether the request carries a form (the dialog needs more room than a question). */
export function hasForm(request: ConfirmRequest): boolean {
  return fieldNames(request).length > 0;
}

/** The form as it opens: each choice's and check's initial value, nothing typed. */
export function initialValues(request: ConfirmRequest): DialogValues {
  const values: Record<string, string | boolean> = {};
  if (request.typeToConfirm) values[request.typeToConfirm.name] = "";
  for (const choice of request.choices ?? []) values[choice.name] = choice.initial;
  for (const check of request.checks ?? []) values[check.name] = check.initial;
  return values;
}

const comparable = (text: string): string => text.trim().replace(/\/+$/, "");

/** Whether `typed` is the expected text. Spaces around it and trailing slashes do not count: a
 * URL is typed both ways. */
export function typedMatches(typed: string, expected: string | null): boolean {
  if (comparable(typed) === "") return false;
  return expected === null || comparable(typed) === comparable(expected);
}

/** Whether the confirm button may be used with these values. */
export function canConfirm(request: ConfirmRequest, values: DialogValues): boolean {
  const typed = request.typeToConfirm;
  if (!typed) return true;
  const text = values[typed.name];
  return typeof text === "string" && typedMatches(text, typed.expected);
}

/** The request's values in `raw`: each field's value when it fits the field, else its initial one. */
function valuesFor(request: ConfirmRequest, raw: unknown): DialogValues {
  const given = isFields(raw) ? raw : {};
  const values: Record<string, string | boolean> = { ...initialValues(request) };
  const typed = request.typeToConfirm;
  if (typed && isText(given[typed.name])) values[typed.name] = given[typed.name] as string;
  for (const choice of request.choices ?? []) {
    const value = given[choice.name];
    if (choice.options.some((option) => option.value === value)) values[choice.name] = value as string;
  }
  for (const check of request.checks ?? []) {
    const value = given[check.name];
    if (typeof value === "boolean") values[check.name] = value;
  }
  return values;
}

/** The answer the dialog frame closed with, read against the opener's own request. Anything that
 * is not an explicit, valid confirmation (Esc on the host's overlay, a text that does not match)
 * is "no". */
export function answerFor(request: ConfirmRequest, payload: unknown): DialogAnswer {
  const answer = isFields(payload) ? payload : {};
  const values = valuesFor(request, answer.values);
  return { confirmed: answer.confirmed === true && canConfirm(request, values), values };
}
